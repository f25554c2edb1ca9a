package dev.recpipe.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.recpipe.examples.Shell.Result;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@code fanout --skip-failed} with the real launchers in shell pipelines (issue 14, point 4): a
 * worker that crashes on some input values, dealt the default batches of 256; every other record
 * comes out, in order, byte for byte the serial output less the bad ones; {@code --rejects} holds
 * exactly the bad records, and fanout run on it fails on them again; the exit status is 3. Also:
 * what is not skippable still fails the run, and a failed run's good records reach downstream before
 * the abort mark. After each run, nothing is left behind ({@link CleanRun}).
 */
@Timeout(300)
class SkipFailedIT {
  /** The worker: sums rows as summer does, and crashes (exit 3, its buffered output lost) on the rows whose first value is in $POISON, or on every row for "all". */
  private static final String POISON = "skip-it-poison" + CleanRun.RUN + ".py";
  private static final String WORKER = Shell.ROOT.resolve("examples/python/worker.py").toString();
  private static final int ROWS = 5000;

  @TempDir static Path shared;
  @TempDir Path dir;
  private Path tmp;

  @BeforeAll
  static void makeInput() throws Exception {
    Files.writeString(shared.resolve(POISON), """
        import os, sys
        sys.path.insert(0, sys.argv[1])
        import recpipe
        bad = os.environ["POISON"]
        bad = None if bad == "all" else {int(value) for value in bad.split(",")}
        out = sys.stdout.buffer
        for seq, row in recpipe.Reader(sys.stdin.buffer):
            if bad is None or row[0] in bad:
                sys.stderr.write("poison: crashed on %d\\n" % row[0])
                sys.stderr.flush()
                os._exit(3)  # as a crash: what waits in stdout's buffer is lost
            out.write(recpipe.encode_record(seq, sum(row)))
        """, StandardCharsets.UTF_8);
    // row i is "i,2i,i mod 7": its first value is its seq, so the bad values are the bad seqs
    Result made = Shell.bash(shared, "seq 0 " + (ROWS - 1) + " | awk '{ print $1 \",\" 2 * $1 \",\" $1 % 7 }' > rows.csv"
        + " && reader rows.csv | summer | writer > sums.csv && reader rows.csv | writer > rows.txt");
    assertEquals(0, made.status(), made.stderr());
  }

  @BeforeEach
  void privateTmp() throws IOException {
    tmp = Files.createDirectory(dir.resolve("tmp"));
  }

  private Result run(String script) throws Exception {
    return CleanRun.run(dir, tmp, shared, POISON + "|" + WORKER, script);
  }

  /** fanout over rows.csv with the poison worker, its output and rejects file in the test's directory. */
  private String skipRun(String poison, String options) {
    return "reader rows.csv | POISON=" + poison + " fanout " + options + " --skip-failed --rejects '" + dir
        + "/rejects.cbor' python3 " + POISON + " '" + Shell.ROOT.resolve("examples/python") + "' > '" + dir
        + "/out.cbor'; echo \"${PIPESTATUS[*]}\"";
  }

  /** The lines of {@code file} (sums.csv or rows.txt) whose seq is among {@code seqs} ({@code keep}) or not. */
  private static String lines(String file, String seqs, boolean keep) {
    return "awk -F, -v seqs=" + seqs + " 'BEGIN { n = split(seqs, s, \",\"); for (i = 1; i <= n; i++) bad[s[i]] = 1 }"
        + " " + (keep ? "" : "!") + "($1 in bad)' " + file;
  }

