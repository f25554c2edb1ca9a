package dev.recpipe.examples;

import static dev.recpipe.examples.Shell.sh;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.recpipe.examples.Shell.Result;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * fanout end to end: real launchers, real worker processes (recpipe's and Python ones with planted
 * faults), real named pipes. Every run is bounded in time, and every test checks that no pipe
 * directory and no worker process is left behind.
 */
@Timeout(180)
class FanoutIT {
  private static final String WORKER = Shell.ROOT.resolve("examples/python/worker.py").toString();
  private static final String AWK_SUMS = "awk -F, '{s=0;for(i=1;i<=NF;i++)s+=$i;print NR-1\",\"s}'";

  @TempDir static Path shared;
  @TempDir Path dir;
  private Path tmp;

  @BeforeAll
  static void makeInput() throws Exception {
    Result made = sh(shared, "gencsv 1000000 10 11 > million.csv && reader million.csv | summer | writer > serial.csv"
        + " && gencsv 20000 5 3 > rows.csv && " + AWK_SUMS + " rows.csv > sums.csv");
    assertEquals(0, made.status(), made.stderr());
  }

  @BeforeEach
  void privateTmp() throws IOException {
    tmp = Files.createDirectory(dir.resolve("tmp"));
  }

  /** Runs {@code script} with TMPDIR set to a directory of this test's, then checks nothing is left. */
  private Result run(String script) throws Exception {
    return CleanRun.run(dir, tmp, shared, WORKER, script);
  }

  @ParameterizedTest(name = "-n {0}")
  @ValueSource(ints = {1, 2, 3, 8, 16})
  void parallelOutputEqualsSerialOnAMillionRows(int workers) throws Exception {
    Result result = run("reader million.csv | fanout -n " + workers + " summer | writer > '" + dir
        + "/parallel.csv' && cmp serial.csv '" + dir + "/parallel.csv' && echo same");
    assertEquals(new Result(0, "same\n", ""), result);
  }

  @Test
  void readyDispatchKeepsOrderToo() throws Exception {
    Result result = run("reader million.csv | fanout -n 3 --dispatch ready -b 100 summer | writer | cmp - serial.csv && echo same");
    assertEquals(new Result(0, "same\n", ""), result);
  }

  /**
   * A slow producer's records are dealt as they come, not once a batch of them has: here three, then
   * nothing for a minute. The answers come out while the input still waits: fanout used to hold every
   * record until 256 had come or the input ended. A record worker (cat) may answer one record with
   * several, so fanout knows it is done with one only once it answers a later one or ends: the last
   * record in flight waits, 2 of 3 come out. A line filter answers each line with one: all 3 do.
   */
  @ParameterizedTest(name = "{1}")
  @CsvSource(delimiter = '|', value = {"| cat | 2", "--lines | --lines sed -u s/,/:/g | 3"})
  @Timeout(30)
  void aSlowProducersRecordsAreDealtAsTheyCome(String readerOptions, String worker, int out) throws Exception {
    String reader = "reader " + (readerOptions == null ? "" : readerOptions);
    Result result = run("head -" + out + " rows.csv | " + reader + " | fanout -n 2 " + worker + " > expected.rec;"
        + " head -3 rows.csv | " + reader + " > three.rec; rm -f sleep.pid;"
        + " { cat three.rec; sleep 60 & echo $! > sleep.pid; wait; } | fanout -n 2 " + worker
        + " | { head -c $(wc -c < expected.rec) > got.rec; for i in $(seq 300); do [ -s sleep.pid ] && break; sleep 0.1; done; kill $(cat sleep.pid); };"
        + " cmp got.rec expected.rec && echo same");
    assertEquals(new Result(0, "same\n", ""), result);
  }

  @Test
  void pythonWorkerMatchesSummer() throws Exception {
    Result result = run("reader rows.csv | fanout -n 3 -b 7 python3 " + WORKER + " sum | writer | cmp - sums.csv && echo same");
    assertEquals(new Result(0, "same\n", ""), result);
  }

