package dev.recpipe.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.recpipe.examples.Shell.Result;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@code fanout --each} with the real launchers in shell pipelines (issue 14, point 2): equal to a
 * serial {@code for} loop byte for byte, failures named and fatal to {@code writer -o}, file names
 * that would break a shell, binary output, signals, and nothing left behind after any run: no
 * process of the job's script (nor the sleep it starts) and nothing in TMPDIR.
 */
@Timeout(300)
class EachIT {
  /** The per-file command: its name is what the orphan check looks for. */
  private static final String JOB = "each-it-job" + CleanRun.RUN + ".sh";
  /** How long the job sleeps when told to: seconds that only this test JVM's jobs sleep for. */
  private static final String SLEEP = "4242." + ProcessHandle.current().pid();
  /** The processes that must not outlive a run: the job's script, and a sleep it may start. */
  private static final String LEFT_BEHIND = JOB + "|sleep " + SLEEP.replace(".", "\\.");

  @TempDir static Path shared;
  @TempDir Path dir;
  private Path tmp;

  @BeforeAll
  static void makeFiles() throws Exception {
    Files.writeString(shared.resolve(JOB), """
        #!/bin/sh
        # a per-file program as users have them: one line about the file named by its argument
        if [ -n "${FAIL_ON:-}" ] && [ "$1" = "$FAIL_ON" ]; then echo "$0: $1: cannot take this one" >&2; exit 3; fi
        if [ -n "${FAIL_TOO:-}" ] && [ "$1" = "$FAIL_TOO" ]; then echo "$0: $1: cannot take this one" >&2; exit 3; fi
        if [ -n "${SLEEP_IN:-}" ]; then touch "$SLEEP_IN/$$"; sleep @SLEEP@; fi
        printf '%s: %s lines, cksum %s\\n' "$1" "$(wc -l < "$1")" "$(cksum < "$1")"
        """.replace("@SLEEP@", SLEEP), java.nio.charset.StandardCharsets.UTF_8);
    Files.setPosixFilePermissions(shared.resolve(JOB), PosixFilePermissions.fromString("rwxr-xr-x"));
    // 100 files of 0 to 99 lines, their names with a space
    Result made = Shell.bash(shared, "mkdir files && for i in $(seq 0 99); do"
        + " gencsv $i 3 $i > \"files/run $(printf %03d $i).csv\"; done");
    assertEquals(0, made.status(), made.stderr());
  }

  @BeforeEach
  void privateTmp() throws IOException {
    tmp = Files.createDirectory(dir.resolve("tmp"));
  }

  private Result run(String script) throws Exception {
    return CleanRun.run(dir, tmp, shared, LEFT_BEHIND, "set -o pipefail; " + script, Duration.ofSeconds(10));
  }

  @ParameterizedTest
  @ValueSource(ints = {1, 4, 16})
  void aHundredFilesGiveWhatASerialLoopGivesByteForByte(int n) throws Exception {
    Result result = run("for f in files/*.csv; do ./" + JOB + " \"$f\"; done > '" + dir + "/serial.txt'"
        + " && printf '%s\\n' files/*.csv | reader --lines - | fanout -n " + n + " --each ./" + JOB + " {}"
        + " | writer -f lines | cmp - '" + dir + "/serial.txt' && wc -l < '" + dir + "/serial.txt'");
    assertEquals(new Result(0, "100\n", ""), result);
  }

  @Test
  void aFailingFileIsNamedWithItsSeqAndStatusAndTheOutputFileIsKept() throws Exception {
    Files.writeString(dir.resolve("out.txt"), "the old output\n");
    Result result = run("printf '%s\\n' files/*.csv | reader --lines - | FAIL_ON='files/run 037.csv' fanout -n 4 --each ./"
        + JOB + " | writer -f lines -o '" + dir + "/out.txt'; echo \"${PIPESTATUS[*]}\"; cat '" + dir + "/out.txt'");
    assertEquals("0 0 1 1\nthe old output\n", result.stdout());
    assertTrue(result.stderr().startsWith("./" + JOB + ": files/run 037.csv: cannot take this one\n"
        + "fanout: record seq 37 (\"files/run 037.csv\"): " + JOB + " exited with status 3\n"), result.stderr());
    assertTrue(result.stderr().matches("(?s).*\nwriter: input ends with an abort mark at byte offset \\d+: an earlier stage failed\n"),
        result.stderr());
  }

