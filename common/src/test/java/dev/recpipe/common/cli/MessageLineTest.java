package dev.recpipe.common.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.recpipe.common.RecpipeException;
import dev.recpipe.common.testing.ToolRun;
import java.io.IOException;
import java.util.List;
import org.junit.jupiter.api.Test;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * Every message a tool writes to stderr is one line, whatever the text it quotes: a control
 * character in an option's value, an operand, or an exception's message is shown as {@code \xNN}.
 * They went to the terminal as they were: {@code summer --delimiter $'\e[31m'} turned it red, and a
 * value with a line feed split the message in two.
 */
class MessageLineTest {
  @Command(name = "probe")
  static final class Probe extends ToolCommand {
    @Option(names = "--count")
    int count;

    @Option(names = "--fail-with")
    String failure = "";

    @Parameters
    List<String> operands = List.of();

    @Override
    protected int run() throws IOException {
      switch (failure) {
        case "data":
          throw new RecpipeException("bad\nrow \u001b[31m");
        case "io":
          throw new IOException("no\u0085such: No such file or directory");
        case "unchecked":
          throw new IllegalStateException("bug\r\n");
        case "warning":
          warn("skipped \u007f\u0007");
          return ExitStatus.OK.code();
        default:
          return ExitStatus.OK.code();
      }
    }
  }

  @Test
  void anOptionsValueWithAnEscapeSequenceIsShownNotSentToTheTerminal() {
    assertEquals("probe: --count: '1\\x1b]0;x\\x07' is not a whole number; give -2147483648 to 2147483647\n"
        + "Try 'probe --help' for more information.\n", stderr("--count", "1\u001b]0;x\u0007"));
  }

  @Test
  void anUnknownOptionOrOperandWithALineFeedStaysOnOneLine() {
    assertEquals("probe: unknown option '--x\\x0ay'\nTry 'probe --help' for more information.\n", stderr("--x\ny"));
  }

  @Test
  void aFailuresMessageIsOneLine() {
    assertEquals("probe: bad\\x0arow \\x1b[31m\n", stderr("--fail-with", "data"));
    assertEquals("probe: no\\u0085such: No such file or directory\n", stderr("--fail-with", "io"));
    assertEquals("probe: internal error: java.lang.IllegalStateException: bug\\x0d\\x0a\n", stderr("--fail-with", "unchecked"));
  }

  @Test
  void aWarningIsOneLineToo() {
    assertEquals("probe: skipped \\x7f\\x07\n", stderr("--fail-with", "warning"));
  }

  @Test
  void textWithoutControlCharactersIsAsItWasBackslashesAndAllButTabsAreNot() {
    assertEquals("probe: unknown option '--\\x1b é \u4e2d \\\\'\nTry 'probe --help' for more information.\n",
        stderr("--\\x1b é \u4e2d \\\\"));
    assertEquals("probe: unknown option '--a\\x09b'\nTry 'probe --help' for more information.\n", stderr("--a\tb"));
  }

  private static String stderr(String... args) {
    return ToolRun.of(new Probe(), new byte[0], args).stderr();
  }
}