  @Test
  void workerThatDropsSomeRecords() throws Exception {
    Result result = run("reader rows.csv | fanout -n 3 -b 5 python3 " + WORKER + " drop 3 | writer"
        + " | cmp - <(awk -F, '(NR-1)%3==0' sums.csv) && echo same");
    assertEquals(new Result(0, "same\n", ""), result);
  }

  @ParameterizedTest(name = "--buffer {0}")
  @ValueSource(ints = {0, 16})
  void workerThatDropsEverything(int bufferMib) throws Exception {
    // batches are exactly -b records, dealt 1, 2, 3, 1, ...: worker 2 has rows 5-9, 20-24, ...
    // --buffer 0: the others' records, held back until worker 2 ends, wait on disk, not in memory
    Result result = run("reader rows.csv | FAULTY_WORKER=2 fanout -n 3 -b 5 --buffer " + bufferMib + " python3 "
        + WORKER + " drop 0 | writer"
        + " | cmp - <(awk -F, '{ b = int((NR-1)/5) % 3 } b != 1' sums.csv) && echo same");
    assertEquals(new Result(0, "same\n", ""), result);
  }

  @Test
  void workerThatMultipliesEveryRecordTenfold() throws Exception {
    Result result = run("reader rows.csv | fanout -n 2 -b 50 python3 " + WORKER + " multiply 10 | writer"
        + " | cmp - <(awk '{for(i=0;i<10;i++)print}' sums.csv) && echo same");
    assertEquals(new Result(0, "same\n", ""), result);
  }

  /**
   * Records of a few MiB each, well under the 8 MiB limit, through eight workers: fanout's queue of
   * batches read from stdin held N + 4 of them whatever their size, and with records of 4.2 MB that
   * queue alone took some 100 MB: fanout ran out of its 256 MiB heap and failed the run
   * ("internal error: java.lang.OutOfMemoryError: Java heap space").
   */
  @Test
  void recordsOfAFewMebibytesPassThroughEightWorkers() throws Exception {
    String big = "'" + dir + "/big.rec'";
    Result result = run("for i in $(seq 60); do head -c 4200000 /dev/zero | tr '\\0' a; echo; done | reader --lines - > "
        + big + " && fanout -n 8 cat < " + big + " | cmp - " + big + " && echo same");
    assertEquals(new Result(0, "same\n", ""), result);
  }

  /**
   * What fanout's heap can't hold (here a record at the limit in a heap of 24 MiB; with the usual
   * 256, records of several MiB through many workers, about two such records a worker) fails the
   * run with a message that says so and what to do, not "internal error: java.lang.OutOfMemoryError".
   */
  @Test
  void runningOutOfHeapSaysSoAndWhatToDo() throws Exception {
    Result result = run("head -c 8388000 /dev/zero | tr '\\0' a | reader --lines - | RECPIPE_JAVA_OPTS=-Xmx24m fanout -n 2 cat"
        + " | wc -c; echo \"${PIPESTATUS[3]}\"");
    assertEquals("1\n1\n", result.stdout(), "nothing but the abort mark, and fanout's status 1");
    assertTrue(result.stderr().matches("fanout: out of memory: its heap \\(\\d+ MiB\\) can't hold the records in flight, about two"
        + " records a worker \\(2 workers\\), besides --buffer \\(16 MiB\\): run fewer workers, or give fanout a larger heap,"
        + " e\\.g\\. RECPIPE_JAVA_OPTS=-Xmx1g\n"), result.stderr());
  }