  /**
   * Issue 14, point 4, under --each: the first and a middle file of 50 fail (after their retries);
   * every other file's line comes out in order, equal to the serial loop without those two, the
   * rejects file holds exactly those two records, fanout exits 3, and the rejects file run again fails
   * on both: fail-fast on the first, and with --skip-failed on both, rejecting the same bytes.
   */
  @ParameterizedTest
  @ValueSource(ints = {0, 1})
  void skipFailedLeavesOutTheFailingFilesAndTheirRecordsRunAgainFail(int retries) throws Exception {
    String d = "'" + dir + "/";
    String fail = "FAIL_ON='files/run 000.csv' FAIL_TOO='files/run 023.csv' ";
    String each = "fanout -n 4 --retries " + retries + " --each ./" + JOB + " {}";
    Result result = run("printf '%s\\n' files/*.csv | sed -n 1,50p > " + d + "list.txt'"
        + " && while IFS= read -r f; do case \"$f\" in 'files/run 000.csv'|'files/run 023.csv') ;; *) ./" + JOB + " \"$f\";;"
        + " esac; done < " + d + "list.txt' > " + d + "serial.txt'"
        + " && reader --lines " + d + "list.txt' | " + fail + each.replace("--each", "--skip-failed --rejects " + d + "rejects.cbor' --each")
        + " | writer -f lines > " + d + "out.txt'; echo \"${PIPESTATUS[*]}\";"
        + " cmp " + d + "out.txt' " + d + "serial.txt' && wc -l < " + d + "out.txt';"
        + " writer -f lines < " + d + "rejects.cbor';"
        + " " + fail + each + " < " + d + "rejects.cbor' | writer -f lines; echo \"${PIPESTATUS[*]}\";"
        + " " + fail + each.replace("--each", "--skip-failed --rejects " + d + "again.cbor' --each") + " < " + d + "rejects.cbor'"
        + " | writer -f lines; echo \"${PIPESTATUS[*]}\"; cmp " + d + "rejects.cbor' " + d + "again.cbor' && echo same rejects");
    assertEquals("0 3 0\n48\nfiles/run 000.csv\nfiles/run 023.csv\n1 1\n3 0\nsame rejects\n", result.stdout(), result.stderr());
    String gaveUp = retries == 0 ? "" : " (gave up after 1 retry)";
    for (String skipped : new String[] {"seq 0 (\"files/run 000.csv\")", "seq 23 (\"files/run 023.csv\")"}) {
      assertTrue(result.stderr().contains("fanout: skipped record " + skipped + ": " + JOB + " exited with status 3" + gaveUp + "\n"),
          result.stderr());
    }
    assertEquals(2, occurrences(result.stderr(), "fanout: finished, but skipped 2 records that failed, written to "), result.stderr());
    // Both records run at once in the fail-fast run: whichever process fails first is named.
    assertTrue(Pattern.compile("\nfanout: record seq (0 \\(\"files/run 000|23 \\(\"files/run 023)\\.csv\"\\): "
        + Pattern.quote(JOB + " exited with status 3" + gaveUp) + "\n").matcher(result.stderr()).find(),
        "the fail-fast run again: " + result.stderr());
    assertEquals(retries == 0 ? 0 : 6, occurrences(result.stderr(), "running it again (retry 1 of 1)"), result.stderr());
  }

  private static int occurrences(String text, String part) {
    return text.split(Pattern.quote(part), -1).length - 1;
  }

  @Test
  void fileNamesWithSpacesQuotesAndALeadingDashGoThroughUnharmed() throws Exception {
    String odd = "-n it's \"quoted\" $HOME `x` *;  two spaces.txt";
    Files.writeString(dir.resolve(odd), "content of the odd file\n");
    Result result = run("cd '" + dir + "' && ls | grep -- '^-n' | reader --lines - | fanout --each printf '[%s] ' {}"
        + " | writer -f lines && ls | grep -- '^-n' | reader --lines - | fanout --each cat -- {} | writer -f lines");
    assertEquals(new Result(0, "[" + odd + "] \ncontent of the odd file\n", ""), result);
  }

