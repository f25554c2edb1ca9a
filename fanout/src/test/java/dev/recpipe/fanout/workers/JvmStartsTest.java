package dev.recpipe.fanout.workers;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.recpipe.common.cli.Tool;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Which processes are JVMs in the middle of their start, by what they catch: summer's, sampled at its start. */
class JvmStartsTest {
  private static String status(String caught) {
    return "Name:\tjava\nState:\tS (sleeping)\nSigPnd:\t0000000000000000\nSigBlk:\t0000000000000000\n"
        + "SigIgn:\t0000000000000002\nSigCgt:\t" + caught + "\nCapInh:\t0000000000000000\n";
  }

  /** Quiet under SIGTERM yet, but it may set its handler while fanout waits for another. */
  @Test
  void aJvmBeforeItsSigtermHandlerIsStartingToo() {
    assertTrue(JvmStarts.isStarting(status("0000000000000000")));
    assertTrue(JvmStarts.isStarting(status("40000001010014cc"))); // its own: QUIT ILL BUS FPE SEGV PIPE XFSZ
  }

  @Test
  void aJvmThatCatchesSigtermButNoneOfTheToolsSignalsIsStarting() {
    assertTrue(JvmStarts.isStarting(status("40000001010054cd"))); // HUP and TERM too
  }

  @Test
  void aToolWhoseMainSetItsHandlersIsNotStarting() {
    assertFalse(JvmStarts.isStarting(status("400000017780fefd"))); // summer waiting on its input
    assertFalse(JvmStarts.isStarting(status("40000001010056cd"))); // USR1 alone: the others ignored when it started
    assertFalse(JvmStarts.isStarting(status("40000001018054cd"))); // XCPU alone
  }

  /**
   * Any one of the signals a tool's main catches (Tool's list) tells a tool past its start, the
   * others ignored when it started: fanout kept a list of its own, a subset (no SIGABRT, SIGSYS,
   * SIGIO, SIGPWR), and took a tool that caught SIGABRT alone for a JVM still starting.
   */
  @Test
  void eachOfTheSignalsAToolsMainCatchesAloneTellsItIsPastItsStart() {
    for (String name : Tool.stopSignalNames()) {
      long caught = 0x40000001010054cdL | 1L << (new sun.misc.Signal(name).getNumber() - 1);
      assertFalse(JvmStarts.isStarting(status(Long.toHexString(caught))), name);
    }
  }

  @Test
  void aStatusWithoutSigCgtIsNotStarting() {
    assertFalse(JvmStarts.isStarting("Name:\tjava\n"));
  }

  @Test
  void processesThatAreNoJvmsAreNotWaitedFor() throws Exception {
    Process sleep = new ProcessBuilder("sleep", "30").start();
    try {
      assertFalse(JvmStarts.isStarting(sleep.toHandle()));
      long start = System.nanoTime();
      JvmStarts.awaitMains(List.of(sleep.toHandle()), Duration.ofSeconds(5));
      assertTrue(System.nanoTime() - start < Duration.ofSeconds(1).toNanos());
    } finally {
      sleep.destroyForcibly();
    }
  }

  /** A JVM of another program's never sets the tools' handlers: it is waited for up to the limit (this one is such). */
  @Test
  void aJvmOfAnotherProgramIsWaitedForUpToTheLimit() {
    assertTrue(JvmStarts.isStarting(ProcessHandle.current()));
    long start = System.nanoTime();
    JvmStarts.awaitMains(List.of(ProcessHandle.current()), Duration.ofMillis(200));
    long waited = System.nanoTime() - start;
    assertTrue(waited >= Duration.ofMillis(200).toNanos() && waited < Duration.ofSeconds(2).toNanos(), waited + " ns");
  }
}
