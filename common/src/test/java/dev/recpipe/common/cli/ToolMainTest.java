package dev.recpipe.common.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.recpipe.common.testing.Hex;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/**
 * {@link Tool#main}'s way out, in a JVM of its own: success returns from main where no thread would
 * keep the JVM alive (System.exit costs a lookup of Runtime.exit's logger from JDK 21 on), and
 * exits as before where one would, or on any other status.
 */
class ToolMainTest {
  @TempDir Path dir;

  /** Writes one record, leaves a thread behind as asked, and ends with the status asked. */
  @Command(name = "probe")
  static final class Probe extends ToolCommand {
    @Parameters(index = "0")
    String thread;

    @Parameters(index = "1")
    int status;

    @Override
    protected boolean writesRecords() {
      return true;
    }

    @Override
    protected int run() throws IOException {
      streams.out().write(Hex.decode("82 00 01"));
      if (thread.equals("dies")) {
        Thread dies = new Thread(() -> {
          throw new IllegalStateException("broken");
        }, "worker-thread");
        dies.start();
        try {
          dies.join();
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
      } else if (!thread.equals("none")) {
        Thread left = new Thread(group(thread), () -> {
          try {
            Thread.sleep(TimeUnit.MINUTES.toMillis(10));
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
          }
        }, "left-behind");
        left.setDaemon(thread.equals("daemon"));
        left.start();
      }
      return status;
    }

    /** main's thread group, or for "user elsewhere" a group of its own under the root, beside main's. */
    private static ThreadGroup group(String thread) {
      ThreadGroup group = Thread.currentThread().getThreadGroup();
      if (!thread.equals("user elsewhere")) return group;
      while (group.getParent() != null) group = group.getParent();
      return new ThreadGroup(group, "elsewhere");
    }

    public static void main(String[] args) {
      Tool.main(new Probe(), args);
    }
  }

  @Test
  void successWithNoOtherThreadEndsWithStatus0AndTheRecord() throws Exception {
    assertEquals(new Ended(0, "82 00 01"), probe("none", 0));
  }

  @Test
  void aDaemonThreadLeftBehindDoesNotHoldTheExit() throws Exception {
    assertEquals(new Ended(0, "82 00 01"), probe("daemon", 0));
  }

  /** A thread that is no daemon would keep the JVM alive after main returns: the tool exits anyway. */
  @Test
  void aThreadThatWouldKeepTheJvmAliveIsNoReasonToHang() throws Exception {
    assertEquals(new Ended(0, "82 00 01"), probe("user", 0));
  }

  /**
   * The same thread in a group that is not main's (a library's, under the JVM's root group): the
   * check looked at main's group alone, returned from main, and the JVM waited for the thread, a run
   * that had written all it had to and never ended.
   */
  @Test
  void aThreadThatWouldKeepTheJvmAliveInAnotherThreadGroupIsNoReasonToHangEither() throws Exception {
    assertEquals(new Ended(0, "82 00 01"), probe("user elsewhere", 0));
  }

  @Test
  void aFailureStillExitsWithItsStatusAndTheMark() throws Exception {
    assertEquals(new Ended(5, "82 00 01 ff"), probe("none", 5));
    assertEquals(new Ended(5, "82 00 01 ff"), probe("user", 5));
  }

  /**
   * A thread of the tool's that dies of what it threw fails the run, in one line: it printed the
   * JVM's stack trace, and the run went on to exit 0 without the thread's part, whatever that was.
   */
  @Test
  void aThreadThatDiesOfWhatItThrewFailsTheRunInOneLine() throws Exception {
    assertEquals(new Ended(1, "82 00 01 ff"), probe("dies", 0));
    assertEquals("probe: internal error in thread \"worker-thread\": java.lang.IllegalStateException: broken\n",
        Files.readString(dir.resolve("err")));
  }

  record Ended(int status, String stdout) {}

  private Ended probe(String thread, int status) throws IOException, InterruptedException {
    Path out = dir.resolve("out");
    Process process = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-cp", System.getProperty("java.class.path"), Probe.class.getName(), thread, Integer.toString(status))
        .redirectOutput(out.toFile())
        .redirectError(dir.resolve("err").toFile())
        .start();
    boolean ended = process.waitFor(60, TimeUnit.SECONDS);
    if (!ended) process.destroyForcibly().waitFor();
    assertTrue(ended, "the tool did not exit: a thread it left kept its JVM alive");
    return new Ended(process.exitValue(), Hex.encode(Files.readAllBytes(out)));
  }
}