  private void assertSkipped(Result result, String poison, int workers) throws Exception {
    assertEquals("0 3\n", result.stdout(), result.stderr());
    Result output = run("writer < '" + dir + "/out.cbor' | cmp - <(" + lines("sums.csv", poison, false) + ") && echo same"
        + " && writer < '" + dir + "/rejects.cbor' | cmp - <(" + lines("rows.txt", poison, true) + ") && echo rejects");
    assertEquals("same\nrejects\n", output.stdout(), output.stderr());
    int count = poison.split(",").length;
    for (String seq : poison.split(",")) {
      assertTrue(result.stderr().contains("fanout: skipped record seq " + seq + ": worker "), result.stderr());
    }
    assertEquals(count, occurrences(result.stderr(), "fanout: skipped record seq "), result.stderr());
    assertTrue(result.stderr().endsWith("fanout: finished, but skipped " + count + (count == 1 ? " record" : " records")
        + " that failed, written to " + dir + "/rejects.cbor\n"), result.stderr());
    // the rejects file, run again, fails on its records again
    Result again = run("POISON=" + poison + " fanout -n " + workers + " python3 " + POISON + " '"
        + Shell.ROOT.resolve("examples/python") + "' < '" + dir + "/rejects.cbor' | writer; echo \"${PIPESTATUS[*]}\"");
    assertEquals("1 1\n", again.stdout(), again.stderr());
    // the default batch deals the records one a worker at first: two may crash side by side, and
    // the run stops at whichever crash it sees first
    assertTrue(again.stderr().startsWith("poison: crashed on "), again.stderr());
    assertTrue(Arrays.stream(poison.split(",")).anyMatch(seq -> again.stderr().contains("poison: crashed on " + seq + "\n")),
        again.stderr());
    assertTrue(again.stderr().contains(" (python3) exited with status 3\n"), again.stderr());
  }

  @ParameterizedTest(name = "-n {0}")
  @ValueSource(ints = {2, 8})
  void aPoisonRecordIsSkippedAndEveryOtherComesOutInOrder(int workers) throws Exception {
    Result result = run(skipRun("2345", "-n " + workers));
    assertSkipped(result, "2345", workers);
    assertTrue(result.stderr().startsWith("poison: crashed on 2345\nfanout: worker "), result.stderr());
    assertTrue(result.stderr().contains(" (python3) exited with status 3; dealing the "), result.stderr());
  }

  /**
   * A record its worker hangs on, found with --stall-timeout: the probes that narrow it down are each
   * dealt a few records and then their end, and read them all, so no input waits in their pipe. A
   * stall counted only with input waiting, so the first probe holding the record hung for ever, with
   * nothing on stderr.
   */
  @Test
  void aRecordThatHangsItsWorkerIsSkippedOnceTheStallTimeoutIsPast() throws Exception {
    Result result = run("reader rows.csv | fanout -n 2 --stall-timeout 1 --skip-failed --rejects '" + dir
        + "/rejects.cbor' python3 " + WORKER + " hang 2345 > '" + dir + "/out.cbor'; echo \"${PIPESTATUS[*]}\"");
    assertEquals("0 3\n", result.stdout(), result.stderr());
    assertTrue(result.stderr().matches("(?s).*\nfanout: skipped record seq 2345: worker [12] \\(python3\\) stalled: it"
        + " wrote nothing for 1 s after reading the end of its input when dealt it alone\n.*"), result.stderr());
    assertEquals(1, occurrences(result.stderr(), "fanout: skipped record seq "), result.stderr());
    Result output = run("writer < '" + dir + "/out.cbor' | cmp - <(" + lines("sums.csv", "2345", false) + ") && echo same"
        + " && writer < '" + dir + "/rejects.cbor' | cmp - <(" + lines("rows.txt", "2345", true) + ") && echo rejects");
    assertEquals("same\nrejects\n", output.stdout(), output.stderr());
  }