  /**
   * {@code --buffer} bounds the memory that the records waiting for their turn take, as large as it
   * may be (half the heap). fanout counted their bytes alone, while each record also costs it its seq
   * and its end, 12 bytes, more than a small record's own (summer's {@code [seq, sum]}, about 10): here
   * worker 1 holds its output back until its input ends, so worker 2's 3M sums wait, and {@code
   * --buffer 30} in a 64 MiB heap took twice that, {@code fanout: out of memory: ... about two records a
   * worker (2 workers), besides --buffer (30 MiB): run fewer workers, ...}, exit 1 (with the usual heap:
   * {@code --buffer 120}, 30M rows).
   */
  @Test
  void theLargestBufferAllowedHoldsSmallRecordsWithinTheHeap() throws Exception {
    Result result = run("seq 6000000 | reader | summer | writer > '" + dir + "/serial.csv' && seq 6000000 | reader"
        + " | RECPIPE_JAVA_OPTS=-Xmx64m fanout -n 2 --buffer 30 sh -c 'if [ \"$RECPIPE_WORKER\" = 1 ];"
        + " then summer > \"$0/held\" && cat \"$0/held\"; else exec summer; fi' '" + dir + "'"
        + " | writer | cmp - '" + dir + "/serial.csv' && echo same");
    assertEquals(new Result(0, "same\n", ""), result);
  }

  @Test
  void slowWorkerDelaysButDoesNotDisorder() throws Exception {
    Result result = run("head -300 rows.csv | reader | FAULTY_WORKER=1 fanout -n 3 -b 10 --dispatch ready python3 "
        + WORKER + " sleep 5 | writer | cmp - <(head -300 sums.csv) && echo same");
    assertEquals(new Result(0, "same\n", ""), result);
  }

  @Test
  void crashingWorkerStopsTheRunWithItsStatus() throws Exception {
    Result result = run("reader rows.csv | FAULTY_WORKER=2 fanout -n 3 -b 10 python3 " + WORKER
        + " crash 25 | writer -o '" + dir + "/out.csv'; echo \"${PIPESTATUS[*]}\"; ls '" + dir + "'");
    assertEquals("worker.py: planted crash\nfanout: worker 2 (python3) exited with status 3\n"
        + "writer: input ends with an abort mark at byte offset " , result.stderr().replaceAll("offset \\d+.*\n$", "offset "));
    assertTrue(result.stdout().matches("(?s)(0|141) 1 1\n.*"), result.stdout());
    assertTrue(!result.stdout().contains("out.csv"), result.stdout());
  }

  /**
   * A crash stops the other workers and the processes they started (here a {@code sleep} each):
   * found in one look at the process table for all the workers ({@code ProcessTree}), where each
   * worker's look used to read the whole table. The crashed worker's own child went to init when it
   * exited, beyond reach: the script stops it.
   */
  @Test
  void aCrashStopsTheOtherWorkersAndTheirChildren() throws Exception {
    String kid = "\"" + dir + "/kid";
    Result result = run("reader rows.csv | fanout -n 3 -b 10 sh -c 'sleep 300 & echo $! > " + kid + "$RECPIPE_WORKER\";"
        + " if [ $RECPIPE_WORKER = 1 ]; then while [ ! -s " + kid + "2\" ] || [ ! -s " + kid + "3\" ]; do sleep 0.05; done; exit 3; fi;"
        + " exec cat' > /dev/null; echo $?;"
        + " for k in 2 3; do kill -0 $(cat " + kid + "$k\") 2> /dev/null && echo \"worker $k's sleep is left\"; done;"
        + " kill $(cat " + kid + "1\")");
    assertEquals(new Result(0, "1\n", "fanout: worker 1 (sh) exited with status 3\n"), result);
  }

  @Test
  void workersIgnoringSigtermAreKilledAfterTheGracePeriod() throws Exception {
    // worker 2 crashes; workers 1 and 3 sleep on every record and ignore SIGTERM
    Result result = run("reader rows.csv | FAULTY_WORKER=2 IGNORE_TERM=1 fanout -n 3 -b 10 --grace 0.5 python3 "
        + WORKER + " crash 5 > /dev/null; echo $?");
    assertEquals("1\n", result.stdout());
    assertTrue(result.stderr().endsWith("fanout: worker 2 (python3) exited with status 3\n"), result.stderr());
  }

  @Test
  void unorderedWritesEveryRecordOnce() throws Exception {
    Result result = run("reader rows.csv | fanout -n 3 -b 7 --unordered summer | writer | sort -t, -k1,1n | cmp - sums.csv"
        + " && echo same");
    assertEquals(new Result(0, "same\n", ""), result);
  }

