package dev.recpipe.common.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.recpipe.common.testing.ToolRun;
import java.util.Map;
import org.junit.jupiter.api.Test;
import picocli.CommandLine.Command;

/**
 * The exit-status list of --help: every tool's statuses, a tool's own added and reworded, in numerical
 * order, then the line for the other signals that stop a tool.
 */
class ExitStatusTest {
  @Command(name = "plain")
  static final class Plain extends ToolCommand {
    @Override
    protected int run() {
      return ExitStatus.OK.code();
    }
  }

  @Command(name = "own")
  static final class Own extends ToolCommand {
    @Override
    protected Map<ExitStatus, String> exitStatuses() {
      Map<ExitStatus, String> statuses = super.exitStatuses();
      statuses.put(ExitStatus.NOT_FOUND, "CMD not found");
      statuses.put(ExitStatus.FAILURE, "a worker failed");
      return statuses;
    }

    @Override
    protected int run() {
      return ExitStatus.OK.code();
    }
  }

  @Test
  void everyToolListsTheCommonStatusesInNumericalOrder() {
    assertEquals("""

        Exit status:
           0      success
           1      bad input data or an I/O failure (message on stderr)
           2      bad options or arguments
          129     hung up (SIGHUP)
          130     interrupted (SIGINT)
          141     stdout closed early, e.g. by `| head` (no message)
          143     terminated (SIGTERM)
          128+N   another signal that ends a process, as SIGTERM does: SIGUSR1 138,
                    SIGUSR2 140, SIGALRM 142, SIGXCPU 152
        """, exitSection(new Plain()));
  }

  @Test
  void aToolsOwnStatusGoesInItsPlaceAndItsMeaningReplacesTheUsualOne() {
    assertEquals("""

        Exit status:
           0      success
           1      a worker failed
           2      bad options or arguments
          127     CMD not found
          129     hung up (SIGHUP)
          130     interrupted (SIGINT)
          141     stdout closed early, e.g. by `| head` (no message)
          143     terminated (SIGTERM)
          128+N   another signal that ends a process, as SIGTERM does: SIGUSR1 138,
                    SIGUSR2 140, SIGALRM 142, SIGXCPU 152
        """, exitSection(new Own()));
  }

  @Test
  void theCodesAreTheShellsAndTheSignals() {
    assertEquals(128 + 1, ExitStatus.HANGUP.code());
    assertEquals(128 + 2, ExitStatus.INTERRUPTED.code());
    assertEquals(128 + 13, ExitStatus.BROKEN_PIPE.code());
    assertEquals(128 + 15, ExitStatus.TERMINATED.code());
    assertEquals(127, ExitStatus.NOT_FOUND.code());
    assertEquals(126, ExitStatus.NOT_EXECUTABLE.code());
  }

  private static String exitSection(ToolCommand command) {
    ToolRun help = ToolRun.of(command, new byte[0], "--help");
    assertEquals(0, help.status());
    String text = help.stdout();
    int at = text.indexOf("\nExit status:");
    assertTrue(at >= 0, text);
    return text.substring(at);
  }
}