  @Test
  void aCommandWritingBinaryGivesByteStrings() throws Exception {
    // files of bytes that are not UTF-8: their values are byte strings, which writer -f lines shows in base64
    Result result = run("cd '" + dir + "' && for i in 1 2 3; do printf '\\377\\000%s\\n' $i > bin$i; done"
        + " && printf '%s\\n' bin1 bin2 bin3 | reader --lines - | fanout -n 2 --each cat | writer -f lines"
        + " && for i in 1 2 3; do printf '\\377\\000%s' $i | base64; done");
    assertEquals(0, result.status(), result.stderr());
    String[] lines = result.stdout().split("\n");
    assertEquals(6, lines.length, result.stdout());
    for (int i = 0; i < 3; i++) assertEquals(lines[i + 3], lines[i]);
  }

  @Test
  void sigtermToFanoutAloneLeavesNoChildRunning() throws Exception {
    // two jobs, each a shell waiting on its own sleep: fanout must stop both and what they started
    Result result = run("mkdir '" + dir + "/started' && export SLEEP_IN='" + dir + "/started';"
        + " printf '%s\\n' files/*.csv | reader --lines - | fanout -n 2 --each ./" + JOB + " > /dev/null & pid=$!;"
        + " while [ $(ls '" + dir + "/started' | wc -l) -lt 2 ]; do sleep 0.1; done;"
        + " kill -TERM $pid; wait $pid; echo $?");
    assertEquals("143\n", result.stdout(), result.stderr());
  }

  @Test
  void sigintToFanoutAloneLeavesNoChildRunningEither() throws Exception {
    // set -m: with job control on, a background job does not start with SIGINT ignored
    Result result = run("set -m; mkdir '" + dir + "/started' && export SLEEP_IN='" + dir + "/started';"
        + " printf '%s\\n' files/*.csv | reader --lines - | fanout -n 3 --each ./" + JOB + " > /dev/null & pid=$!;"
        + " while [ $(ls '" + dir + "/started' | wc -l) -lt 3 ]; do sleep 0.1; done;"
        + " kill -INT $pid; wait $pid; echo $?");
    assertEquals("130\n", result.stdout(), result.stderr());
  }

