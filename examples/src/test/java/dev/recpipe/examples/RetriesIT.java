package dev.recpipe.examples;

import static dev.recpipe.examples.Shell.sh;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.recpipe.examples.Shell.Result;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * {@code fanout --retries}: workers that crash are restarted and dealt again what they had not
 * answered, and the output is byte for byte what a run without the crash writes. The crashes are
 * planted in examples/python/worker.py: once per run (CRASH_ONCE), in the middle of a record that
 * has several results, by exit status or by SIGKILL.
 */
@Timeout(180)
class RetriesIT {
  private static final String WORKER = Shell.ROOT.resolve("examples/python/worker.py").toString();

  @TempDir static Path shared;
  @TempDir Path dir;
  private Path tmp;

  @BeforeAll
  static void makeInput() throws Exception {
    // the reference outputs come from runs without any fault
    Result made = sh(shared, "gencsv 20000 5 3 > rows.csv && reader rows.csv | summer | writer > sums.csv"
        + " && reader rows.csv | fanout -n 2 python3 " + WORKER + " multiply 3 | writer > tripled.csv"
        + " && reader rows.csv | fanout -n 2 python3 " + WORKER + " drop 3 | writer > thirds.csv");
    assertEquals(0, made.status(), made.stderr());
  }

  @BeforeEach
  void privateTmp() throws IOException {
    tmp = Files.createDirectory(dir.resolve("tmp"));
  }

  private Result run(String script) throws Exception {
    return CleanRun.run(dir, tmp, shared, WORKER, script);
  }

  /** A crash once in the run, at the worker's record {@code after}, by {@code signal} (exit 3 if empty). */
  private String plantedCrash(int after, String signal) {
    return "export CRASH_ONCE='" + dir + "/crashed' CRASH_AFTER=" + after + " CRASH_SIGNAL=" + signal + "; ";
  }

  @ParameterizedTest(name = "-n {0} -b {1}")
  @CsvSource({"1, 256", "2, 1", "2, 256", "3, 100", "8, 50"})
  void crashInTheMiddleOfASplitRecordLeavesNoTraceInTheOutput(int workers, int batch) throws Exception {
    Result result = run(plantedCrash(2000, "") + "reader rows.csv | fanout -n " + workers + " -b " + batch
        + " --retries 2 python3 " + WORKER + " multiply 3 | writer | cmp - tripled.csv && echo same");
    assertEquals("same\n", result.stdout(), result.stderr());
    assertEquals(0, result.status());
    assertTrue(result.stderr().matches("(?s)worker.py: planted crash in the middle of record seq \\d+\n"
        + "fanout: worker \\d+ \\(python3\\) exited with status 3; restarted it \\(retry 1 of 2\\),"
        + " dealing it \\d+ records again\n"), result.stderr());
  }

  @Test
  void workerKilledBySigkillMidStream() throws Exception {
    Result result = run(plantedCrash(4000, "KILL") + "reader rows.csv | fanout -n 3 --retries 1 python3 " + WORKER
        + " sum | writer | cmp - sums.csv && echo same");
    assertEquals("same\n", result.stdout(), result.stderr());
    assertTrue(result.stderr().contains("exited with status 137; restarted it (retry 1 of 1)"), result.stderr());
  }

  @Test
  void javaWorkerKilledFromOutsideMidStream() throws Exception {
    // worker 2 is a shell that starts summer and, after a while, SIGKILLs it: a crash from outside
    String killer = "'if [ \"$RECPIPE_WORKER\" = 2 ] && [ ! -e \"" + dir + "/killed\" ]; then touch \"" + dir
        + "/killed\"; summer & (sleep 1; kill -KILL $!) & wait $!; exit $?; else exec summer; fi'";
    Result result = run("gencsv 400000 10 4 > big.csv && reader big.csv | summer | writer > big-sums.csv"
        + " && reader big.csv | fanout -n 2 --retries 1 sh -c " + killer + " | writer | cmp - big-sums.csv && echo same");
    assertEquals("same\n", result.stdout(), result.stderr());
  }

  @Test
  void droppingWorkerWithReadyDispatch() throws Exception {
    Result result = run(plantedCrash(3000, "") + "reader rows.csv | fanout -n 2 -b 64 --dispatch ready --retries 1 python3 "
        + WORKER + " drop 3 | writer | cmp - thirds.csv && echo same");
    assertEquals("same\n", result.stdout(), result.stderr());
  }

  @Test
  void crashAfterTheInputHasAllBeenDealt() throws Exception {
    // 20,000 records over 2 workers: each gets about 10,000; the crash comes near the end of one
    Result result = run(plantedCrash(9900, "") + "reader rows.csv | fanout -n 2 --retries 1 python3 " + WORKER
        + " sum | writer | cmp - sums.csv && echo same");
    assertEquals("same\n", result.stdout(), result.stderr());
  }

  @Test
  void workerThatExitsEarlyIsRestartedToo() throws Exception {
    Result result = run("export CRASH_ONCE='" + dir + "/exited'; reader rows.csv | FAULTY_WORKER=1 fanout -n 2 -b 10 --retries 1 python3 "
        + WORKER + " early 500 | writer | cmp - sums.csv && echo same");
    assertEquals("same\n", result.stdout(), result.stderr());
    assertTrue(result.stderr().matches("fanout: worker 1 \\(python3\\) exited before reading all its input"
        + " \\(\\d+ bytes unread\\); restarted it \\(retry 1 of 1\\), dealing it \\d+ records again\n"), result.stderr());
  }

  @Test
  void aRecordThatCrashesEveryWorkerGivesUpAfterKRetries() throws Exception {
    Result result = run("reader rows.csv | fanout -n 2 --retries 2 python3 " + WORKER + " poison 7777"
        + " | writer -o '" + dir + "/out.csv'; echo \"${PIPESTATUS[*]}\"; ls '" + dir + "'");
    // which worker is dealt seq 7777 depends on the batch sizes, which fanout sizes as answers come;
    // the restarted worker is in the same slot, so the three lines name the same one
    String w = result.stderr().contains("fanout: worker 2 (") ? "2" : "1";
    assertEquals("worker.py: planted crash on seq 7777\n"
        + "fanout: worker " + w + " (python3) exited with status 3; restarted it (retry 1 of 2), dealing it N records again\n"
        + "worker.py: planted crash on seq 7777\n"
        + "fanout: worker " + w + " (python3) exited with status 3; restarted it (retry 2 of 2), dealing it N records again\n"
        + "worker.py: planted crash on seq 7777\n"
        + "fanout: worker " + w + " (python3) exited with status 3 (gave up after 2 retries of its records from seq N)\n"
        + "writer: input ends with an abort mark at byte offset N: an earlier stage failed\n",
        result.stderr().replaceAll("\\d{2,}", "N").replace("seq N", "seq N").replace("on seq N", "on seq 7777"));
    assertTrue(result.stdout().matches("(0|141) 1 1\ntmp\n"), result.stdout());
  }

  @Test
  void negativeRetriesIsAUsageError() throws Exception {
    Result result = run("fanout --retries -1 summer < /dev/null; echo $?");
    assertEquals(Shell.ABORT_MARK + "2\n", result.stdout());
    assertEquals("fanout: --retries: '-1' is out of range; give 0 to 2147483647\nTry 'fanout --help' for more information.\n",
        result.stderr());
  }
}
