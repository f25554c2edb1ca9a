package dev.recpipe.fanout;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.recpipe.common.testing.Hex;
import dev.recpipe.common.testing.ToolRun;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A worker command that can't be run fails as in a shell, in its words and with its status (127 not
 * found, 126 not executable), before any record; and the options that time the workers are checked
 * (issue 10, item 11).
 */
@Timeout(60)
class WorkerCommandTest {
  private static final byte[] RECORD = Hex.decode("82 00 01");

  @TempDir Path dir;

  private ToolRun fanout(String... args) {
    return ToolRun.of(new FanoutCommand(), RECORD, args);
  }

  @Test
  void aPathToNothingIsNotFound() {
    String missing = dir.resolve("nosuchcmd").toString();
    ToolRun run = fanout("-n", "2", missing);
    assertEquals("fanout: " + missing + ": No such file or directory\n", run.stderr());
    assertEquals(127, run.status());
    assertEquals("ff", Hex.encode(run.stdoutBytes()), "the abort mark, as for every failure");
  }

  @Test
  void aNameNotOnPathIsNotFound() {
    ToolRun run = fanout("-n", "2", "nosuchcmd-" + ProcessHandle.current().pid());
    assertEquals("fanout: nosuchcmd-" + ProcessHandle.current().pid() + ": command not found\n", run.stderr());
    assertEquals(127, run.status());
  }

  @Test
  void aFileThatIsNotExecutableIsRefused() throws IOException {
    Path script = Files.writeString(dir.resolve("x"), "#!/bin/sh\nexec cat\n");
    ToolRun run = fanout("-n", "2", script.toString());
    assertEquals("fanout: " + script + ": Permission denied; make it executable with 'chmod +x " + script + "'\n",
        run.stderr());
    assertEquals(126, run.status());
  }

  @Test
  void aDirectoryIsRefused() {
    ToolRun run = fanout("-n", "2", dir.toString());
    assertEquals("fanout: " + dir + ": Is a directory\n", run.stderr());
    assertEquals(126, run.status());
  }

  @Test
  void aScriptWhoseInterpreterIsMissingIsRefusedNamingIt() throws IOException {
    Path script = executable("bad", "#!/nonexistent/interpreter -x\ncat\n");
    ToolRun run = fanout("-n", "2", script.toString());
    assertEquals("fanout: " + script + ": cannot execute: bad interpreter /nonexistent/interpreter -x:"
        + " No such file or directory\n", run.stderr());
    assertEquals(126, run.status());
  }

  @Test
  void aScriptWithoutAHashBangLineRunsWithBinSh() throws IOException {
    // as in a shell: execve refuses it (ENOEXEC), and the JDK then runs it with /bin/sh
    Path script = executable("plain", "exec cat\n");
    ToolRun run = fanout("-n", "2", script.toString());
    assertEquals("", run.stderr());
    assertEquals(0, run.status());
    assertEquals("82 00 01", Hex.encode(run.stdoutBytes()));
  }

  /** Issue 15: a Python worker without a #! line fails under /bin/sh with 'import: not found'; say why. */
  @Test
  void aScriptWithoutAHashBangLineThatFailsSaysSoAfterItsFailure() throws IOException {
    Path script = executable("plain", "cat >/dev/null\nexit 3\n");
    ToolRun run = fanout("-n", "1", script.toString());
    assertEquals("fanout: worker 1 (plain) exited with status 3; it has no #! line, so /bin/sh ran it: unless it is"
        + " a shell script, add one such as #!/usr/bin/env python3\n", run.stderr());
    assertEquals(1, run.status());
  }

  @Test
  void aScriptWithoutAHashBangLineThatGivesUpAfterRetriesSaysSoLast() throws IOException {
    Path script = executable("plain", "cat >/dev/null\nexit 3\n");
    ToolRun run = fanout("-n", "1", "--retries", "1", script.toString());
    assertEquals("fanout: worker 1 (plain) exited with status 3; restarted it (retry 1 of 1), dealing it 1 record again\n"
        + "fanout: worker 1 (plain) exited with status 3 (gave up after 1 retry of its records); it has no #! line,"
        + " so /bin/sh ran it: unless it is a shell script, add one such as #!/usr/bin/env python3\n", run.stderr());
    assertEquals(1, run.status());
  }

  @Test
  void aScriptWithAHashBangLineThatFailsHasNoHint() throws IOException {
    Path script = executable("hashbang", "#!/bin/sh\ncat >/dev/null\nexit 3\n");
    ToolRun run = fanout("-n", "1", script.toString());
    assertEquals("fanout: worker 1 (hashbang) exited with status 3\n", run.stderr());
    assertEquals(1, run.status());
  }

  /** Issue 15: a CSV file given to fanout, where reader should have read it first. */
  @Test
  void textOnStdinIsRefusedWithAHintToPutReaderInFront() {
    ToolRun run = ToolRun.of(new FanoutCommand(), "1,2\n3,4\n".getBytes(StandardCharsets.US_ASCII), "-n", "2", "cat");
    assertEquals("fanout: byte offset 0: expected a record, an array [seq, value], found an integer; the input looks"
        + " like text, not records: put reader in front, e.g. 'reader FILE | fanout'\n", run.stderr());
    assertEquals(1, run.status());
  }

  /** A worker that writes text is named, and no hint says to put reader in front of fanout. */
  @Test
  void textFromAWorkerNamesTheWorkerWithoutAHint() {
    ToolRun run = fanout("-n", "1", "sh", "-c", "cat >/dev/null; echo 1,2");
    assertEquals("fanout: worker 1 (sh): byte offset 0: expected a record, an array [seq, value], found an integer\n",
        run.stderr());
    assertEquals(1, run.status());
  }

  @ParameterizedTest
  @ValueSource(strings = {"--grace", "--stall-timeout"})
  void secondsOutsideWhatATimeoutCanHoldAreAUsageError(String option) {
    for (String value : new String[] {"-1", "1e300", "Infinity", "1000001"}) {
      ToolRun run = fanout(option, value, "cat");
      assertEquals("fanout: " + option + ": '" + value + "' is out of range; give seconds from 0 to 1000000\n"
          + "Try 'fanout --help' for more information.\n", run.stderr());
      assertEquals(2, run.status());
    }
  }

  @Test
  void secondsAtTheLimitsAreTaken() {
    ToolRun run = fanout("--grace", "0", "--stall-timeout", "1000000", "cat");
    assertEquals("", run.stderr());
    assertEquals(0, run.status());
    run = fanout("--grace", "1000000", "cat");
    assertEquals(0, run.status());
  }

  /** 0 is no timeout, as timeout(1)'s is: a worker that reads nothing for a second is not stopped. */
  @Test
  void aStallTimeoutOfZeroIsNone() {
    ToolRun run = fanout("-n", "1", "--stall-timeout", "0", "sh", "-c", "sleep 1; exec cat");
    assertEquals("", run.stderr());
    assertEquals(0, run.status());
    assertEquals(Hex.encode(RECORD), Hex.encode(run.stdoutBytes()));
  }

  private Path executable(String name, String text) throws IOException {
    Path file = Files.writeString(dir.resolve(name), text);
    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwx------"));
    return file;
  }
}