  @ParameterizedTest(name = "poison {0}, --retries {1}")
  @CsvSource(delimiter = ';', value = {
      "0; 0", "4999; 0", "1000,1001; 0", "0,255,256,4999; 0",
      "0; 2", "4999; 2", "1000,1001; 2", "3333; 1"})
  void firstLastAndNeighbouringPoisonRecords(String poison, int retries) throws Exception {
    Result result = run(skipRun(poison, "-n 2 --retries " + retries));
    assertSkipped(result, poison, 2);
    for (String seq : poison.split(",")) { // each one crashed alone K + 1 times, and more among others
      assertTrue(occurrences(result.stderr(), "poison: crashed on " + seq + "\n") >= retries + 1, result.stderr());
    }
    if (retries > 0) assertTrue(result.stderr().contains("when dealt it alone, " + (retries + 1) + " times\n"), result.stderr());
  }

  @Test
  void everyRecordPoisonGivesNoOutputAndEveryRecordInTheRejects() throws Exception {
    Result result = run("head -40 rows.csv > few.csv && " + skipRun("all", "-n 2").replace("reader rows.csv", "reader few.csv"));
    assertEquals("0 3\n", result.stdout(), result.stderr());
    Result output = run("wc -c < '" + dir + "/out.cbor' && writer < '" + dir + "/rejects.cbor' | cmp - <(head -40 rows.txt) && echo rejects");
    assertEquals("0\nrejects\n", output.stdout(), output.stderr());
    assertEquals(40, occurrences(result.stderr(), "fanout: skipped record seq "), result.stderr());
  }

  /** A line filter (awk) that dies on two of its lines: its lines answer the records of each probe, and only those. */
  @ParameterizedTest(name = "-n {0}")
  @ValueSource(ints = {2, 8})
  void aLineFilterThatCrashesOnSomeLinesUnderLines(int workers) throws Exception {
    String awk = "'$0 == \"w1500\" || $0 == \"w7\" { exit 3 } { print toupper($0) }'";
    Result result = run("seq 1 3000 | sed 's/^/w/' > words.txt && reader --lines words.txt | fanout -n " + workers
        + " --lines --skip-failed --rejects '" + dir + "/rejects.cbor' awk " + awk + " | writer -f lines > '" + dir
        + "/out.txt'; echo \"${PIPESTATUS[*]}\"; grep -vx -e w1500 -e w7 words.txt | tr a-z A-Z | cmp - '" + dir
        + "/out.txt' && echo same; writer < '" + dir + "/rejects.cbor'; fanout --lines awk " + awk + " < '" + dir
        + "/rejects.cbor' | writer; echo \"${PIPESTATUS[*]}\"");
    assertEquals("0 3 0\nsame\n6,w7\n1499,w1500\n1 1\n", result.stdout(), result.stderr());
    assertTrue(result.stderr().contains("fanout: skipped record seq 6: worker "), result.stderr());
    assertTrue(result.stderr().contains("fanout: skipped record seq 1499: worker "), result.stderr());
  }

  @Test
  void withoutRejectsTheSeqsAreNamedOnStderrAndWriterKeepsItsFile() throws Exception {
    Result result = run("set -o pipefail; reader rows.csv | POISON=17 fanout -n 2 --skip-failed python3 " + POISON + " '"
        + Shell.ROOT.resolve("examples/python") + "' | writer -o '" + dir + "/out.csv'; echo $?; "
        + lines("sums.csv", "17", false) + " | cmp - '" + dir + "/out.csv' && echo same");
    assertEquals("3\nsame\n", result.stdout(), result.stderr());
    assertTrue(result.stderr().matches("(?s).*\nfanout: skipped record seq 17: worker \\d \\(python3\\) exited with status 3"
        + " when dealt it alone\nfanout: finished, but skipped 1 record that failed \\(their seqs are named above\\)\n"),
        result.stderr());
  }

  @Test
  void aWorkerThatFailsWithNothingUnansweredStillFailsTheRun() throws Exception {
    // 20 records go to worker 1 in one batch of -b 256; worker 2 is dealt none, and fails at its end all the same
    Result result = run("head -20 rows.csv | reader | fanout -n 2 -b 256 --skip-failed sh -c 'summer; exit 4' | writer | wc -l;"
        + " echo \"${PIPESTATUS[*]}\"");
    assertEquals("0\n0 0 1 1 0\n", result.stdout().replaceFirst("^\\d+\n", "0\n"), result.stderr());
    assertTrue(result.stderr().contains("fanout: worker 2 (sh) exited with status 4 with no record unanswered, so there is"
        + " no record to skip for it\n"), result.stderr());
  }

