package dev.recpipe.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.recpipe.common.cli.Tool;
import dev.recpipe.common.cli.ToolCommand;
import dev.recpipe.common.testing.ToolRun;
import dev.recpipe.fanout.FanoutCommand;
import dev.recpipe.reader.ReaderCommand;
import dev.recpipe.summer.SummerCommand;
import dev.recpipe.writer.WriterCommand;
import java.util.Arrays;
import java.util.Map;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every numeric and enum option of every tool, refusing values at and past its edges, in
 * recpipe's words: the option as typed, the value quoted as typed, what is wrong, and what it
 * takes ({@code fanout: -n: '99999999999999999999' is out of range; give 1 to 2147483647}), and
 * status 2. They were picocli's ({@code Invalid value for option '--workers':
 * '99999999999999999999' is not an int}), named the option by its longest name, and said no range;
 * and picocli took a Unicode digit as a digit ({@code fanout -n ٣} ran 3 workers).
 */
class OptionValuesTest {
  private static final Map<String, Supplier<ToolCommand>> TOOLS = Map.of(
      "reader", ReaderCommand::new, "summer", SummerCommand::new, "writer", WriterCommand::new,
      "fanout", FanoutCommand::new, "gencsv", GenCsvCommand::new, "heavy", HeavyCommand::new);

