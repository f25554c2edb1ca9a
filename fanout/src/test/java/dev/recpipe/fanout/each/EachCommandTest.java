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

  @Test
  void optionsOfTheBatchAndMergeAreRefusedWithEach() throws IOException {
    ToolRun run = each(records("a"), "-b", "1", "echo");
    assertEquals("fanout: -b does not apply to --each\nTry 'fanout --help' for more information.\n", run.stderr());
    assertEquals(2, run.status());
    assertEquals(2, each(records("a"), "--unordered", "echo").status());
    assertEquals(2, each(records("a"), "--progress", "echo").status());
  }
}