  /**
   * With --retries as well, a crash with nothing unanswered is restarted as under --retries alone:
   * worker 2, dealt nothing, exits 4 once (as when a signal stops a worker at its start). It failed
   * the run that --retries 1 alone finishes (bench/chaos.sh --seed 1127: TERM to a worker's launcher
   * as it started, under --retries 1 --skip-failed, exit 1 about one run in two).
   */
  @Test
  void aWorkerThatFailsOnceWithNothingUnansweredIsRestartedUnderRetries() throws Exception {
    Result result = run("set -o pipefail; head -20 rows.csv | reader | fanout -n 2 -b 256 --retries 1 --skip-failed"
        + " sh -c '[ \"$RECPIPE_WORKER\" = 2 ] && mkdir " + dir + "/once 2> /dev/null && exit 4; exec summer'"
        + " | writer | cmp - <(head -20 sums.csv) && echo same");
    assertEquals(new Result(0, "same\n", "fanout: worker 2 (sh) exited with status 4 with no record unanswered;"
        + " restarted it (retry 1 of 1)\n"), result);
  }

  /** Past its retries, such a crash fails the run, saying so. */
  @Test
  void aWorkerThatFailsWithNothingUnansweredPastItsRetriesFailsTheRun() throws Exception {
    Result result = run("head -20 rows.csv | reader | fanout -n 2 -b 256 --retries 1 --skip-failed sh -c 'summer; exit 4'"
        + " | writer | wc -l; echo \"${PIPESTATUS[*]}\"");
    assertEquals("0\n0 0 1 1 0\n", result.stdout().replaceFirst("^\\d+\n", "0\n"), result.stderr());
    // worker 1's own lines (its last record dealt again alone, and skipped) may come between these
    assertTrue(result.stderr().matches("(?s).*fanout: worker 2 \\(sh\\) exited with status 4 with no record unanswered;"
        + " restarted it \\(retry 1 of 1\\)\n.*fanout: worker 2 \\(sh\\) exited with status 4 with no record"
        + " unanswered, so there is no record to skip for it \\(gave up after 1 retry\\)\n.*"), result.stderr());
  }

  /**
   * A worker that fails at its end whatever it was given: its last record, held back until it ends
   * well, is dealt again alone, fails, and is skipped; the worker then in its place, given nothing,
   * fails too, and that fails the run. What went out before is the serial output's first records.
   */
  @Test
  void aWorkerThatFailsAtItsEndWhateverItIsGivenFailsTheRunAfterSkippingItsLastRecord() throws Exception {
    Result result = run("head -20 rows.csv | reader | fanout -n 1 --skip-failed sh -c 'summer; exit 4' > '" + dir
        + "/raw.cbor'; echo $?; head -c -1 '" + dir + "/raw.cbor' | writer | cmp - <(head -19 sums.csv) && echo 'first 19'");
    assertEquals("1\nfirst 19\n", result.stdout(), result.stderr());
    assertEquals("fanout: worker 1 (sh) exited with status 4; dealing the record it had not answered again, alone, to see"
        + " whether it fails\n"
        + "fanout: skipped record seq 19: worker 1 (sh) exited with status 4 when dealt it alone\n"
        + "fanout: worker 1 (sh) exited with status 4 with no record unanswered, so there is no record to skip for it\n",
        result.stderr());
  }

