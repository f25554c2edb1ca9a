package dev.recpipe.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import picocli.CommandLine;

/**
 * Usage errors found before Spark starts, in the words the recpipe tools use for the same kind of
 * value (common's {@code AtLeast}: {@code --workers: '0' is out of range; give 1 to 2147483647}) and
 * of mistake (common's {@code UsageMessage}: {@code summer: unknown option '--tex'; did you mean
 * --text?}). This module depends on no recpipe module, so the check is its own; the words are the same.
 */
class UsageErrorsTest {
  /**
   * Every kind of mistake in the command line's shape that picocli finds, as the tools say it
   * (examples' UsageErrorsTest). They were picocli's: {@code Unknown option: '--bogus'}, {@code
   * Missing required parameters: 'OUTPUT', 'CMD'}, {@code Invalid value for option '--partitions':
   * 'x' is not an int}, and CMD's options before -- {@code Unknown option: '-n' (CMD and its
   * options go after --: ...)}.
   */
  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', quoteCharacter = '"', value = {
    "--bogus in out -- summer         | unknown option '--bogus'",
    "--bogus                          | unknown option '--bogus'; CMD and its options go after --: " + RecpipeSparkCommand.SYNOPSIS,
    "--bogus in                       | unknown option '--bogus'; CMD and its options go after --: " + RecpipeSparkCommand.SYNOPSIS,
    "--lines --bogus in out --        | unknown option '--bogus'",
    "--partiton 2                     | unknown option '--partiton'; did you mean --partitions?",
    "--partiton 2 in out -- summer    | unknown option '--partiton'; did you mean --partitions?",
    "-x in out -- summer              | unknown option '-x'",
    "-Hx in out -- summer             | unknown option '-x' in '-Hx'",
    "in out fanout -n 2 summer        | unknown option '-n'; CMD and its options go after --: " + RecpipeSparkCommand.SYNOPSIS,
    "--partitions                     | --partitions needs a value; give 1 to 2147483647",
    "--master                         | --master needs a value; give URL",
    "-d                               | -d needs a value; give CHAR",
    "--master --lines in out -- cat   | --master needs a value before --lines; give URL",
    "--verbose                        | missing operands INPUT, OUTPUT and CMD; recpipe-spark takes INPUT OUTPUT -- CMD [ARG...]",
    "in                               | missing operands OUTPUT and CMD; recpipe-spark takes INPUT OUTPUT -- CMD [ARG...]",
    "in out                           | missing operand CMD; recpipe-spark takes INPUT OUTPUT -- CMD [ARG...]",
    "in out --                        | missing operand CMD; recpipe-spark takes INPUT OUTPUT -- CMD [ARG...]",
    "--lines --lines in out -- cat    | --lines is given twice; give it once",
    "-f csv --format tsv in out -- cat | -f and --format are one option, given twice; give it once",
    "--lines=yes in out -- cat        | --lines: 'yes' is a value, and --lines takes none; give --lines alone",
    "--partitions x in out -- summer  | --partitions: 'x' is not a whole number; give 1 to 2147483647",
    "--partitions 99999999999 in out -- summer | --partitions: '99999999999' is out of range; give 1 to 2147483647",
    "--partitions ٣ in out -- summer  | --partitions: '٣' is not a whole number; give 1 to 2147483647",
    "--partitions=３ in out -- summer  | --partitions: '３' is not a whole number; give 1 to 2147483647",
    "--partitions 1٠ in out -- summer | --partitions: '1٠' is not a whole number; give 1 to 2147483647",
    "--partitions १२ in out -- summer | --partitions: '१२' is not a whole number; give 1 to 2147483647",
    "--conf x in out -- summer        | --conf: 'x' is not KEY=VALUE; give KEY=VALUE, a Spark setting",
  })
  void aMistakeInTheCommandLinesShapeIsSaidAsTheToolsSayIt(String args, String message) {
    StringWriter err = new StringWriter();
    CommandLine commandLine = RecpipeSparkCommand.commandLine(new RecpipeSparkCommand());
    commandLine.setErr(new PrintWriter(err));
    int status = commandLine.execute(("--tools /nowhere " + args).split(" +"));
    assertEquals("recpipe-spark: " + message + "\nTry 'recpipe-spark --help' for more information.\n", err.toString());
    assertEquals(2, status);
  }

  /**
   * Without --tools, where no launcher gave recpipe's bin directory (the job jar run by
   * spark-submit), as the tools say a missing option: it said {@code --tools DIR is needed: ...}.
   */
  @Test
  void withoutToolsTheOptionIsMissing() {
    StringWriter err = new StringWriter();
    RecpipeSparkCommand command = new RecpipeSparkCommand();
    command.tools = null; // as where no launcher set recpipe.bin
    CommandLine commandLine = RecpipeSparkCommand.commandLine(command);
    commandLine.setErr(new PrintWriter(err));
    int status = commandLine.execute("rows.csv", "out", "--", "summer");
    assertEquals("recpipe-spark: missing option --tools; give DIR, recpipe's bin directory on the executors"
        + " (bin/recpipe-spark gives its own for local mode)\nTry 'recpipe-spark --help' for more information.\n",
        err.toString());
    assertEquals(2, status);
  }

  @ParameterizedTest
  @ValueSource(strings = {"0", "-1", "-2147483648"})
  void partitionsMustBeOneOrMore(String partitions) {
    StringWriter err = new StringWriter();
    CommandLine commandLine = RecpipeSparkCommand.commandLine(new RecpipeSparkCommand());
    commandLine.setErr(new PrintWriter(err));
    int status = commandLine.execute("--tools", "/nowhere", "--partitions", partitions, "rows.csv", "out", "--", "summer");
    assertEquals("recpipe-spark: --partitions: '" + partitions + "' is out of range; give 1 to 2147483647\n"
        + "Try 'recpipe-spark --help' for more information.\n", err.toString());
    assertEquals(2, status);
  }

  /**
   * A control character in what the message quotes is shown as {@code \xNN}, as the tools show it
   * (common's {@code ControlCharacters}): it went to the terminal as it was, an escape sequence the
   * terminal acted on, a line feed that split the message in two.
   */
  @ParameterizedTest
  @ValueSource(strings = {"--x\u001b[31m", "--x\ny"})
  void aControlCharacterInTheMessageIsShown(String option) {
    StringWriter err = new StringWriter();
    CommandLine commandLine = RecpipeSparkCommand.commandLine(new RecpipeSparkCommand());
    commandLine.setErr(new PrintWriter(err));
    int status = commandLine.execute(option, "rows.csv", "out", "--", "summer");
    String shown = option.replace("\u001b", "\\x1b").replace("\n", "\\x0a");
    assertEquals("recpipe-spark: unknown option '" + shown + "'\n"
        + "Try 'recpipe-spark --help' for more information.\n", err.toString());
    assertEquals(2, status);
  }
}
