package dev.recpipe.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import picocli.CommandLine;

/**
 * Usage errors found before Spark starts, in the words the recpipe tools use for the same kind of
 * value (common's {@code AtLeast}: {@code --workers: '0' is out of range; give 1 to 2147483647}). This module depends
 * on no recpipe module, so the check is its own; the words are the same.
 */
class UsageErrorsTest {
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
    assertEquals("recpipe-spark: Unknown option: '" + shown + "'\n"
        + "Try 'recpipe-spark --help' for more information.\n", err.toString());
    assertEquals(2, status);
  }
}