  @Test
  void outputThatIsNotRecordsStillFailsTheRun() throws Exception {
    Result result = run("reader rows.csv | fanout -n 2 --skip-failed python3 " + WORKER + " garbage | writer;"
        + " echo \"${PIPESTATUS[*]}\"");
    assertEquals("0 1 1\n", result.stdout().replaceFirst("^141 ", "0 "), result.stderr());
    assertTrue(result.stderr().matches("fanout: worker \\d \\(python3\\): byte offset 0: invalid CBOR: [^\n]*\n"
        + "writer: input ends with an abort mark at byte offset 0: an earlier stage failed\n"), result.stderr());
  }

  @Test
  void theOptionsGoTogetherOnlyAsTheyShould() throws Exception {
    Result result = run("fanout --rejects r.cbor summer < /dev/null | cat;"
        + " fanout --rejects r.cbor --each echo < /dev/null | cat; test -e r.cbor || echo 'no r.cbor'");
    assertEquals(Shell.ABORT_MARK.repeat(2) + "no r.cbor\n", result.stdout());
    assertEquals(("fanout: --rejects works with --skip-failed only; add --skip-failed, or leave --rejects out\n"
        + "Try 'fanout --help' for more information.\n").repeat(2),
        result.stderr());
  }

  /**
   * A failed run writes every record whose turn had come before the abort mark. The worker takes all
   * of its input, exits 3, and leaves a child to write its answers (the records as they came) a moment
   * later: fanout reads them to the end of the worker's output after the exit, and they waited in the
   * merger's buffer when the failure ended the run, and were lost with it.
   */
  @Test
  void aFailedRunWritesTheGoodRecordsItHasBeforeTheAbortMark() throws Exception {
    Result result = run("head -2000 rows.csv | reader > in.cbor && fanout -n 1 -b 5000 sh -c"
        + " 'cat > \"$0\"; (sleep 0.2; cat \"$0\") & exit 3' '" + dir + "/kept.cbor' < in.cbor > '" + dir + "/raw.cbor';"
        + " echo $?; tail -c 1 '" + dir + "/raw.cbor' | od -An -tx1;"
        + " head -c -1 '" + dir + "/raw.cbor' | cmp - in.cbor && echo 'all 2000'");
    assertEquals("1\n ff\nall 2000\n", result.stdout(), result.stderr());
    assertEquals("fanout: worker 1 (sh) exited with status 3\n", result.stderr());
  }