  @Test
  void sigintStopsWorkersAndRemovesPipes() throws Exception {
    // set -m: with job control on, a background job does not start with SIGINT ignored
    Result result = run("set -m; reader rows.csv | fanout -n 2 python3 " + WORKER + " sleep 1000 > /dev/null & pid=$!;"
        + " sleep 2; kill -INT $pid; wait $pid; echo $?");
    assertEquals("130\n", result.stdout());
  }

  @Test
  void workerExitingEarlyIsAnError() throws Exception {
    Result result = run("reader rows.csv | FAULTY_WORKER=1 fanout -n 2 -b 10 python3 " + WORKER
        + " early 5 > /dev/null; echo $?");
    assertEquals("1\n", result.stdout().substring(result.stdout().length() - 2));
    assertTrue(result.stderr().startsWith("fanout: worker 1 (python3) exited before reading all its input"),
        result.stderr());
  }

  /**
   * Workers that exit 0 before their input has come (here `true`), with ready dispatch: fanout passed
   * over every one of them, found no worker to take the records, and waited for ever. Now it fails,
   * as round-robin does. (Whether the records come before or after the exits, it fails: only the
   * message differs.)
   */
  @Test
  @Timeout(60)
  void readyDispatchFailsWhenEveryWorkerHasExitedBeforeItsInputCame() throws Exception {
    Result result = run("{ sleep 1; reader rows.csv; } | fanout -n 2 --dispatch ready true | wc -c; echo \"${PIPESTATUS[1]}\"");
    assertEquals("1\n1\n", result.stdout(), "the abort mark alone, and status 1: " + result.stderr());
    assertTrue(result.stderr().startsWith("fanout: "), result.stderr());
  }

  @Test
  void workerWritingGarbageIsAnError() throws Exception {
    Result result = run("reader rows.csv | FAULTY_WORKER=2 fanout -n 2 python3 " + WORKER + " garbage > /dev/null; echo $?");
    assertEquals("1\n", result.stdout());
    assertTrue(result.stderr().startsWith("fanout: worker 2 (python3): byte offset 0: invalid CBOR"), result.stderr());
  }

  @Test
  void workerWritingAnUndealtSeqIsAnError() throws Exception {
    Result result = run("reader rows.csv | FAULTY_WORKER=1 fanout -n 2 -b 10 python3 " + WORKER + " undealt > /dev/null; echo $?");
    assertEquals("1\n", result.stdout());
    assertTrue(result.stderr().startsWith("fanout: worker 1 (python3) wrote a record with seq 10, which it was not dealt"),
        result.stderr());
  }

