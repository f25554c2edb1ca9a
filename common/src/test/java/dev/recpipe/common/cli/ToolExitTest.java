package dev.recpipe.common.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.recpipe.common.RecpipeException;
import dev.recpipe.common.testing.Hex;
import dev.recpipe.common.testing.ToolRun;
import java.io.IOException;
import org.junit.jupiter.api.Test;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** The one exit path: a record tool's output ends with the abort mark on every status but 0 and 3 (records skipped). */
class ToolExitTest {
  @Command(name = "probe")
  static final class Probe extends ToolCommand {
    @Option(names = "--fail-with")
    String failure = "";

    @Option(names = "--text")
    boolean text;

    @Override
    protected boolean writesRecords() {
      return !text;
    }

    @Override
    protected int run() throws IOException {
      streams.out().write(Hex.decode("82 00 01"));
      switch (failure) {
        case "data":
          throw new RecpipeException("bad row");
        case "error":
          throw new StackOverflowError();
        case "unchecked":
          throw new IllegalStateException("bug");
        case "status":
          return 127;
        case "skipped":
          return ExitStatus.SKIPPED.code();
        case "own-status":
          throw new NotStarted();
        case "no-thread": // the JVM's words, as Thread.start throws them (JDK 17 and 25)
          throw new OutOfMemoryError("unable to create native thread: possibly out of memory or process/resource limits reached");
        default:
          return ExitStatus.OK.code();
      }
    }
  }

  /** An exception with a status of its own, as fanout's CannotStartException. */
  static final class NotStarted extends RecpipeException implements HasExitStatus {
    NotStarted() {
      super("cmd: command not found");
    }

    @Override
    public ExitStatus exitStatus() {
      return ExitStatus.NOT_FOUND;
    }
  }

  @Test
  void successHasNoMark() {
    assertEquals(new Outcome(0, "82 00 01"), run());
  }

  /** fanout --skip-failed: records were left out as asked, and the rest is whole; downstream must not fail. */
  @Test
  void aRunThatSkippedRecordsHasNoMarkEither() {
    assertEquals(new Outcome(3, "82 00 01"), run("--fail-with", "skipped"));
  }

  @Test
  void everyOtherWayOutEndsWithTheMark() {
    assertEquals(new Outcome(1, "82 00 01 ff"), run("--fail-with", "data"));
    assertEquals(new Outcome(1, "82 00 01 ff"), run("--fail-with", "error"));
    assertEquals(new Outcome(1, "82 00 01 ff"), run("--fail-with", "unchecked"));
    assertEquals(new Outcome(127, "82 00 01 ff"), run("--fail-with", "status"));
    assertEquals(new Outcome(127, "82 00 01 ff"), run("--fail-with", "own-status"));
  }

  @Test
  void anExceptionWithAStatusOfItsOwnEndsTheRunWithItAndItsMessage() {
    ToolRun run = ToolRun.of(new Probe(), new byte[0], "--fail-with", "own-status");
    assertEquals("probe: cmd: command not found\n", run.stderr());
    assertEquals(127, run.status());
  }

  /**
   * Out of threads (ulimit -u for a user, ulimit -v, a cgroup's pids limit), a tool said "internal
   * error: java.lang.OutOfMemoryError: unable to create native thread ...", as if it had a bug of its
   * own; it is the system's limit, and says which.
   */
  @Test
  void noThreadToBeHadIsTheSystemsLimitNotAnInternalError() {
    ToolRun run = ToolRun.of(new Probe(), new byte[0], "--fail-with", "no-thread");
    assertEquals("probe: cannot start a thread: the system's limit on processes or memory is reached"
        + " (ulimit -u, ulimit -v, a cgroup's)\n", run.stderr());
    assertEquals(new Outcome(1, "82 00 01 ff"), run("--fail-with", "no-thread"));
  }

  @Test
  void aUsageErrorIsMarkedBeforeAnyOutput() {
    assertEquals(new Outcome(2, "ff"), run("--no-such-option"));
  }

  @Test
  void aTextModeGetsNoMark() {
    assertEquals(new Outcome(1, "82 00 01"), run("--text", "--fail-with", "data"));
  }

  @Test
  void helpAndVersionAreNotMarked() {
    ToolRun help = ToolRun.of(new Probe(), new byte[0], "--help");
    assertEquals(0, help.status());
    assertEquals(-1, help.stdout().indexOf('\uFFFD'));
  }

