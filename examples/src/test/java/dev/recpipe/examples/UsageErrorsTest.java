package dev.recpipe.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.recpipe.common.cli.Tool;
import dev.recpipe.common.cli.ToolCommand;
import dev.recpipe.common.stage.Output;
import dev.recpipe.common.stage.StageCommand;
import dev.recpipe.common.stage.Value;
import dev.recpipe.common.testing.ToolRun;
import dev.recpipe.fanout.FanoutCommand;
import dev.recpipe.reader.ReaderCommand;
import dev.recpipe.summer.SummerCommand;
import dev.recpipe.writer.WriterCommand;
import java.io.IOException;
import java.util.Map;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Every kind of mistake in a command line's shape that picocli finds, on every tool and on a stage
 * of a user's own, in recpipe's words, as a refused value is said ({@link OptionValuesTest}): what
 * is wrong, lower case, and where it helps what would be right, in one line, then the pointer to
 * --help, status 2. They were picocli's, capitalised and sometimes obscure: {@code Unknown option:
 * '--bogus'}, {@code Missing required parameter for option '--grace' (SECONDS)}, {@code Unmatched
 * argument at index 0: 'input'}, {@code option '--format' (FORMAT) should be specified only once},
 * and for a switch given a value {@code --text: 'yes' is not a boolean: 'yes' is not a boolean}.
 */
class UsageErrorsTest {
  /** A stage of a user's own, on common's StageCommand: a required option and a switch. */
  @Command(name = "upper")
  static final class Upper extends StageCommand {
    @Option(names = {"-p", "--prefix"}, paramLabel = "TEXT", required = true)
    String prefix;

    @Option(names = "--trim")
    boolean trim;

    @Override
    protected boolean hasRequiredOptions() {
      return true;
    }

    @Override
    public void process(Value value, Output out) throws IOException {
      out.emit(prefix + value.read());
    }
  }

  private static final Map<String, Supplier<ToolCommand>> TOOLS = Map.of(
      "reader", ReaderCommand::new, "summer", SummerCommand::new, "writer", WriterCommand::new,
      "fanout", FanoutCommand::new, "gencsv", GenCsvCommand::new, "heavy", HeavyCommand::new,
      "runstats", RunStatsCommand::new, "upper", Upper::new);