  /**
   * SIGTERM to fanout alone stops its workers, which then exit 143: that is fanout's own stop, not a
   * crash. Under --skip-failed, fanout said on stderr that a worker had exited with status 143 and
   * that it was "dealing the 514 records it had not answered again ... to find the one that fails",
   * which it never did: a user reading the log took a record for a poison one.
   */
  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"--skip-failed", "--retries 2"})
  void sigtermToFanoutAloneNamesNoWorkerAsCrashed(String option) throws Exception {
    // each worker takes all it is dealt, says it has started, and waits on a child, as a shell script
    // does: it exits 143 as its child does, a moment after fanout's SIGTERM to both
    Result result = run("mkdir '" + dir + "/started'; reader rows.csv | fanout -n 2 " + option + " sh -c"
        + " 'cat > /dev/null; touch \"$0/$RECPIPE_WORKER\"; sleep 60' '" + dir + "/started' " + POISON + " > /dev/null & pid=$!;"
        + " while [ $(ls '" + dir + "/started' | wc -l) -lt 2 ]; do sleep 0.1; done; kill -TERM $pid; wait $pid; echo $?");
    assertEquals("143\n", result.stdout(), result.stderr());
    assertFalse(result.stderr().contains("fanout: "), result.stderr()); // the shell may say its child was "Terminated"
  }

  private static int occurrences(String text, String part) {
    Matcher matcher = Pattern.compile(Pattern.quote(part)).matcher(text);
    int count = 0;
    while (matcher.find()) count++;
    return count;
  }

  /**
   * Running a rejects file again, its new rejects to the same name (`fanout --skip-failed --rejects
   * F CMD < F`): fanout made F anew before reading a record, so the records on its stdin were gone:
   * nothing out, exit 0, and the rejects lost. Now a usage error, exit 2, that leaves F as it was.
   */
  @Test
  void aRejectsFileThatIsFanoutsStdinIsAUsageErrorThatLeavesItAlone() throws Exception {
    String file = dir + "/again.cbor";
    Result result = run("reader rows.csv > '" + file + "' && cp '" + file + "' '" + dir + "/before.cbor'"
        + " && POISON=7 fanout -n 2 --skip-failed --rejects '" + file + "' python3 " + POISON + " '"
        + Shell.ROOT.resolve("examples/python") + "' < '" + file + "' > /dev/null; echo $?;"
        + " cmp '" + file + "' '" + dir + "/before.cbor' && echo unchanged");
    assertEquals("2\nunchanged\n", result.stdout(), result.stderr());
    assertTrue(result.stderr().startsWith("fanout: --rejects " + file + " is fanout's stdin: "), result.stderr());
  }

  /**
   * The rejects file named as fanout's stdout too: the skipped records were written over the output
   * at the end, and the run exited 3 as if the output were whole but for them. Now a usage error.
   */
  @Test
  void aRejectsFileThatIsFanoutsStdoutIsAUsageError() throws Exception {
    String file = dir + "/both.cbor";
    Result result = run("reader rows.csv | POISON=7 fanout -n 2 --skip-failed --rejects '" + file + "' python3 " + POISON
        + " '" + Shell.ROOT.resolve("examples/python") + "' > '" + file + "'; echo $?");
    assertEquals("2\n", result.stdout(), result.stderr());
    assertTrue(result.stderr().startsWith("fanout: --rejects " + file + " is fanout's stdout: "), result.stderr());
  }

  /**
   * {@code --rejects -}: reader and writer -o take {@code -} for stdin and stdout, fanout made a file
   * named {@code -} in the working directory and ended with "written to -", exit 3, so the skipped
   * records looked sent to stdout, where the output goes. {@code -} is fanout's stdout: a usage
   * error, as {@code --rejects /dev/stdout} is, and no file is made.
   */
  @Test
  void aRejectsFileNamedDashIsFanoutsStdoutAUsageErrorAndMakesNoFile() throws Exception {
    Result result = run("reader rows.csv | POISON=7 fanout -n 2 --skip-failed --rejects - python3 " + POISON + " '"
        + Shell.ROOT.resolve("examples/python") + "' > '" + dir + "/out.cbor'; echo $?; [ -e ./- ] && rm ./- && echo made -");
    assertEquals("2\n", result.stdout(), result.stderr());
    assertTrue(result.stderr().startsWith("fanout: --rejects - is fanout's stdout: "), result.stderr());
  }

  /**
   * {@code --rejects /dev/stderr} under {@code 2> log}: fanout made the log anew, truncating it, so
   * what the shell had written to it before the run became NUL bytes ("first" lost), and the
   * skipped records would have gone over fanout's own messages at the end. fanout's stderr is its
   * messages' stream: a usage error, as its stdin and stdout are, and the log is left alone.
   */
  @Test
  void aRejectsFileThatIsFanoutsStderrIsAUsageErrorThatLeavesTheLogAlone() throws Exception {
    String log = dir + "/log";
    Result result = run("{ echo first >&2; reader rows.csv | POISON=7 fanout -n 2 --skip-failed --rejects /dev/stderr"
        + " python3 " + POISON + " '" + Shell.ROOT.resolve("examples/python") + "' > /dev/null; echo $? >&2; } 2> '"
        + log + "'; head -n 3 '" + log + "'");
    assertEquals("first\nfanout: --rejects /dev/stderr is fanout's stderr: it would be made anew, emptied, and the skipped"
        + " records written over fanout's messages; name another file\nTry 'fanout --help' for more information.\n",
        result.stdout(), result.stderr());
  }
}