  /**
   * {@code reader --version > /dev/full} (and --help, of every tool) exited 141, the status of {@code
   * | head}, with no message: picocli's writer swallowed the write's IOException, and any error was
   * taken for a closed pipe. A full disk is a failure, named as the tools name it elsewhere.
   */
  @Test
  void helpAndVersionToAFullStdoutFailNamingIt() {
    for (String option : new String[] {"--help", "--version"}) {
      java.io.ByteArrayOutputStream err = new java.io.ByteArrayOutputStream();
      int status = Tool.run(new Probe(), new Streams(new java.io.ByteArrayInputStream(new byte[0]),
          new LabeledOutputStream(failing("No space left on device"), "stdout"), new java.io.PrintStream(err, true)), option);
      assertEquals("1 probe: stdout: No space left on device\n", status + " " + err, option);
    }
  }

  @Test
  void helpToAClosedPipeIsTheQuiet141() {
    java.io.ByteArrayOutputStream err = new java.io.ByteArrayOutputStream();
    int status = Tool.run(new Probe(), new Streams(new java.io.ByteArrayInputStream(new byte[0]),
        new LabeledOutputStream(failing("Broken pipe"), "stdout"), new java.io.PrintStream(err, true)), "--help");
    assertEquals("141 ", status + " " + err);
  }

  private static java.io.OutputStream failing(String message) {
    return new java.io.OutputStream() {
      @Override
      public void write(int b) throws IOException {
        throw new IOException(message);
      }
    };
  }

  /**
   * A failed tool whose downstream is busy, not reading, for longer than 2 s waits for room for its
   * mark, for as long as the pipe is open: it gave up after 2 s, and its output ended after the
   * whole records, a clean end (FaultsIT.sigtermToAStageWhoseDownstreamIsBusyStillEndsItsOutputWithTheMark
   * has it end to end). A downstream gone fails the write, and the tool ends then: see the test after.
   */
  @Test
  @org.junit.jupiter.api.Timeout(20)
  void aFailedToolWaitsForItsMarkWhileItsDownstreamIsBusy() {
    java.io.ByteArrayOutputStream got = new java.io.ByteArrayOutputStream();
    java.io.OutputStream busy = new java.io.OutputStream() {
      @Override
      public void write(int b) {
        write(new byte[] {(byte) b}, 0, 1);
      }

      @Override
      public synchronized void write(byte[] bytes, int offset, int length) {
        if (got.size() >= 3) { // the record went through; the mark waits 3 s for the downstream to read
          try {
            Thread.sleep(3000);
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
          }
        }
        got.write(bytes, offset, length);
      }
    };
    int status = Tool.run(new Probe(), new Streams(new java.io.ByteArrayInputStream(new byte[0]), busy,
        new java.io.PrintStream(new java.io.ByteArrayOutputStream())), "--fail-with", "data");
    assertEquals(1, status);
    synchronized (busy) {
      assertEquals("82 00 01 ff", Hex.encode(got.toByteArray()));
    }
  }

  /** A downstream that has gone ("Broken pipe") takes no mark, and the failed tool ends at once. */
  @Test
  @org.junit.jupiter.api.Timeout(20)
  void aFailedToolWhoseDownstreamHasGoneEndsWithoutTheMark() {
    java.io.OutputStream gone = new java.io.OutputStream() {
      private int written;

      @Override
      public void write(int b) throws IOException {
        write(new byte[] {(byte) b}, 0, 1);
      }

      @Override
      public void write(byte[] bytes, int offset, int length) throws IOException {
        if ((written += length) > 3) throw new IOException("Broken pipe");
      }
    };
    int status = Tool.run(new Probe(), new Streams(new java.io.ByteArrayInputStream(new byte[0]), gone,
        new java.io.PrintStream(new java.io.ByteArrayOutputStream())), "--fail-with", "data");
    assertEquals(1, status);
  }

  private record Outcome(int status, String stdout) {}

  private static Outcome run(String... args) {
    ToolRun run = ToolRun.of(new Probe(), new byte[0], args);
    return new Outcome(run.status(), Hex.encode(run.stdoutBytes()));
  }

  @Test
  void anArgumentStartingWithAtIsTakenAsItIsNotReadFromAFile(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir)
      throws IOException {
    // picocli would replace @FILE by FILE's words: a worker's argument '@x' would become what x holds
    java.nio.file.Path file = java.nio.file.Files.writeString(dir.resolve("x"), "data\n");
    ToolRun run = ToolRun.of(new Probe(), new byte[0], "--fail-with", "@" + file);
    assertEquals(0, run.status(), run.stderr());
  }
}
