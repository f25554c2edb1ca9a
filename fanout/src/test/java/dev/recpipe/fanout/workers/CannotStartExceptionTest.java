package dev.recpipe.fanout.workers;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.recpipe.common.cli.ExitStatus;
import java.io.IOException;
import org.junit.jupiter.api.Test;

/** What a failed start ends fanout with: a shell's 127 and 126 for a command that can't be run, 1 for a system short of something. */
class CannotStartExceptionTest {
  private static final String CAT = "/usr/bin/cat";

  private static CannotStartException failure(int errno, String reason) {
    return CannotStartException.of(CAT, new IOException("Cannot run program \"" + CAT + "\": error=" + errno + ", " + reason));
  }

  @Test
  void aCommandThatCantBeRunHasTheShellsStatus() {
    assertEquals(ExitStatus.NOT_EXECUTABLE, failure(13, "Permission denied").exitStatus());
    assertEquals(CAT + ": Permission denied", failure(13, "Permission denied").getMessage());
    assertEquals(ExitStatus.NOT_FOUND, CannotStartException.of("/no/such",
        new IOException("Cannot run program \"/no/such\": error=2, No such file or directory")).exitStatus());
  }

  /**
   * {@code ulimit -n 128; ... | fanout -n 100 cat} exited 126, "CMD found but not executable", as
   * "fanout: /usr/bin/cat: Too many open files": a script that tells the statuses apart took the
   * system's shortage for a broken command. Out of descriptors is as out of processes or memory.
   */
  @Test
  void aSystemShortOfDescriptorsProcessesOrMemoryIsAFailure() {
    for (Object[] shortage : new Object[][] {{24, "Too many open files"}, {23, "Too many open files in system"},
        {11, "Resource temporarily unavailable"}, {12, "Cannot allocate memory"}}) {
      CannotStartException e = failure((Integer) shortage[0], (String) shortage[1]);
      assertEquals(ExitStatus.FAILURE, e.exitStatus(), e.getMessage());
      assertEquals("cannot start " + CAT + ": " + shortage[1], e.getMessage());
    }
  }
}