  /** The command line (words apart by blanks), and the message. */
  private static final String TABLE = """
      reader --bogus                     | unknown option '--bogus'
      summer --bogus                     | unknown option '--bogus'
      writer --bogus                     | unknown option '--bogus'
      fanout --bogus cat                 | unknown option '--bogus'
      fanout deal --bogus a              | unknown option '--bogus'
      fanout merge --bogus a             | unknown option '--bogus'
      gencsv --bogus 1 1 1               | unknown option '--bogus'
      gencsv --bogus                     | unknown option '--bogus'
      gencsv 1 --mi 1 1                  | unknown option '--mi'; did you mean --min?
      fanout deal --bogus                | unknown option '--bogus'
      upper --bogus                      | unknown option '--bogus'
      heavy --bogus                      | unknown option '--bogus'
      runstats --bogus                   | unknown option '--bogus'
      upper -p x --bogus                 | unknown option '--bogus'
      reader -x                          | unknown option '-x'
      summer -x                          | unknown option '-x'
      writer -x                          | unknown option '-x'
      fanout -x cat                      | unknown option '-x'
      gencsv -x 1 1 1                    | unknown option '-x'
      heavy -x                           | unknown option '-x'
      runstats -x                        | unknown option '-x'
      upper -p x -x                      | unknown option '-x'
      reader -Hx                         | unknown option '-x' in '-Hx'
      summer --bogus -x                  | unknown option '--bogus'
      reader --verb                      | unknown option '--verb'; did you mean --verbose or --version?
      summer --tex                       | unknown option '--tex'; did you mean --text?
      summer --delim ,                   | unknown option '--delim'; did you mean --delimiter?
      reader --first 1                   | unknown option '--first'; did you mean --first-line, --first-byte or --first-seq?
      writer --formt csv                 | unknown option '--formt'; did you mean --format?
      fanout --dispatc ready cat         | unknown option '--dispatc'; did you mean --dispatch?
      fanout deal --dispatc ready a      | unknown option '--dispatc'; did you mean --dispatch?
      gencsv --mi 1 1 1 1                | unknown option '--mi'; did you mean --min?
      heavy --scal 2                     | unknown option '--scal'; did you mean --scale?
      runstats --colum x                 | unknown option '--colum'; did you mean --column?
      upper -p x --tri                   | unknown option '--tri'; did you mean --trim?
      reader -d                          | -d needs a value; give one ASCII character, or \\t or tab for a tab
      reader --delimiter                 | --delimiter needs a value; give one ASCII character, or \\t or tab for a tab
      reader --first-line                | --first-line needs a value; give 1 to 4611686018427387904
      reader --first-seq                 | --first-seq needs a value; give 0 to 9223372036854775807
      reader --label                     | --label needs a value; give NAME
      summer --text -d                   | -d needs a value; give one ASCII character, or \\t or tab for a tab
      writer -f                          | -f needs a value; give csv, tsv, jsonl or lines
      writer --format                    | --format needs a value; give csv, tsv, jsonl or lines
      writer -o                          | -o needs a value; give FILE
      fanout -n                          | -n needs a value; give 1 to 2147483647
      fanout --workers                   | --workers needs a value; give 1 to 2147483647
      fanout -b                          | -b needs a value; give 1 to 2147483647
      fanout --grace                     | --grace needs a value; give seconds from 0 to 1000000
      fanout --stall-timeout             | --stall-timeout needs a value; give seconds from 0 to 1000000
      fanout --dispatch                  | --dispatch needs a value; give round-robin or ready
      fanout --rejects                   | --rejects needs a value; give FILE
      fanout deal -b                     | -b needs a value; give 1 to 2147483647
      fanout merge --buffer              | --buffer needs a value; give 0 to 2147483647
      gencsv 1 1 1 --min                 | --min needs a value; give -9223372036854775808 to 9223372036854775807
      heavy --scale                      | --scale needs a value; give 0 to 1000000
      runstats -c                        | -c needs a value; give NAME
      upper -p                           | -p needs a value; give TEXT
      writer -f --verbose                | -f needs a value before --verbose; give csv, tsv, jsonl or lines
      writer -o --verbose                | -o needs a value before --verbose; give FILE
      reader --label --lines             | --label needs a value before --lines; give NAME
      runstats --column --verbose        | --column needs a value before --verbose; give NAME
      upper --prefix --trim              | --prefix needs a value before --trim; give TEXT
      gencsv                             | missing operands ROWS, COLS and SEED; gencsv takes 3 operands: ROWS COLS SEED
      gencsv 1                           | missing operands COLS and SEED; gencsv takes 3 operands: ROWS COLS SEED
      gencsv 1 1                         | missing operand SEED; gencsv takes 3 operands: ROWS COLS SEED
      gencsv --min 0 1 1                 | missing operand SEED; gencsv takes 3 operands: ROWS COLS SEED
      fanout                             | missing operand CMD; fanout takes CMD [ARG...]
      fanout -n 2                        | missing operand CMD; fanout takes CMD [ARG...]
      fanout deal                        | missing operand PIPE; fanout deal takes PIPE...
      fanout merge --unordered           | missing operand PIPE; fanout merge takes PIPE...
      upper --trim                       | missing option -p; give TEXT
      upper                              | missing option -p; give TEXT
      summer x                           | unexpected argument 'x'; summer takes no operands: it reads stdin
      summer x y                         | unexpected argument 'x'; summer takes no operands: it reads stdin
      summer -- -x                       | unexpected argument '-x'; summer takes no operands: it reads stdin
      writer input                       | unexpected argument 'input'; writer takes no operands: it reads stdin
      writer -f csv input                | unexpected argument 'input'; writer takes no operands: it reads stdin
      heavy 2                            | unexpected argument '2'; heavy takes no operands: it reads stdin
      runstats runs.csv                  | unexpected argument 'runs.csv'; runstats takes no operands: it reads stdin
      upper -p x y                       | unexpected argument 'y'; upper takes no operands: it reads stdin
      gencsv 1 1 1 4                     | unexpected argument '4'; gencsv takes 3 operands: ROWS COLS SEED
      gencsv 1 1 1 4 5                   | unexpected argument '4'; gencsv takes 3 operands: ROWS COLS SEED
      reader -d ; -d ,                   | -d is given twice; give it once
      reader --lines --lines             | --lines is given twice; give it once
      reader --first-seq 1 --first-seq 2 | --first-seq is given twice; give it once
      summer --text --text               | --text is given twice; give it once
      writer -f csv -f tsv               | -f is given twice; give it once
      writer -f csv --format tsv         | -f and --format are one option, given twice; give it once
      writer -o a --output=b             | -o and --output are one option, given twice; give it once
      fanout -n 2 -n 3 cat               | -n is given twice; give it once
      fanout --lines --lines cat         | --lines is given twice; give it once
      fanout deal -b 1 -b 2 a            | -b is given twice; give it once
      gencsv --min 1 --min 2 1 1 1       | --min is given twice; give it once
      heavy --scale 1 --scale 2          | --scale is given twice; give it once
      runstats -c a -c b                 | -c is given twice; give it once
      upper -p a -p b                    | -p is given twice; give it once
      summer --text=yes                  | --text: 'yes' is a value, and --text takes none; give --text alone
      reader --lines=1                   | --lines: '1' is a value, and --lines takes none; give --lines alone
      fanout --each=no cat               | --each: 'no' is a value, and --each takes none; give --each alone
      upper -p a --trim=x                | --trim: 'x' is a value, and --trim takes none; give --trim alone
      summer --delimiter ;               | --delimiter works with --text only; add --text, or leave --delimiter out
      summer -d ;                        | -d works with --text only; add --text, or leave -d out
      summer --delimiter=tab             | --delimiter works with --text only; add --text, or leave --delimiter out
      fanout --total 3 cat               | --total works with --progress only; add --progress, or leave --total out
      fanout --total=0 cat               | --total works with --progress only; add --progress, or leave --total out
      fanout --rejects r cat             | --rejects works with --skip-failed only; add --skip-failed, or leave --rejects out
      fanout --each --rejects=r cat      | --rejects works with --skip-failed only; add --skip-failed, or leave --rejects out
      reader --ragged --text             | --ragged works with -H and --text or --typed only; add -H, or leave --ragged out
      reader --ragged --typed            | --ragged works with -H and --text or --typed only; add -H, or leave --ragged out
      reader --ragged -H                 | --ragged works with -H and --text or --typed only; add --text or --typed, or leave --ragged out
      reader --ragged                    | --ragged works with -H and --text or --typed only; add -H and --text or --typed, or leave --ragged out
      reader --first-byte 3              | --first-byte works with --lines, --text or --typed only; add one of them, or leave --first-byte out
      """;

  static Stream<Arguments> mistakes() {
    return TABLE.lines().map(line -> {
      String[] columns = line.split("\\|", 2);
      return Arguments.of(columns[0].strip(), columns[1].strip());
    });
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("mistakes")
  void aMistakeInTheCommandLinesShapeIsSaidInRecpipesWords(String commandLine, String message) {
    String[] words = commandLine.split(" +");
    String tool = words[0];
    String[] args = java.util.Arrays.copyOfRange(words, 1, words.length);
    ToolRun run = ToolRun.of(TOOLS.get(tool).get(), new byte[0], args);
    assertEquals(tool + ": " + message + "\nTry '" + helpOf(tool, args) + " --help' for more information.\n", run.stderr());
    assertEquals(2, run.status());
  }

  /** The command whose help the message points to: the tool's, or its subcommand's ({@code fanout deal}), whose command line it is. */
  private static String helpOf(String tool, String[] args) {
    boolean subcommand = args.length > 0 && Tool.commandLine(TOOLS.get(tool).get()).getSubcommands().containsKey(args[0]);
    return subcommand ? tool + " " + args[0] : tool;
  }
}