  /** The command line (V is the value: a word V, or the end of a word), [the value], and the message. */
  private static final String TABLE = """
      fanout -n V cat                 | [] | -n: '' is not a whole number; give 1 to 2147483647
      fanout -b V cat                 | [] | -b: '' is not a whole number; give 1 to 2147483647
      fanout --buffer V cat           | [] | --buffer: '' is not a whole number; give 0 to 2147483647
      fanout --retries V cat          | [] | --retries: '' is not a whole number; give 0 to 2147483647
      fanout -n V cat                 | [-1] | -n: '-1' is out of range; give 1 to 2147483647
      fanout -b V cat                 | [-1] | -b: '-1' is out of range; give 1 to 2147483647
      fanout --buffer V cat           | [-1] | --buffer: '-1' is out of range; give 0 to 2147483647
      fanout --retries V cat          | [-1] | --retries: '-1' is out of range; give 0 to 2147483647
      fanout -n V cat                 | [0] | -n: '0' is out of range; give 1 to 2147483647
      fanout -b V cat                 | [0] | -b: '0' is out of range; give 1 to 2147483647
      fanout -n V cat                 | [2147483648] | -n: '2147483648' is out of range; give 1 to 2147483647
      fanout -b V cat                 | [2147483648] | -b: '2147483648' is out of range; give 1 to 2147483647
      fanout --buffer V cat           | [2147483648] | --buffer: '2147483648' is out of range; give 0 to 2147483647
      fanout --retries V cat          | [2147483648] | --retries: '2147483648' is out of range; give 0 to 2147483647
      fanout -n V cat                 | [99999999999999999999] | -n: '99999999999999999999' is out of range; give 1 to 2147483647
      fanout -b V cat                 | [99999999999999999999] | -b: '99999999999999999999' is out of range; give 1 to 2147483647
      fanout --buffer V cat           | [99999999999999999999] | --buffer: '99999999999999999999' is out of range; give 0 to 2147483647
      fanout --retries V cat          | [99999999999999999999] | --retries: '99999999999999999999' is out of range; give 0 to 2147483647
      fanout -n V cat                 | [1e3] | -n: '1e3' is not a whole number; give 1 to 2147483647
      fanout -b V cat                 | [1e3] | -b: '1e3' is not a whole number; give 1 to 2147483647
      fanout --buffer V cat           | [1e3] | --buffer: '1e3' is not a whole number; give 0 to 2147483647
      fanout --retries V cat          | [1e3] | --retries: '1e3' is not a whole number; give 0 to 2147483647
      fanout -n V cat                 | [ 5] | -n: ' 5' is not a whole number; give 1 to 2147483647
      fanout -b V cat                 | [ 5] | -b: ' 5' is not a whole number; give 1 to 2147483647
      fanout --buffer V cat           | [ 5] | --buffer: ' 5' is not a whole number; give 0 to 2147483647
      fanout --retries V cat          | [ 5] | --retries: ' 5' is not a whole number; give 0 to 2147483647
      fanout -n V cat                 | [0x10] | -n: '0x10' is not a whole number; give 1 to 2147483647
      fanout -b V cat                 | [0x10] | -b: '0x10' is not a whole number; give 1 to 2147483647
      fanout --buffer V cat           | [0x10] | --buffer: '0x10' is not a whole number; give 0 to 2147483647
      fanout --retries V cat          | [0x10] | --retries: '0x10' is not a whole number; give 0 to 2147483647
      fanout -n V cat                 | [\u0663] | -n: '\u0663' is not a whole number; give 1 to 2147483647
      fanout -b V cat                 | [\u0663] | -b: '\u0663' is not a whole number; give 1 to 2147483647
      fanout --buffer V cat           | [\u0663] | --buffer: '\u0663' is not a whole number; give 0 to 2147483647
      fanout --retries V cat          | [\u0663] | --retries: '\u0663' is not a whole number; give 0 to 2147483647
      fanout --progress --total V cat | [] | --total: '' is not a whole number; give 0 to 9223372036854775807
      fanout --progress --total V cat | [-1] | --total: '-1' is out of range; give 0 to 9223372036854775807
      fanout --progress --total V cat | [9223372036854775808] | --total: '9223372036854775808' is out of range; give 0 to 9223372036854775807
      fanout --progress --total V cat | [99999999999999999999] | --total: '99999999999999999999' is out of range; give 0 to 9223372036854775807
      fanout --progress --total V cat | [1e3] | --total: '1e3' is not a whole number; give 0 to 9223372036854775807
      fanout --progress --total V cat | [ 5] | --total: ' 5' is not a whole number; give 0 to 9223372036854775807
      fanout --progress --total V cat | [0x10] | --total: '0x10' is not a whole number; give 0 to 9223372036854775807
      fanout --progress --total V cat | [\u0663] | --total: '\u0663' is not a whole number; give 0 to 9223372036854775807
      fanout --grace V cat            | [] | --grace: '' is not a number; give seconds from 0 to 1000000
      fanout --stall-timeout V cat    | [] | --stall-timeout: '' is not a number; give seconds from 0 to 1000000
      fanout --grace V cat            | [-1] | --grace: '-1' is out of range; give seconds from 0 to 1000000
      fanout --stall-timeout V cat    | [-1] | --stall-timeout: '-1' is out of range; give seconds from 0 to 1000000
      fanout --grace V cat            | [1000001] | --grace: '1000001' is out of range; give seconds from 0 to 1000000
      fanout --stall-timeout V cat    | [1000001] | --stall-timeout: '1000001' is out of range; give seconds from 0 to 1000000
      fanout --grace V cat            | [99999999999999999999] | --grace: '99999999999999999999' is out of range; give seconds from 0 to 1000000
      fanout --stall-timeout V cat    | [99999999999999999999] | --stall-timeout: '99999999999999999999' is out of range; give seconds from 0 to 1000000
      fanout --grace V cat            | [0x10] | --grace: '0x10' is not a number; give seconds from 0 to 1000000
      fanout --stall-timeout V cat    | [0x10] | --stall-timeout: '0x10' is not a number; give seconds from 0 to 1000000
      fanout --grace V cat            | [\u0663] | --grace: '\u0663' is not a number; give seconds from 0 to 1000000
      fanout --stall-timeout V cat    | [\u0663] | --stall-timeout: '\u0663' is not a number; give seconds from 0 to 1000000
      fanout --dispatch V cat         | [] | --dispatch: '' is unknown; give round-robin or ready
      fanout --dispatch V cat         | [x] | --dispatch: 'x' is unknown; give round-robin or ready
      fanout --dispatch V cat         | [READY] | --dispatch: 'READY' is unknown; give round-robin or ready
      fanout --dispatch V cat         | [ ready] | --dispatch: ' ready' is unknown; give round-robin or ready
      gencsv 1 V 1                    | [] | COLS: '' is not a whole number; give 1 to 2147483647
      gencsv 1 V 1                    | [-1] | COLS: '-1' is out of range; give 1 to 2147483647
      gencsv 1 V 1                    | [0] | COLS: '0' is out of range; give 1 to 2147483647
      gencsv 1 V 1                    | [2147483648] | COLS: '2147483648' is out of range; give 1 to 2147483647
      gencsv 1 V 1                    | [99999999999999999999] | COLS: '99999999999999999999' is out of range; give 1 to 2147483647
      gencsv 1 V 1                    | [1e3] | COLS: '1e3' is not a whole number; give 1 to 2147483647
      gencsv 1 V 1                    | [ 5] | COLS: ' 5' is not a whole number; give 1 to 2147483647
      gencsv 1 V 1                    | [0x10] | COLS: '0x10' is not a whole number; give 1 to 2147483647
      gencsv 1 V 1                    | [\u0663] | COLS: '\u0663' is not a whole number; give 1 to 2147483647
      gencsv V 1 1                    | [] | ROWS: '' is not a whole number; give 0 to 9223372036854775807
      gencsv 0 1 V                    | [] | SEED: '' is not a whole number; give -9223372036854775808 to 9223372036854775807
      gencsv --min V 0 1 1            | [] | --min: '' is not a whole number; give -9223372036854775808 to 9223372036854775807
      gencsv --max V 0 1 1            | [] | --max: '' is not a whole number; give -9223372036854775808 to 9223372036854775807
      gencsv V 1 1                    | [-1] | ROWS: '-1' is out of range; give 0 to 9223372036854775807
      gencsv V 1 1                    | [9223372036854775808] | ROWS: '9223372036854775808' is out of range; give 0 to 9223372036854775807
      gencsv 0 1 V                    | [9223372036854775808] | SEED: '9223372036854775808' is out of range; give -9223372036854775808 to 9223372036854775807
      gencsv --min V 0 1 1            | [9223372036854775808] | --min: '9223372036854775808' is out of range; give -9223372036854775808 to 9223372036854775807
      gencsv --max V 0 1 1            | [9223372036854775808] | --max: '9223372036854775808' is out of range; give -9223372036854775808 to 9223372036854775807
      gencsv V 1 1                    | [99999999999999999999] | ROWS: '99999999999999999999' is out of range; give 0 to 9223372036854775807
      gencsv 0 1 V                    | [99999999999999999999] | SEED: '99999999999999999999' is out of range; give -9223372036854775808 to 9223372036854775807
      gencsv --min V 0 1 1            | [99999999999999999999] | --min: '99999999999999999999' is out of range; give -9223372036854775808 to 9223372036854775807
      gencsv --max V 0 1 1            | [99999999999999999999] | --max: '99999999999999999999' is out of range; give -9223372036854775808 to 9223372036854775807
      gencsv V 1 1                    | [1e3] | ROWS: '1e3' is not a whole number; give 0 to 9223372036854775807
      gencsv 0 1 V                    | [1e3] | SEED: '1e3' is not a whole number; give -9223372036854775808 to 9223372036854775807
      gencsv --min V 0 1 1            | [1e3] | --min: '1e3' is not a whole number; give -9223372036854775808 to 9223372036854775807
      gencsv --max V 0 1 1            | [1e3] | --max: '1e3' is not a whole number; give -9223372036854775808 to 9223372036854775807
      gencsv V 1 1                    | [ 5] | ROWS: ' 5' is not a whole number; give 0 to 9223372036854775807
      gencsv 0 1 V                    | [ 5] | SEED: ' 5' is not a whole number; give -9223372036854775808 to 9223372036854775807
      gencsv --min V 0 1 1            | [ 5] | --min: ' 5' is not a whole number; give -9223372036854775808 to 9223372036854775807
      gencsv --max V 0 1 1            | [ 5] | --max: ' 5' is not a whole number; give -9223372036854775808 to 9223372036854775807
      gencsv V 1 1                    | [0x10] | ROWS: '0x10' is not a whole number; give 0 to 9223372036854775807
      gencsv 0 1 V                    | [0x10] | SEED: '0x10' is not a whole number; give -9223372036854775808 to 9223372036854775807
      gencsv --min V 0 1 1            | [0x10] | --min: '0x10' is not a whole number; give -9223372036854775808 to 9223372036854775807
      gencsv --max V 0 1 1            | [0x10] | --max: '0x10' is not a whole number; give -9223372036854775808 to 9223372036854775807
      gencsv V 1 1                    | [\u0663] | ROWS: '\u0663' is not a whole number; give 0 to 9223372036854775807
      gencsv 0 1 V                    | [\u0663] | SEED: '\u0663' is not a whole number; give -9223372036854775808 to 9223372036854775807
      gencsv --min V 0 1 1            | [\u0663] | --min: '\u0663' is not a whole number; give -9223372036854775808 to 9223372036854775807
      gencsv --max V 0 1 1            | [\u0663] | --max: '\u0663' is not a whole number; give -9223372036854775808 to 9223372036854775807
      heavy --scale V                 | [] | --scale: '' is not a number; give 0 to 1000000
      heavy --scale V                 | [-1] | --scale: '-1' is out of range; give 0 to 1000000
      heavy --scale V                 | [1000001] | --scale: '1000001' is out of range; give 0 to 1000000
      heavy --scale V                 | [99999999999999999999] | --scale: '99999999999999999999' is out of range; give 0 to 1000000
      heavy --scale V                 | [0x10] | --scale: '0x10' is not a number; give 0 to 1000000
      heavy --scale V                 | [\u0663] | --scale: '\u0663' is not a number; give 0 to 1000000
      reader --first-line V           | [] | --first-line: '' is not a whole number; give 1 to 4611686018427387904
      reader --lines --first-byte V   | [] | --first-byte: '' is not a whole number; give 0 to 4611686018427387904
      reader --first-seq V            | [] | --first-seq: '' is not a whole number; give 0 to 9223372036854775807
      reader --first-line V           | [-1] | --first-line: '-1' is out of range; give 1 to 4611686018427387904
      reader --lines --first-byte V   | [-1] | --first-byte: '-1' is out of range; give 0 to 4611686018427387904
      reader --first-seq V            | [-1] | --first-seq: '-1' is out of range; give 0 to 9223372036854775807
      reader --first-line V           | [0] | --first-line: '0' is out of range; give 1 to 4611686018427387904
      reader --first-line V           | [9223372036854775807] | --first-line: '9223372036854775807' is out of range; give 1 to 4611686018427387904
      reader --lines --first-byte V   | [9223372036854775807] | --first-byte: '9223372036854775807' is out of range; give 0 to 4611686018427387904
      reader --first-line V           | [9223372036854775808] | --first-line: '9223372036854775808' is out of range; give 1 to 4611686018427387904
      reader --lines --first-byte V   | [9223372036854775808] | --first-byte: '9223372036854775808' is out of range; give 0 to 4611686018427387904
      reader --first-seq V            | [9223372036854775808] | --first-seq: '9223372036854775808' is out of range; give 0 to 9223372036854775807
      reader --first-line V           | [99999999999999999999] | --first-line: '99999999999999999999' is out of range; give 1 to 4611686018427387904
      reader --lines --first-byte V   | [99999999999999999999] | --first-byte: '99999999999999999999' is out of range; give 0 to 4611686018427387904
      reader --first-seq V            | [99999999999999999999] | --first-seq: '99999999999999999999' is out of range; give 0 to 9223372036854775807
      reader --first-line V           | [1e3] | --first-line: '1e3' is not a whole number; give 1 to 4611686018427387904
      reader --lines --first-byte V   | [1e3] | --first-byte: '1e3' is not a whole number; give 0 to 4611686018427387904
      reader --first-seq V            | [1e3] | --first-seq: '1e3' is not a whole number; give 0 to 9223372036854775807
      reader --first-line V           | [ 5] | --first-line: ' 5' is not a whole number; give 1 to 4611686018427387904
      reader --lines --first-byte V   | [ 5] | --first-byte: ' 5' is not a whole number; give 0 to 4611686018427387904
      reader --first-seq V            | [ 5] | --first-seq: ' 5' is not a whole number; give 0 to 9223372036854775807
      reader --first-line V           | [0x10] | --first-line: '0x10' is not a whole number; give 1 to 4611686018427387904
      reader --lines --first-byte V   | [0x10] | --first-byte: '0x10' is not a whole number; give 0 to 4611686018427387904
      reader --first-seq V            | [0x10] | --first-seq: '0x10' is not a whole number; give 0 to 9223372036854775807
      reader --first-line V           | [\u0663] | --first-line: '\u0663' is not a whole number; give 1 to 4611686018427387904
      reader --lines --first-byte V   | [\u0663] | --first-byte: '\u0663' is not a whole number; give 0 to 4611686018427387904
      reader --first-seq V            | [\u0663] | --first-seq: '\u0663' is not a whole number; give 0 to 9223372036854775807
      reader -d V                     | [] | -d: '' is not one character; give one ASCII character, or \\t or tab for a tab
      reader -d V                     | [ab] | -d: 'ab' is not one character; give one ASCII character, or \\t or tab for a tab
      reader -d V                     | ["] | -d: '"' is a quote, which cannot be a delimiter; give one ASCII character, or \\t or tab for a tab
      reader -d V                     | [é] | -d: 'é' is not an ASCII character; give one ASCII character, or \\t or tab for a tab
      summer --text -d V              | [] | -d: '' is not one character; give one ASCII character, or \\t or tab for a tab
      summer --text -d V              | [ab] | -d: 'ab' is not one character; give one ASCII character, or \\t or tab for a tab
      summer --text -d V              | ["] | -d: '"' is a quote, which cannot be a delimiter; give one ASCII character, or \\t or tab for a tab
      summer --text -d V              | [é] | -d: 'é' is not an ASCII character; give one ASCII character, or \\t or tab for a tab
      writer -f V                     | [] | -f: '' is unknown; give csv, tsv, jsonl or lines
      writer -f V                     | [x] | -f: 'x' is unknown; give csv, tsv, jsonl or lines
      writer -f V                     | [CSV] | -f: 'CSV' is unknown; give csv, tsv, jsonl or lines
      writer -f V                     | [ csv] | -f: ' csv' is unknown; give csv, tsv, jsonl or lines
      fanout --workers V cat          | [0] | --workers: '0' is out of range; give 1 to 2147483647
      fanout --workers=V cat          | [99999999999999999999] | --workers: '99999999999999999999' is out of range; give 1 to 2147483647
      fanout -nV cat                  | [0] | -n: '0' is out of range; give 1 to 2147483647
      fanout -n=V cat                 | [x] | -n: 'x' is not a whole number; give 1 to 2147483647
      fanout --batch=V cat            | [-0] | --batch: '-0' is out of range; give 1 to 2147483647
      fanout deal -b V a              | [0] | -b: '0' is out of range; give 1 to 2147483647
      fanout deal --dispatch V a      | [any] | --dispatch: 'any' is unknown; give round-robin or ready
      fanout merge --buffer V a       | [x] | --buffer: 'x' is not a whole number; give 0 to 2147483647
      fanout --grace V cat            | [NaN] | --grace: 'NaN' is not a number; give seconds from 0 to 1000000
      fanout --grace V cat            | [1d] | --grace: '1d' has a suffix (a number alone is seconds: 86400 for a day); give seconds from 0 to 1000000
      fanout --stall-timeout V cat    | [1e-10] | --stall-timeout: '1e-10' is more than 0 (none) but less than a nanosecond (1e-9); give seconds from 0 to 1000000
      summer --text --delimiter V     | [9] | --delimiter: '9' is a digit, which cannot be a delimiter; give one ASCII character, or \\t or tab for a tab
      writer --format=V               | [xml] | --format: 'xml' is unknown; give csv, tsv, jsonl or lines
      """;

  static Stream<Arguments> refusals() {
    return TABLE.lines().map(line -> {
      String[] columns = line.split("\\|", 3);
      String value = columns[1].strip();
      return Arguments.of(columns[0].strip(), value.substring(1, value.length() - 1), columns[2].strip());
    });
  }

  @ParameterizedTest(name = "{0} [{1}]")
  @MethodSource("refusals")
  void aRefusedValueIsSaidInRecpipesWords(String commandLine, String value, String message) {
    String[] words = commandLine.split(" ");
    String tool = words[0];
    String[] args = Arrays.stream(words, 1, words.length)
        .map(word -> word.endsWith("V") ? word.substring(0, word.length() - 1) + value : word)
        .toArray(String[]::new);
    ToolRun run = ToolRun.of(TOOLS.get(tool).get(), new byte[0], args);
    // a subcommand's own help (fanout deal --help), as UsageErrorsTest's
    boolean subcommand = args.length > 0 && Tool.commandLine(TOOLS.get(tool).get()).getSubcommands().containsKey(args[0]);
    String help = subcommand ? tool + " " + args[0] : tool;
    assertEquals(tool + ": " + message + "\nTry '" + help + " --help' for more information.\n", run.stderr());
    assertEquals(2, run.status());
  }
}