  /**
   * SIGTERM to fanout alone stops the processes it runs, which then exit 143: fanout's own stop, not
   * their records' failure. Under --retries fanout said it was running those records again (it did
   * not), and under --skip-failed that it had skipped one, naming a good record as a failing one.
   */
  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"--retries 2", "--skip-failed", "--skip-failed --retries 1"})
  void sigtermToFanoutAloneNamesNoRecordAsFailed(String option) throws Exception {
    Result result = run("mkdir '" + dir + "/started' && export SLEEP_IN='" + dir + "/started';"
        + " printf '%s\\n' files/*.csv | reader --lines - | fanout -n 2 " + option + " --each ./" + JOB + " > /dev/null & pid=$!;"
        + " while [ $(ls '" + dir + "/started' | wc -l) -lt 2 ]; do sleep 0.1; done;"
        + " kill -TERM $pid; wait $pid; echo $?");
    assertEquals("143\n", result.stdout(), result.stderr());
    assertFalse(result.stderr().contains("fanout: "), result.stderr());
  }

  /**
   * Processes that can't all be open at once under the open file limit ({@code ulimit -n 64}, {@code
   * -n 32}) fail the run before any starts, naming the limit, and leave nothing in {@code $TMPDIR}.
   * They started, and ran into EMFILE: a start that fell back from memory files to a file in a private
   * directory there, and failed, left the directory (in 4 runs of 5, as emptying it took listing it, a
   * descriptor, which the other threads had all taken by then); and once that was fixed, still in 1
   * run of 7 to 20 on a busy machine, as the JDK's failed start closes a descriptor it never opened
   * (OpenFileLimit says more), there the directory being listed; once in 100 the JVM crashed. The
   * same runs had printed some 500 lines of stack traces, before the first output file was made
   * ahead of the threads (EachRun.run says why); the exact stderr here leaves no room for them. That
   * race is no longer run by any test: the JDK's failed start can crash the JVM in it.
   */
  @Test
  void processesThatCannotAllBeOpenUnderTheFileLimitFailFirstAndLeaveNoDirectoryBehind() throws Exception {
    Result result = descriptorStarvedRuns(8);
    assertEquals(("fanout: cannot run 32 processes at once: fanout keeps up to 9 open files for each process as it starts,"
        + " and may have 64 open in all (ulimit -n); run fewer (-n), or raise the limit\n"
        + "writer: input ends with an abort mark at byte offset 0: an earlier stage failed\n").repeat(8), result.stderr());
  }

  /**
   * The limit is checked however low it is, on both sides of the line: under {@code ulimit -n 64},
   * 5 processes at once (9 files each and fanout's own 16 fit) run, 6 fail before any starts. The
   * check was made only past 256 files, as reading the limit cost 3 ms of every start: {@code -n 6}
   * started, and ran into the limit or not by chance.
   */
  @Test
  void anOpenFileLimitBelowTheUsualIsCheckedToo() throws Exception {
    Result five = run("(ulimit -n 64; seq 300 | reader --lines - | fanout --each -n 5 echo | writer -f lines | wc -l)");
    assertEquals(new Result(0, "300\n", ""), five);
    Result six = run("(ulimit -n 64; seq 300 | reader --lines - | fanout --each -n 6 echo | writer -f lines | wc -l;"
        + " echo \"${PIPESTATUS[2]}\")");
    assertEquals(new Result(0, "0\n1\n", "fanout: cannot run 6 processes at once: fanout keeps up to 9 open files for each process"
        + " as it starts, and may have 64 open in all (ulimit -n); run fewer (-n), or raise the limit\n"
        + "writer: input ends with an abort mark at byte offset 0: an earlier stage failed\n"), six);
  }

  /**
   * {@code runs} runs of {@code fanout --each -n 32 echo} under {@code ulimit -n 64}, one after
   * another, each of which must fail with fanout's status 1 (its processes can't all start).
   */
  private Result descriptorStarvedRuns(int runs) throws Exception {
    Result result = run("for i in $(seq " + runs + "); do (ulimit -n 64; seq 200 | reader --lines - | fanout --each -n 32 echo"
        + " | writer -f lines > /dev/null; echo \"${PIPESTATUS[2]}\"); done");
    assertEquals("1\n".repeat(runs), result.stdout(), result.stderr());
    return result;
  }

  @Test
  void emptyInputStartsNoProcessAndSucceeds() throws Exception {
    Result result = run(": | reader --lines - | fanout --each touch '" + dir + "/touched' | writer -f lines;"
        + " echo \"${PIPESTATUS[*]}\"; ls '" + dir + "'");
    assertEquals(new Result(0, "0 0 0 0\ntmp\n", ""), result);
  }

  @Test
  void closedStdinAndStdoutClosedEarly() throws Exception {
    Result closed = run("fanout --each echo <&- | od -An -tx1; echo \"${PIPESTATUS[0]}\"");
    assertEquals(new Result(0, " ff\n1\n", "fanout: stdin is closed\n"), closed);
    Result head = run("printf '%s\\n' files/*.csv | reader --lines - | fanout -n 2 --each ./" + JOB
        + " | writer -f lines | head -n 3 | wc -l; echo \"${PIPESTATUS[*]}\"");
    assertTrue(head.stdout().matches("3\n0 0 (0|141) (0|141) 0 0\n"), head.stdout() + head.stderr());
    assertEquals("", head.stderr());
  }

  @Test
  void aMissingCommandIs127BeforeAnyRecord() throws Exception {
    Result result = run("printf '%s\\n' files/*.csv | reader --lines - | fanout --each no-such-command-14 {}"
        + " | writer -f lines; echo \"${PIPESTATUS[*]}\"");
    // fanout may exit before reader writes: reader then ends with a broken pipe, as any writer would
    assertTrue(result.stdout().matches("(0|141) (0|141) 127 1\n"), result.stdout());
    assertTrue(result.stderr().startsWith("fanout: no-such-command-14: command not found\n"), result.stderr());
  }
}