  /**
   * A seq the input skipped, inside one of the worker's batches, is not dealt either: fanout noted a
   * batch as the range from its first seq to its last, so a worker that wrote its answer to seq 498
   * as seq 499, the seq of the row {@code reader --skip-bad} skipped, went through: seq 498 missing,
   * its sum under 499, exit 0 (found by generated misbehaving workers).
   */
  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"-n 2", "-n 1 -b 1000", "-n 3 -b 7 --dispatch ready", "-n 2 --retries 1", "-n 2 --unordered"})
  void workerWritingASeqTheInputSkippedIsAnError(String options) throws Exception {
    Result result = run("seq 1000 | sed 's/^500$/x/' | reader --skip-bad 2>/dev/null | fanout " + options + " python3 " + WORKER
        + " shift 498 | writer > out.csv; echo \"${PIPESTATUS[3]} $(grep -c '^499,' out.csv)\"");
    assertEquals("1 0\n", result.stdout(), result.stderr());
    assertTrue(result.stderr().startsWith("fanout: worker "), result.stderr());
    assertTrue(result.stderr().contains(" (python3) wrote a record with seq 499, which it was not dealt\n"), result.stderr());
  }

  /**
   * {@code --unordered} gave up the check with the order: the same worker's records went out under
   * seqs it was never dealt, and fanout exited 0 (a Python worker that added 1,000,000 to its seqs:
   * 3,000 records out, with exit 0, half of them under seqs no row has).
   */
  @Test
  void workerWritingAnUndealtSeqIsAnErrorUnorderedToo() throws Exception {
    Result result = run("reader rows.csv | FAULTY_WORKER=1 fanout -n 2 -b 10 --unordered python3 " + WORKER + " undealt > /dev/null;"
        + " echo $?");
    assertEquals("1\n", result.stdout());
    assertTrue(result.stderr().startsWith("fanout: worker 1 (python3) wrote a record with seq 10, which it was not dealt"),
        result.stderr());
  }

  @Test
  void workerWritingSeqsBackwardsIsAnError() throws Exception {
    Result result = run("reader rows.csv | fanout -n 2 python3 " + WORKER + " backwards > /dev/null; echo $?");
    assertEquals("1\n", result.stdout());
    assertTrue(result.stderr().matches("(?s)fanout: worker \\d \\(python3\\): byte offset \\d+: seq \\d+ after seq \\d+: a worker's output"
        + " must be in non-decreasing seq order\n.*"), result.stderr());
  }

  @Test
  void workersKnowTheirSlot() throws Exception {
    Result result = run("reader rows.csv | fanout -n 3 sh -c 'echo \"$RECPIPE_WORKER/$RECPIPE_WORKERS\" >&2; exec summer'"
        + " > /dev/null");
    assertEquals(0, result.status(), result.stderr());
    assertEquals("1/3\n2/3\n3/3\n", Stream.of(result.stderr().split("\n")).sorted().map(l -> l + "\n").reduce("", String::concat));
  }

  @Test
  void closingStdoutEarlyIsQuiet() throws Exception {
    Result result = run("reader million.csv | fanout -n 2 summer | writer | head -2");
    assertEquals(new Result(0, "0,", ""), new Result(result.status(), result.stdout().substring(0, 2), result.stderr()));
  }

  @Test
  void sigtermStopsWorkersAndRemovesPipes() throws Exception {
    Result result = run("reader rows.csv | fanout -n 2 python3 " + WORKER + " sleep 1000 > /dev/null & pid=$!;"
        + " sleep 2; kill -TERM $pid; wait $pid; echo $?");
    assertEquals("143\n", result.stdout());
  }

  @Test
  void progressEndsWithASummaryLineWhenStderrIsNoTerminal() throws Exception {
    Result result = run("reader rows.csv | fanout -n 2 -b 100 --progress --total 20000 summer | writer | cmp - sums.csv && echo same");
    assertEquals("same\n", result.stdout());
    // exactly one line, no redraws; each worker answered what it was dealt: round-robin, batches of 100
    assertTrue(result.stderr().matches("fanout: 20000 records in, 20000 out of 20000, [0-9]+\\.[0-9]s,"
        + " [0-9.]+k? records/s; answered per worker: 10000 10000\n"), result.stderr());
  }

  @Test
  void unknownCommandExits127AndEndsItsOutputWithTheAbortMark() throws Exception {
    Result result = run("fanout -n 2 no-such-command < /dev/null; echo $?");
    assertEquals(new Result(0, Shell.ABORT_MARK + "127\n", "fanout: no-such-command: command not found\n"), result);
  }

  /**
   * A CMD in a folder its user may not search (another user's, mode 700): fanout said {@code
   * ./locked/stage: No such file or directory}, exit 127, sending its user to look for a file that is
   * there, where a shell says {@code Permission denied}, 126.
   */
  @Test
  void aCommandInAFolderItsUserCannotSearchIsPermissionDeniedNotMissing() throws Exception {
    Assumptions.assumeTrue(sh(dir, "[ \"$(id -u)\" = 0 ] && command -v setpriv").status() == 0,
        "needs root and setpriv to run as another user");
    Result setup = sh(dir, "chmod 755 . && mkdir locked && printf '#!/bin/sh\\nexec summer\\n' > locked/stage"
        + " && chmod 755 locked/stage && chmod 700 locked");
    assertEquals(0, setup.status(), setup.stderr());
    Result result = sh(dir, "setpriv --reuid=65534 --regid=65534 --clear-groups env PATH=\"$PATH\""
        + " sh -c 'fanout -n 2 ./locked/stage < /dev/null; echo $?'");
    assertEquals(new Result(0, Shell.ABORT_MARK + "126\n", "fanout: ./locked/stage: Permission denied\n"), result);
  }

  @Test
  void dealFailingEndsItsPipesWithAnAbortMarkSoTheirReadersFailToo() throws Exception {
    Result result = run("d=$(mktemp -d) && mkfifo $d/a $d/b"
        + " && { summer < $d/a > /dev/null 2>&1 & pa=$!; summer < $d/b > /dev/null 2>&1 & pb=$!;"
        + " (reader rows.csv; printf '\\001') | fanout deal -b 16 $d/a $d/b; echo \"deal=$?\";"
        + " wait $pa; echo \"a=$?\"; wait $pb; echo \"b=$?\"; rm -r $d; }");
    assertEquals("deal=1\na=1\nb=1\n", result.stdout());
    assertTrue(result.stderr().matches("fanout: byte offset \\d+: expected a record, an array \\[seq, value\\], found an integer\n"),
        result.stderr());
  }

  /**
   * SIGTERM to {@code fanout deal} alone, its input not over: its pipes must end with the abort mark,
   * as a failed input ends them, so their readers fail too. They ended cleanly, so in the hand-built
   * topology the workers and {@code fanout merge} exited 0, and writer wrote the records dealt so far
   * as if they were all.
   */
  @Test
  void sigtermToDealAloneEndsItsPipesWithAnAbortMarkSoTheirReadersFailToo() throws Exception {
    // the input's writer stays open (fd 3): deal deals all of rows.csv, then waits for more
    Result result = run("d=$(mktemp -d) && mkfifo $d/a $d/b $d/in && reader rows.csv > $d/rows.cbor"
        + " && { cat $d/a > $d/fa & ra=$!; cat $d/b > $d/fb & rb=$!;"
        + " fanout deal -b 16 $d/a $d/b < $d/in & pid=$!; exec 3> $d/in; cat $d/rows.cbor >&3;"
        + " while [ $(cat $d/fa $d/fb | wc -c) -lt $(wc -c < $d/rows.cbor) ]; do sleep 0.1; done;"
        + " kill -TERM $pid; wait $pid; echo \"deal=$?\"; wait $ra $rb; exec 3>&-;"
        + " tail -c 1 $d/fa | od -An -tx1; tail -c 1 $d/fb | od -An -tx1;"
        + " fanout merge $d/fa $d/fb 2> /dev/null | writer > /dev/null 2>&1; echo \"merge=${PIPESTATUS[0]}\"; rm -r $d; }");
    assertEquals(new Result(0, "deal=143\n ff\n ff\nmerge=1\n", ""), result);
  }

  /**
   * {@code fanout deal} that can't open one of its pipes (a name of nothing, a typo) fails, exit 1:
   * every other pipe it can open must end with the abort mark, as for any other failure. Those
   * opened before the typo were closed cleanly, so summer reading the FIFO a exited 0 with no
   * records, and the regular file f was left emptied, a whole stream of nothing; the FIFO b after
   * the typo was never opened, so its reader's shell waited for a writer for ever (stopped here by
   * timeout, 124).
   */
  @Test
  void aPipeDealCannotOpenEndsEveryOtherPipeWithTheAbortMark() throws Exception {
    Result result = run("d=$(mktemp -d) && mkfifo $d/a $d/b && : > $d/f"
        + " && { summer < $d/a > /dev/null 2>&1 & ra=$!;"
        + " timeout 20 sh -c \"exec summer < $d/b > /dev/null 2>&1\" & rb=$!; sleep 0.5;"
        + " reader rows.csv | fanout deal $d/a $d/typo $d/b $d/f; echo \"deal=$?\";"
        + " wait $ra; echo \"a's reader=$?\"; wait $rb; echo \"b's reader=$?\"; od -An -tx1 $d/f; rm -r $d; }");
    assertEquals("deal=1\na's reader=1\nb's reader=1\n ff\n", result.stdout());
    assertTrue(result.stderr().matches("fanout: /\\S+/typo: No such file or directory\n"), result.stderr());
  }

  /**
   * A file that is {@code fanout deal}'s own stdin named as one of its pipes, or {@code fanout
   * merge}'s own stdout as one of its inputs, is a usage error before anything is read or written:
   * deal's leaves the file as it was, merge's only adds the abort mark a record stage ends its output
   * with on a usage error. deal emptied its input before reading a record of it ({@code fanout deal b
   * r < r}: exit 0, r and b empty, every record lost), and merge read its own output back ({@code
   * fanout merge b r >> r}: exit 0, every record of r twice in it).
   */
  @Test
  void aPipeThatIsDealsStdinOrMergesStdoutIsAUsageErrorThatLeavesItAlone() throws Exception {
    Result result = run("d=$(mktemp -d) && reader rows.csv > $d/r && cp $d/r $d/copy && : > $d/b"
        + " && { fanout deal $d/b $d/r < $d/r; echo \"deal=$?\"; cmp $d/r $d/copy && echo same;"
        + " fanout merge $d/b $d/r >> $d/r; echo \"merge=$?\"; head -c -1 $d/r | cmp - $d/copy && echo same;"
        + " tail -c 1 $d/r | od -An -tx1; rm -r $d; }");
    assertEquals("deal=2\nsame\nmerge=2\nsame\n ff\n", result.stdout());
    assertTrue(result.stderr().matches("fanout: PIPE 2, /\\S+/r, is fanout deal's stdin: it would be emptied before a"
        + " record is read from it; name another file\nTry 'fanout deal --help' for more information.\n"
        + "fanout: PIPE 2, /\\S+/r, is fanout merge's stdout: its own output would be read back as input;"
        + " name another file\nTry 'fanout merge --help' for more information.\n"), result.stderr());
  }

  /**
   * {@code fanout deal}'s own stdout or stderr, a regular file, named as one of its pipes
   * ({@code { echo first; reader rows.csv | fanout deal /dev/stdout; } > log}): deal opened the file
   * anew, emptied it, and wrote its batches from offset 0, so "first" was lost and what the shell
   * wrote after went over the records (exit 0). A usage error now, that leaves the file as it was.
   */
  @Test
  void aPipeThatIsDealsStdoutOrStderrAsARegularFileIsAUsageErrorThatLeavesItAlone() throws Exception {
    Result result = run("d=$(mktemp -d) && { { echo first; reader rows.csv | fanout deal /dev/stdout; echo \"deal=$?\"; }"
        + " > $d/out; { echo first >&2; reader rows.csv | fanout deal /dev/stderr; echo \"deal=$?\" >&2; }"
        + " 2> $d/err; cat $d/out; head -n 1 $d/err; tail -n 1 $d/err; rm -r $d; }");
    assertEquals("first\ndeal=2\nfirst\ndeal=2\n", result.stdout(), result.stderr());
    assertTrue(result.stderr().startsWith("fanout: PIPE 1, /dev/stdout, is fanout deal's stdout: it would be emptied,"
        + " and its batches written over what is in it; name another file\n"), result.stderr());
  }

  /**
   * SIGTERM to {@code fanout deal} while it waits for a reader of one of its pipes (here nobody ever
   * opens b): the pipe it had opened must end with the abort mark, as a signal later in the run ends
   * them. Its handler was set only once every pipe was open, so the JVM exited 143 and the pipe closed
   * cleanly: the worker reading it, and all after it, exited 0 with no records.
   */
  @Test
  void sigtermToDealWaitingForAReaderEndsThePipesItHadOpenedWithTheAbortMark() throws Exception {
    Result result = run("d=$(mktemp -d) && mkfifo $d/a $d/b && reader rows.csv > $d/rows.cbor"
        + " && { (exec < $d/a; : > $d/opened; exec cat > $d/fa) & ra=$!;"
        + " fanout deal $d/a $d/b < $d/rows.cbor & pid=$!;"
        + " while [ ! -e $d/opened ]; do sleep 0.1; done; sleep 0.5;"
        + " kill -TERM $pid; wait $pid; echo \"deal=$?\"; wait $ra; od -An -tx1 $d/fa; rm -r $d; }");
    assertEquals(new Result(0, "deal=143\n ff\n", ""), result);
  }

  /**
   * SIGTERM to {@code fanout deal} while its reader is busy and its pipe full, the pipe's bytes ending
   * at a record's end (here records of 16 bytes in batches of 256, 4096 bytes: each batch goes in
   * whole or not at all): the mark must follow once the reader makes room for it. deal gave up on the
   * mark after 2 s and closed the pipe, a clean end after whole records, so the reader, reading 6 s
   * after deal opened the pipe, read 4,096 records of 9,744 and writer exited 0.
   */
  @Test
  void sigtermToDealWhoseReaderIsBusyEndsItsFullPipeWithTheMarkOnceThereIsRoom() throws Exception {
    // reader --lines numbers from 0: from seq 256 on, a record of 11 characters is 16 bytes (3816 before it)
    Result result = run("d=$(mktemp -d) && mkfifo $d/a"
        + " && yes xxxxxxxxxxx | head -n 10000 | reader --lines - | tail -c +3817 > $d/r16.cbor"
        + " && { (exec < $d/a; : > $d/opened; sleep 6; exec cat) > $d/fa & ra=$!; fanout deal -b 256 $d/a < $d/r16.cbor & pid=$!;"
        + " while [ ! -e $d/opened ]; do sleep 0.1; done; sleep 1; kill -TERM $pid; wait $pid; echo \"deal=$?\"; wait $ra;"
        + " tail -c 1 $d/fa | od -An -tx1; writer < $d/fa > /dev/null 2>&1; echo \"writer=$?\"; rm -r $d; }");
    assertEquals(new Result(0, "deal=143\n ff\nwriter=1\n", ""), result);
  }

  /**
   * fanout.md's hand-built topology, one worker reading nothing and then exiting 0: the input ended
   * while deal's last batch for it still waited for room in its pipe, and deal ended the other pipe
   * cleanly then; when the write failed, deal exited 1 ('fanout: .../a exited before reading all its
   * input'), but the other worker, fanout merge and writer exited 0, with the records dealt to the
   * first missing (1,234 rows of 3,000). Every pipe now ends when the last batch of each is in, so
   * the failure marks the others.
   */
  @Test
  void aWorkerThatReadsNothingInAHandBuiltTopologyFailsMergeAndWriterToo() throws Exception {
    Result result = run("d=$(mktemp -d) && mkfifo $d/a $d/b $d/sa $d/sb && head -n 3000 rows.csv > $d/rows.csv"
        + " && { reader $d/rows.csv | fanout deal $d/a $d/b & deal=$!; sleep 1 < $d/a > $d/sa &"
        + " summer < $d/b > $d/sb 2> /dev/null & fanout merge $d/sa $d/sb 2> /dev/null | writer > /dev/null 2>&1;"
        + " echo \"merge and writer: ${PIPESTATUS[*]}\"; wait $deal; echo \"deal: $?\"; wait; rm -r $d; }");
    assertEquals("merge and writer: 1 1\ndeal: 1\n", result.stdout());
    assertTrue(result.stderr().matches("fanout: /\\S+/a exited before reading all its input\n"), result.stderr());
  }

  @Test
  void dealAndMergeAloneInAHandBuiltTopology() throws Exception {
    Result result = run("d=$(mktemp -d) && mkfifo $d/a $d/b $d/sa $d/sb"
        + " && (reader rows.csv | fanout deal -b 16 $d/a $d/b &"
        + "     summer < $d/a > $d/sa & python3 " + WORKER + " sum < $d/b > $d/sb &"
        + "     fanout merge $d/sa $d/sb | writer > $d/out.csv; wait)"
        + " && cmp $d/out.csv sums.csv && echo same; rm -r $d");
    assertEquals(new Result(0, "same\n", ""), result);
  }
}
