package dev.recpipe.fanout.each;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.recpipe.common.RecordReader;
import dev.recpipe.common.RecordWriter;
import dev.recpipe.common.testing.Hex;
import dev.recpipe.common.testing.ToolRun;
import dev.recpipe.fanout.FanoutCommand;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.attribute.PosixFilePermissions;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** {@code fanout --each} run in memory: its results, order, messages and statuses, with sh as CMD. */
@Timeout(60)
class EachCommandTest {
  @TempDir Path dir;

  private static byte[] records(Object... values) throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    RecordWriter out = new RecordWriter(bytes);
    for (int i = 0; i < values.length; i++) out.write(i, values[i]);
    out.flush();
    return bytes.toByteArray();
  }

  private static List<Object> values(byte[] output) throws IOException {
    List<Object> values = new ArrayList<>();
    RecordReader in = new RecordReader(new ByteArrayInputStream(output));
    while (in.next()) {
      assertEquals(values.size(), in.seq(), "seqs in input order");
      values.add(in.readValue());
    }
    return values;
  }

  private static ToolRun each(byte[] input, String... args) {
    List<String> line = new ArrayList<>(List.of("--each"));
    line.addAll(Arrays.asList(args));
    return ToolRun.of(new FanoutCommand(), input, line.toArray(new String[0]));
  }

  @Test
  void resultsComeInSeqOrderWhicheverProcessEndsFirst() throws IOException {
    ToolRun run = each(records("0.4", "0.3", "0.2", "0.1", "0"), "-n", "5", "sh", "-c", "sleep \"$1\"; echo \"slept $1\"", "sh");
    assertEquals("", run.stderr());
    assertEquals(0, run.status());
    assertEquals(List.of("slept 0.4", "slept 0.3", "slept 0.2", "slept 0.1", "slept 0"), values(run.stdoutBytes()));
  }

  /**
   * N at a time, never more, and all N: each process of a round of N waits, up to 30 s, until all of
   * its round have started (a barrier of files), and fails if more than N run at once.
   */
  @Test
  void itRunsNAtATimeAndNeverMore() throws IOException {
    Files.createDirectories(dir.resolve("started"));
    Files.createDirectories(dir.resolve("running"));
    String job = "cd \"$0\" && touch running/$1 started/$1"
        + " && [ $(ls running | wc -l) -le 3 ] || exit 8;"
        + " round=$(( ($1 / 3 + 1) * 3 )); i=0;"
        + " while [ $(ls started | wc -l) -lt $round ]; do i=$((i + 1)); [ $i -gt 3000 ] && exit 9; sleep 0.01; done;"
        + " rm running/$1; echo $1";
    Object[] input = new Object[12];
    for (int i = 0; i < input.length; i++) input[i] = Integer.toString(i);
    ToolRun run = each(records(input), "-n", "3", "sh", "-c", job, dir.toString(), "{}");
    assertEquals("", run.stderr());
    assertEquals(0, run.status());
    assertEquals(Arrays.asList(input), values(run.stdoutBytes()));
  }

  /**
   * The threads a run starts are its N and a few more, however many records: a record's end does
   * not start a thread. Before, each record's {@code Process.onExit()} completed on a new thread
   * wherever the common pool's parallelism is 1 (two cores or fewer), 120 threads here.
   */
  @Test
  void theThreadsStartedDoNotGrowWithTheRecords() throws IOException {
    ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    Object[] input = new Object[120];
    Arrays.fill(input, "x");
    long before = threads.getTotalStartedThreadCount();
    ToolRun run = each(records(input), "-n", "2", "true");
    long started = threads.getTotalStartedThreadCount() - before;
    assertEquals(0, run.status(), run.stderr());
    assertEquals(120, values(run.stdoutBytes()).size());
    assertTrue(started < 30, started + " threads started for 120 records");
  }

  /**
   * A record's value is what its process had written when it ended, read when its turn comes: a
   * child it left behind, writing later, adds nothing, however long the record waits for its turn.
   */
  @Test
  void aChildLeftWritingBehindAddsNothingToTheValue() throws IOException {
    String job = "if [ \"$1\" = slow ]; then sleep 0.8; echo slow; else (sleep 0.2; echo late) & echo first; fi";
    ToolRun run = each(records("slow", "stray"), "-n", "2", "sh", "-c", job, "sh");
    assertEquals(0, run.status(), run.stderr());
    assertEquals(List.of("slow", "first"), values(run.stdoutBytes()));
  }

  @Test
  void outputThatIsNotUtf8IsAByteStringLessItsFinalNewline() throws IOException {
    ToolRun run = each(records("x"), "printf", "\\377\\000{}\\n");
    assertEquals(0, run.status(), run.stderr());
    assertEquals("82 00 43 ff 00 78", Hex.encode(run.stdoutBytes()));
  }

  @Test
  void textWithSpacesQuotesAndALeadingDashIsOneArgumentAsItIs() throws IOException {
    String odd = "-n it's \"a\" $HOME `x` *;\tb\\ ";
    ToolRun run = each(records(odd, ""), "printf", "<%s>");
    assertEquals(0, run.status(), run.stderr());
    assertEquals(List.of("<" + odd + ">", "<>"), values(run.stdoutBytes()));
  }

  @Test
  void aFailedRecordStopsTheRunNamingItsSeqTextAndStatus() throws IOException {
    ToolRun run = each(records("a", "b", "c\"d", "e"), "-n", "1", "sh", "-c", "[ \"$1\" != 'c\"d' ] || exit 3; echo \"$1\"", "sh");
    assertEquals("fanout: record seq 2 (\"c\\\"d\"): sh exited with status 3\n", run.stderr());
    assertEquals(1, run.status());
    assertEquals("82 00 61 61 82 01 61 62 ff", Hex.encode(run.stdoutBytes()), "the records before it, then the abort mark");
  }

  /**
   * The records done before a failure go out before the abort mark, even when the failure comes
   * right after the last of them: here record 1's process removes CMD, so record 2's start fails at
   * once, as its runner says that record 1 is done.
   */
  @Test
  void theRecordsDoneBeforeAFailureGoOutEvenWhenItFollowsAtOnce() throws IOException {
    Path script = dir.resolve("once.sh");
    Files.writeString(script, "#!/bin/sh\n[ \"$1\" != b ] || rm -- \"$0\"\necho \"$1\"\n");
    Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwx------"));
    for (int i = 0; i < 5; i++) {
      Files.copy(script, dir.resolve("run.sh"), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
      ToolRun run = each(records("a", "b", "c"), "-n", "1", dir.resolve("run.sh").toString());
      assertEquals(1, run.status(), run.stderr());
      assertTrue(run.stderr().startsWith("fanout: record seq 2 (\"c\"): cannot start run.sh"), run.stderr());
      assertEquals("82 00 61 61 82 01 61 62 ff", Hex.encode(run.stdoutBytes()), "a and b, then the abort mark");
    }
  }

  @Test
  void aRecordWhoseProcessIsKilledFailsWithTheShellsStatusForTheSignal() throws IOException {
    ToolRun run = each(records("a"), "sh", "-c", "kill -9 $$", "sh");
    assertEquals("fanout: record seq 0 (\"a\"): sh exited with status 137\n", run.stderr());
    assertEquals(1, run.status());
  }

  @Test
  void retriesRunAFailedRecordAgain() throws IOException {
    // each record fails on its first run only: a marker file tells the second
    String job = "if [ -e \"$0/$1\" ]; then echo \"ok $1\"; else touch \"$0/$1\"; exit 5; fi";
    ToolRun run = each(records("a", "b"), "-n", "1", "--retries", "1", "sh", "-c", job, dir.toString());
    assertEquals("fanout: record seq 0 (\"a\"): sh exited with status 5; running it again (retry 1 of 1)\n"
        + "fanout: record seq 1 (\"b\"): sh exited with status 5; running it again (retry 1 of 1)\n", run.stderr());
    assertEquals(0, run.status());
    assertEquals(List.of("ok a", "ok b"), values(run.stdoutBytes()));
  }

  @Test
  void aRecordThatFailsEveryTimeGivesUpAfterKRetries() throws IOException {
    ToolRun run = each(records("a"), "--retries", "2", "sh", "-c", "exit 4");
    assertTrue(run.stderr().endsWith("fanout: record seq 0 (\"a\"): sh exited with status 4 (gave up after 2 retries)\n"),
        run.stderr());
    assertEquals(3, run.stderr().split("\n").length);
    assertEquals(1, run.status());
  }

  /** Issue 15: the hints fanout gives for its worker command, for --each's CMD too. */
  @Test
  void aCommandWithoutTheExecuteBitIsRefusedWithTheChmodThatFixesIt() throws IOException {
    Path script = Files.writeString(dir.resolve("x"), "#!/bin/sh\necho \"$1\"\n");
    ToolRun run = each(records("a"), script.toString());
    assertEquals("fanout: " + script + ": Permission denied; make it executable with 'chmod +x " + script + "'\n",
        run.stderr());
    assertEquals(126, run.status());
  }

  @Test
  void aScriptWithoutAHashBangLineThatFailsSaysSo() throws IOException {
    Path script = Files.writeString(dir.resolve("plain"), "exit 3\n");
    Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwx------"));
    ToolRun run = each(records("a"), script.toString());
    assertEquals("fanout: record seq 0 (\"a\"): plain exited with status 3; it has no #! line, so /bin/sh ran it:"
        + " unless it is a shell script, add one such as #!/usr/bin/env python3\n", run.stderr());
    assertEquals(1, run.status());
  }

  @Test
  void textOnStdinIsRefusedWithAHintToPutReaderInFront() {
    ToolRun run = each("a.csv\nb.csv\n".getBytes(StandardCharsets.US_ASCII), "echo");
    assertEquals("fanout: byte offset 0: expected a record, an array [seq, value], found a text string; the input"
        + " looks like text, not records: put reader in front, e.g. 'reader FILE | fanout'\n", run.stderr());
    assertEquals(1, run.status());
  }

  @Test
  void aValueThatIsNotTextIsRefusedAfterTheRecordsBeforeIt() throws IOException {
    ToolRun run = each(records("a", 7L, "c"), "-n", "1", "echo");
    assertEquals("fanout: record seq 1 (byte offset 4): expected a text string, found an integer;"
        + " --each passes a record's text to CMD\n", run.stderr());
    assertEquals(1, run.status());
    assertEquals("82 00 61 61 ff", Hex.encode(run.stdoutBytes()));
  }

  @Test
  void textWithANulCharacterIsRefused() throws IOException {
    ToolRun run = each(Hex.decode("82 00 63 61 00 62"), "echo");
    assertEquals("fanout: record seq 0 (byte offset 0): text with a NUL character, which no argument can hold\n",
        run.stderr());
    assertEquals(1, run.status());
  }

  @Test
  void emptyInputStartsNoProcess() throws IOException {
    ToolRun run = each(new byte[0], "sh", "-c", "touch \"$0/started\"", dir.toString());
    assertEquals(0, run.status(), run.stderr());
    assertEquals(0, run.stdoutBytes().length);
    assertFalse(Files.exists(dir.resolve("started")));
  }

  /**
   * An N no open file limit can hold fails on that limit, whatever its size: from -n 100000000 on (with
   * the tool's 256 MiB heap; 2^31-1 with any heap), fanout sized its window of results, 4 an N, first,
   * and ended 'fanout: internal error: java.lang.OutOfMemoryError: Java heap space' (or 'Requested
   * array size exceeds VM limit') before the check.
   */
  @Test
  void aHugeNFailsOnTheOpenFileLimitNotOnTheHeap() throws IOException {
    ToolRun run = each(records("a"), "-n", Integer.toString(Integer.MAX_VALUE), "true");
    assertTrue(run.stderr().startsWith("fanout: cannot run 2147483647 processes at once: fanout keeps up to "),
        run.stderr());
    assertTrue(run.stderr().endsWith(" (ulimit -n); run fewer (-n), or raise the limit\n"), run.stderr());
    assertEquals(1, run.status());
  }

  @Test
  void aCommandThatCantBeFoundFailsAsInAShellBeforeAnyRecord() throws IOException {
    ToolRun run = each(new byte[0], "nosuchcmd-" + ProcessHandle.current().pid());
    assertEquals("fanout: nosuchcmd-" + ProcessHandle.current().pid() + ": command not found\n", run.stderr());
    assertEquals(127, run.status());
  }

  @Test
  void aScriptWhoseInterpreterIsMissingFailsAtItsFirstStartAs126() throws IOException {
    Path script = Files.writeString(dir.resolve("bad"), "#!/nonexistent/interpreter\necho\n");
    script.toFile().setExecutable(true);
    ToolRun run = each(records("a", "b"), script.toString());
    assertEquals("fanout: " + script + ": cannot execute: bad interpreter /nonexistent/interpreter:"
        + " No such file or directory\n", run.stderr());
    assertEquals(126, run.status());
  }

  @Test
  void outputLargerThanARecordsValueFailsTheRecord() throws IOException {
    ToolRun run = each(records("a"), "sh", "-c", "head -c " + (OutputValue.MAX_BYTES + 1) + " /dev/zero");
    assertEquals("fanout: record seq 0 (\"a\"): sh wrote " + (OutputValue.MAX_BYTES + 1) + " bytes, more than a"
        + " record's value may hold (" + OutputValue.MAX_BYTES + " bytes)\n", run.stderr());
    assertEquals(1, run.status());
  }

  @Test
  void outputAtTheLimitPlusItsNewlineIsAValue() throws IOException {
    ToolRun run = each(records("a"), "sh", "-c", "head -c " + OutputValue.MAX_BYTES + " /dev/zero; echo");
    assertEquals(0, run.status(), run.stderr());
    assertArrayEquals(new byte[OutputValue.MAX_BYTES], ((String) values(run.stdoutBytes()).get(0)).getBytes());
  }

  /** The seqs and values of a run's output, in the order written. */
  private static List<List<Object>> seqsAndValues(byte[] output) throws IOException {
    List<List<Object>> records = new ArrayList<>();
    RecordReader in = new RecordReader(new ByteArrayInputStream(output));
    while (in.next()) records.add(List.of(in.seq(), in.readValue()));
    return records;
  }

  /** The bytes of records {@code seqs} of {@code input}, framed as they are there. */
  private static byte[] recordsOf(byte[] input, long... seqs) throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    dev.recpipe.common.RecordFramer framer = new dev.recpipe.common.RecordFramer();
    int at = 0;
    while (at < input.length) {
      int length = framer.frame(input, at, input.length, at);
      long seq = framer.seq();
      if (Arrays.stream(seqs).anyMatch(s -> s == seq)) bytes.write(input, at, length);
      at += length;
    }
    return bytes.toByteArray();
  }

  /** Fails on "bad..." values, else echoes the value: the job of the --skip-failed tests. */
  private static final String FAIL_ON_BAD = "case \"$1\" in bad*) echo \"no $1\" >&2; exit 7;; esac; echo \"$1!\"";

  @Test
  void skipFailedLeavesOutTheRecordsThatFailAndGoesOnInOrder() throws IOException {
    Object[] input = new Object[20];
    for (int i = 0; i < input.length; i++) input[i] = (i == 0 || i == 9 ? "bad" : "r") + i;
    byte[] in = records(input);
    Path rejects = dir.resolve("rejects");
    ToolRun run = each(in, "-n", "2", "--skip-failed", "--rejects", rejects.toString(), "sh", "-c", FAIL_ON_BAD, "sh");
    assertEquals(3, run.status(), run.stderr());
    List<List<Object>> expected = new ArrayList<>();
    for (int i = 0; i < input.length; i++) if (i != 0 && i != 9) expected.add(List.of((long) i, input[i] + "!"));
    assertEquals(expected, seqsAndValues(run.stdoutBytes()), "every other record, in seq order; the window moved past both");
    List<String> lines = Arrays.asList(run.stderr().split("\n"));
    assertTrue(lines.contains("fanout: skipped record seq 0 (\"bad0\"): sh exited with status 7"), run.stderr());
    assertTrue(lines.contains("fanout: skipped record seq 9 (\"bad9\"): sh exited with status 7"), run.stderr());
    assertEquals("fanout: finished, but skipped 2 records that failed, written to " + rejects, lines.get(lines.size() - 1));
    assertEquals(3, lines.size(), run.stderr());
    assertEquals(Hex.encode(recordsOf(in, 0, 9)), Hex.encode(Files.readAllBytes(rejects)), "the two records, as they came in");
  }

  /**
   * A rejects file that can't be written: fanout said "finished, but skipped 1 record that failed,
   * written to /dev/full" and only then "writing the rejects file /dev/full: No space left on
   * device". The summary now comes once the file is written, and not when it could not be.
   */
  @Test
  void aRejectsFileThatCannotBeWrittenIsNotSaidToHoldTheRecords() throws IOException {
    ToolRun run = each(records("a", "bad", "c"), "-n", "1", "--skip-failed", "--rejects", "/dev/full", "sh", "-c", FAIL_ON_BAD, "sh");
    assertEquals(1, run.status(), run.stderr());
    assertEquals("fanout: skipped record seq 1 (\"bad\"): sh exited with status 7\n"
        + "fanout: writing the rejects file /dev/full: No space left on device\n", run.stderr().replace("no bad\n", ""));
  }

  @Test
  void aSkippedRecordGoesToTheRejectsFileByteForByteHoweverItWasEncoded() throws IOException {
    // [0, "ok"] then [1, (_ "ba" "d")] with an indefinite-length string, then [2, "x"] with its seq in two bytes
    byte[] in = Hex.decode("82 00 62 6f 6b  82 01 7f 62 62 61 61 64 ff  82 18 02 61 78");
    Path rejects = dir.resolve("rejects");
    ToolRun run = each(in, "--skip-failed", "--rejects", rejects.toString(), "sh", "-c", FAIL_ON_BAD, "sh");
    assertEquals(3, run.status(), run.stderr());
    assertEquals(List.of(List.of(0L, "ok!"), List.of(2L, "x!")), seqsAndValues(run.stdoutBytes()));
    assertEquals("82 01 7f 62 62 61 61 64 ff", Hex.encode(Files.readAllBytes(rejects)));
  }

  /**
   * Records that share a seq (a splitting stage's output) are each a process of their own under
   * --each, and each may fail: every one goes to the rejects file, in input order. The file was kept
   * by seq, one record a seq: of the three failing records of seq 5 it held one, while stderr and the
   * count said all were skipped, and the others were lost.
   */
  @Test
  void everySkippedRecordOfASeqGoesToTheRejectsFileInInputOrder() throws IOException {
    ByteArrayOutputStream in = new ByteArrayOutputStream();
    RecordWriter writer = new RecordWriter(in);
    // the first to fail ends last: the skips come in another order than the records
    String[] values = {"bad0.4", "bad0", "ok", "bad0.2", "bad0.1"};
    long[] seqs = {5, 5, 5, 5, 6};
    for (int i = 0; i < values.length; i++) writer.write(seqs[i], values[i]);
    writer.flush();
    Path rejects = dir.resolve("rejects");
    String job = "case \"$1\" in bad*) sleep \"${1#bad}\"; exit 7;; esac; echo \"$1!\"";
    ToolRun run = each(in.toByteArray(), "-n", "5", "--skip-failed", "--rejects", rejects.toString(), "sh", "-c", job, "sh");
    assertEquals(3, run.status(), run.stderr());
    assertTrue(run.stderr().endsWith("fanout: finished, but skipped 4 records that failed, written to " + rejects + "\n"),
        run.stderr());
    assertEquals(List.of(List.of(5L, "ok!")), seqsAndValues(run.stdoutBytes()));
    assertEquals(List.of(List.of(5L, "bad0.4"), List.of(5L, "bad0"), List.of(5L, "bad0.2"), List.of(6L, "bad0.1")),
        seqsAndValues(Files.readAllBytes(rejects)));
  }

  @Test
  void skipFailedSkipsARecordOnlyOnceItsRetriesHaveFailedToo() throws IOException {
    // "once" fails on its first run only; "bad" on every run
    String job = "[ \"$1\" = bad ] && exit 6; if [ -e \"$0/$1\" ]; then echo \"ok $1\"; else touch \"$0/$1\"; exit 5; fi";
    ToolRun run = each(records("once", "bad", "c"), "-n", "1", "--retries", "1", "--skip-failed", "sh", "-c", job, dir.toString());
    // the skip is said by the thread that keeps the window, the retries by those that run the processes: in either order
    List<String> lines = Arrays.asList(run.stderr().split("\n"));
    assertEquals(List.of("fanout: record seq 0 (\"once\"): sh exited with status 5; running it again (retry 1 of 1)",
        "fanout: record seq 1 (\"bad\"): sh exited with status 6; running it again (retry 1 of 1)",
        "fanout: record seq 2 (\"c\"): sh exited with status 5; running it again (retry 1 of 1)",
        "fanout: skipped record seq 1 (\"bad\"): sh exited with status 6 (gave up after 1 retry)",
        "fanout: finished, but skipped 1 record that failed (their seqs are named above)"),
        lines.stream().sorted((a, b) -> Boolean.compare(a.contains("skipped"), b.contains("skipped"))).toList(), run.stderr());
    assertEquals(3, run.status());
    assertEquals(List.of(List.of(0L, "ok once"), List.of(2L, "ok c")), seqsAndValues(run.stdoutBytes()));
  }

  @Test
  void skipFailedSkipsARecordWhoseOutputIsTooLargeForAValue() throws IOException {
    String job = "[ \"$1\" = big ] && exec head -c " + (OutputValue.MAX_BYTES + 1) + " /dev/zero; echo \"$1\"";
    ToolRun run = each(records("a", "big", "c"), "--skip-failed", "sh", "-c", job, "sh");
    assertEquals(3, run.status(), run.stderr());
    assertTrue(run.stderr().startsWith("fanout: skipped record seq 1 (\"big\"): sh wrote " + (OutputValue.MAX_BYTES + 1)
        + " bytes, more than a record's value may hold"), run.stderr());
    assertEquals(List.of(List.of(0L, "a"), List.of(2L, "c")), seqsAndValues(run.stdoutBytes()));
  }

  /**
   * A record's text longer than an argument may be (Linux: 128 KiB) can't be passed to CMD: that is
   * the record's failure, named by its seq, as any other, and skipped with --skip-failed. It was
   * taken for CMD's: as the first record, "fanout: /usr/bin/sh: Argument list too long", exit 126
   * (CMD not executable); later, "cannot start" with the JDK's text, not skipped.
   */
  @Test
  void aRecordTooLongForAnArgumentFailsAsThatRecordsFailure() throws IOException {
    String big = "b".repeat(200_000);
    ToolRun first = each(records(big, "c"), "-n", "1", "sh", "-c", "echo \"$1\"", "sh");
    assertEquals(1, first.status(), first.stderr());
    assertTrue(first.stderr().startsWith("fanout: record seq 0 (\"bbbb"), first.stderr());
    assertTrue(first.stderr().endsWith(": its text is too long to be an argument of sh (Argument list too long)\n"),
        first.stderr());
    ToolRun skipped = each(records("a", big, "c"), "-n", "1", "--skip-failed", "--retries", "2", "sh", "-c", "echo \"$1\"", "sh");
    assertEquals(3, skipped.status(), skipped.stderr());
    assertTrue(skipped.stderr().startsWith("fanout: skipped record seq 1 (\"bbbb"), skipped.stderr());
    assertEquals(List.of(List.of(0L, "a"), List.of(2L, "c")), seqsAndValues(skipped.stdoutBytes()));
  }

  @Test
  void skipFailedWithNothingFailingExits0AndWritesAnEmptyRejectsFile() throws IOException {
    Path rejects = dir.resolve("rejects");
    ToolRun run = each(records("a", "b"), "--skip-failed", "--rejects", rejects.toString(), "echo");
    assertEquals("", run.stderr());
    assertEquals(0, run.status());
    assertEquals(List.of("a", "b"), values(run.stdoutBytes()));
    assertEquals(0, Files.size(rejects));
  }

  @Test
  void whatNoRecordAnswersForStillStopsARunThatSkips() throws IOException {
    ToolRun missing = each(records("a"), "--skip-failed", "nosuchcmd-" + ProcessHandle.current().pid());
    assertEquals(127, missing.status(), missing.stderr());
    Path rejects = dir.resolve("rejects");
    ToolRun notText = each(records("bad", 7L, "c"), "-n", "1", "--skip-failed", "--rejects", rejects.toString(),
        "sh", "-c", FAIL_ON_BAD, "sh");
    assertEquals(1, notText.status(), notText.stderr());
    assertTrue(notText.stderr().contains("fanout: skipped record seq 0 (\"bad\")"), notText.stderr());
    assertTrue(notText.stderr().contains("record seq 1"), notText.stderr());
    assertEquals(Hex.encode(recordsOf(records("bad"), 0)), Hex.encode(Files.readAllBytes(rejects)),
        "the records skipped before it are written all the same");
  }

  @Test
  void optionsOfTheBatchAndMergeAreRefusedWithEach() throws IOException {
    ToolRun run = each(records("a"), "-b", "1", "echo");
    assertEquals("fanout: -b does not apply to --each\nTry 'fanout --help' for more information.\n", run.stderr());
    assertEquals(2, run.status());
    assertEquals(2, each(records("a"), "--unordered", "echo").status());
    assertEquals(2, each(records("a"), "--progress", "echo").status());
  }
}
