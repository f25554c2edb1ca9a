package dev.recpipe.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.recpipe.common.RecordWriter;
import dev.recpipe.examples.Shell.Result;
import java.io.IOException;
import java.io.OutputStream;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code fanout --lines} with the real launchers in shell pipelines (issue 14, point 1): plain line
 * filters as workers, awk, sed and a Python script, giving what the same filter gives run serially,
 * byte for byte, also when they hold their output back in stdio buffers; a worker that drops or adds
 * a line named with its line count; a worker that crashes once restarted under {@code --retries}.
 * Each run leaves no worker process nor pipe directory behind.
 */
@Timeout(300)
class LinesIT {
  private static final int LINES = 1_000_000; // issue 14: awk, sed and a Python filter on 1M lines
  /** awk and sed by their full names are what the orphan check looks for; the script by its name. */
  private static final String SCRIPT = "lines-it-filter" + CleanRun.RUN + ".py";
  private static final String ONCE = "lines-it-once" + CleanRun.RUN;
  private static final String WORKERS = SCRIPT + "|" + ONCE;

  @TempDir static Path shared;
  @TempDir Path dir;
  private Path tmp;

  @BeforeAll
  static void makeInput() throws IOException {
    Files.write(shared.resolve("lines.txt"), RandomLines.generate(LINES, 14));
    // a filter as users write them: no -u, no flush, so its output leaves in 8 KiB blocks, and at exit
    Files.writeString(shared.resolve(SCRIPT), """
        import sys
        for line in sys.stdin.buffer:
            line = line.rstrip(b"\\n")
            sys.stdout.buffer.write(b"%d|" % len(line) + line.upper() + b"\\n")
        """);
  }

  @BeforeEach
  void privateTmp() throws IOException {
    tmp = Files.createDirectory(dir.resolve("tmp"));
  }

  private Result run(String script) throws Exception {
    return CleanRun.run(dir, tmp, shared, WORKERS, "set -o pipefail; " + script);
  }

  /** The filter {@code filter} run on lines.txt by fanout --lines with {@code options}, compared with it run serially. */
  private Result sameAsSerial(String options, String filter) throws Exception {
    return run(filter + " < lines.txt > '" + dir + "/serial.txt' && reader --lines lines.txt | fanout --lines "
        + options + " " + filter + " | writer -f lines | cmp - '" + dir + "/serial.txt' && wc -l < '" + dir + "/serial.txt'");
  }

  @Test
  void awkGivesWhatItGivesSerially() throws Exception {
    assertEquals(new Result(0, LINES + "\n", ""), sameAsSerial("-n 2", "awk '{ print NF, length($0), $1 \"|\" $0 }'"));
  }

  @Test
  void sedGivesWhatItGivesSerially() throws Exception {
    assertEquals(new Result(0, LINES + "\n", ""), sameAsSerial("-n 3", "sed -e 's/[aeiou]/<&>/g' -e 's/^$/(empty)/'"));
  }

  @Test
  void aPythonScriptThatBuffersItsOutputGivesWhatItGivesSerially() throws Exception {
    assertEquals(new Result(0, LINES + "\n", ""), sameAsSerial("-n 2", "python3 " + SCRIPT));
  }

  /**
   * Every worker holds its output back in stdio buffers while it is dealt one record at a time, and
   * the merge may keep nothing in memory: fanout goes on dealing and spilling, and the run ends.
   */
  @Test
  void workersThatHoldTheirOutputBackStallNothing() throws Exception {
    assertEquals(new Result(0, LINES + "\n", ""), sameAsSerial("-n 4 -b 1 --buffer 0", "awk '{ print length($0) }'"));
    assertEquals(new Result(0, LINES + "\n", ""), sameAsSerial("-n 3 -b 1000 --dispatch ready", "python3 " + SCRIPT));
  }

  /**
   * A filter that writes nothing until its input ends (sort, awk printing in its END block, a script
   * that keeps its lines in a file) leaves everything dealt to it unanswered, which fanout must keep
   * track of: it kept one seq a line, 8 bytes in an array that doubled, so 12M lines through {@code
   * fanout --lines -n 1 sort -n} ran its usual 256 MiB heap out, and here 4M lines a 48 MiB one:
   * {@code fanout: out of memory: ... can't hold the records in flight, about two records a worker (1
   * workers) ...}, exit 1. Run as runs of seqs, they cost fanout about what the deal ledger does, a
   * few dozen bytes a batch.
   */
  @Test
  void aWorkerThatAnswersNothingUntilItsInputEndsDoesNotRunFanoutOutOfMemory() throws Exception {
    Result result = run("seq 4000000 | reader --lines - | RECPIPE_JAVA_OPTS=-Xmx48m fanout --lines -n 1 sort -n"
        + " | writer -f lines | cmp - <(seq 4000000) && echo same");
    assertEquals(new Result(0, "same\n", ""), result);
  }

  @Test
  void recordsOtherThanTextGoInAsWriterWritesThem() throws Exception {
    writeValues(dir.resolve("values.cbor"));
    Result result = run("cd '" + dir + "' && writer -f lines < values.cbor > serial.txt && fanout --lines -n 2 -b 3 cat"
        + " < values.cbor | writer -f lines | cmp - serial.txt && wc -l < serial.txt");
    assertEquals(new Result(0, "17\n", ""), result);
  }

  /**
   * Records that share a seq (a splitting stage's output) through line filters: worker 1 is dealt
   * both records of seq 0 and writes the first line at once, the second a second later, while worker 2
   * answers seq 1. fanout took worker 1 for done with seq 0 once it had written one line of it, let
   * seq 1 out, then failed the run on the second line: "worker 1 (awk) wrote a record with seq 0,
   * which it was not dealt" (with sed and the default batches, on 200,000 records in runs of 3, at
   * random).
   */
  @Test
  void recordsThatShareASeqKeepTheirOrderWhenAWorkerWritesTheirLinesApart() throws Exception {
    try (OutputStream out = Files.newOutputStream(dir.resolve("split.cbor"))) {
      RecordWriter writer = new RecordWriter(out);
      writer.write(0, "a");
      writer.write(0, "b");
      for (int seq = 1; seq <= 20; seq++) writer.write(seq, "x" + seq);
      writer.flush();
    }
    Result result = run("cd '" + dir + "' && writer -f jsonl < split.cbor > serial.jsonl && fanout --lines -n 2 -b 1"
        + " awk '{ print; fflush() } NR == 1 { system(\"sleep 1\") }' < split.cbor | writer -f jsonl | cmp - serial.jsonl"
        + " && echo same");
    assertEquals(new Result(0, "same\n", ""), result);
  }

  @Test
  void aWorkerThatDropsALineFailsNamingItsLineCount() throws Exception {
    // -b 256: fixed shares (the default sizes batches by what it measures), so the message's counts are known
    Result result = run("seq 1000 | reader --lines - | fanout --lines -n 2 -b 256 awk 'NR != 3 || ENVIRON[\"RECPIPE_WORKER\"] != 2'"
        + " | writer -f lines > /dev/null; echo \"${PIPESTATUS[*]}\"");
    assertEquals("0 0 1 1\n", result.stdout());
    assertTrue(result.stderr().startsWith("fanout: worker 2 (awk): wrote 487 lines for the 488 it was given; a --lines"
        + " worker writes one line for each line it reads\n"), result.stderr());
  }

  @Test
  void aWorkerThatAddsALineFailsAsItWritesIt() throws Exception {
    Result result = run("seq 1000 | reader --lines - | fanout --lines -n 2 -b 256 awk '{ print } NR == 300 { print \"extra\" }'"
        + " | writer -f lines > /dev/null; echo \"${PIPESTATUS[*]}\"");
    assertEquals("0 0 1 1\n", result.stdout());
    assertTrue(result.stderr().matches("fanout: worker [12] \\(awk\\): wrote line (513|489), one more than the (512|488)"
        + " lines it was given; a --lines worker writes one line for each line it reads\n(?s).*"), result.stderr());
  }

  @Test
  void aLineThatIsNotUtf8FailsNamingTheWorkersLine() throws Exception {
    Result result = run("seq 10 | reader --lines - | fanout --lines -n 1 sed '4s/$/\\xff/' | writer -f lines > /dev/null;"
        + " echo \"${PIPESTATUS[*]}\"");
    assertEquals("0 0 1 1\n", result.stdout());
    assertTrue(result.stderr().startsWith("fanout: worker 1 (sed):4: invalid UTF-8 at byte offset 7: expected the first"
        + " byte of a UTF-8 character, found 0xff\n"), result.stderr());
  }

  @Test
  void aWorkerThatCrashesOnceIsRestartedAndTheOutputIsWhole() throws Exception {
    Files.writeString(dir.resolve(ONCE), """
        #!/bin/sh
        # crashes the first time, after answering 100 lines; a line filter after that
        if mkdir "$CRASHED" 2>/dev/null; then head -n 100; exit 3; fi
        exec cat
        """);
    assertTrue(dir.resolve(ONCE).toFile().setExecutable(true));
    Result result = run("CRASHED='" + dir + "/crashed' reader --lines lines.txt | CRASHED='" + dir + "/crashed' fanout --lines"
        + " -n 2 --retries 1 '" + dir + "/" + ONCE + "' | writer -f lines | cmp - lines.txt && echo same");
    assertEquals("same\n", result.stdout(), result.stderr());
    assertTrue(result.stderr().matches("fanout: worker [12] \\(" + ONCE + "\\) exited with status 3; restarted it \\(retry 1 of 1\\),"
        + " dealing it \\d+ records again\n"), result.stderr());
  }

  /**
   * A record that can't be one line (text with a line feed, or ending in a CR) ends the run as a bad
   * record in fanout's input does: the records before it are answered and go out, in order, then the
   * abort mark. It failed the run at once, as a worker's failure does: 1,000 lines and then such a
   * record through {@code fanout --lines -n 2 cat} wrote none of the 1,000 (exit 1), 799 with {@code
   * -b 1}. The refused record may fall anywhere in a batch, first or last in it, or be the first of all.
   */
  @Test
  void theRecordsBeforeOneThatCantBeALineAllGoOutBeforeTheRunFails() throws Exception {
    String lineFeed = "\\x82\\x19\\x03\\xe8\\x63a\\nb"; // [1000, "a\nb"]
    String carriageReturn = "\\x82\\x19\\x03\\xe8\\x62a\\r"; // [1000, "a\r"]
    String after = "\\x82\\x19\\x03\\xe9\\x61z"; // [1001, "z"]
    StringBuilder script = new StringBuilder("cd '" + dir + "' && seq 1000 | reader --lines - > lines.cbor && seq 1000 > lines.txt;");
    for (String refused : List.of(lineFeed, carriageReturn)) {
      for (String options : List.of("-n 1", "-n 2", "-n 2 -b 1", "-n 3 -b 7", "-n 2 -b 1000", "-n 2 -b 1001",
          "-n 2 --dispatch ready")) {
        script.append(" { cat lines.cbor; printf '").append(refused).append(after).append("'; } | fanout --lines ")
            .append(options).append(" cat 2> err.txt | writer -f lines 2> /dev/null | cmp - lines.txt")
            .append("; s=\"${PIPESTATUS[*]}\"; echo \"$s $(head -c 34 err.txt)\";");
      }
    }
    script.append(" printf '").append(lineFeed.replace("\\x19\\x03\\xe8", "\\x00")).append("' | fanout --lines -n 2 cat 2> /dev/null")
        .append(" | writer -f lines 2> /dev/null | wc -c; echo \"${PIPESTATUS[*]}\""); // the first record: nothing out
    StringBuilder expected = new StringBuilder();
    for (int i = 0; i < 14; i++) expected.append("0 1 1 0 fanout: record seq 1000: text ").append(i < 7 ? "with" : "endi").append('\n');
    expected.append("0\n0 1 1 0\n");
    Result result = run(script.toString());
    assertEquals(expected.toString(), result.stdout(), result.stderr());
  }

  @Test
  void linesAndEachTogetherAreAUsageError() throws Exception {
    Result result = run("fanout --lines --each echo {} < /dev/null | writer -f lines; echo \"${PIPESTATUS[*]}\"");
    assertEquals("2 1\n", result.stdout());
    assertTrue(result.stderr().startsWith("fanout: --lines and --each do not go together\n"), result.stderr());
  }

  /** 17 records of every kind of value that can be a line. */
  private static void writeValues(Path file) throws IOException {
    Map<String, Object> map = new LinkedHashMap<>();
    map.put("k", 1.5);
    map.put("q\"\\\n", Arrays.asList(null, Double.NaN, new byte[] {1, 2}, "é"));
    List<Object> values = Arrays.asList("text", "", "é ü \r x", 12L, -5L, BigInteger.ONE.shiftLeft(70).negate(), 2.0, 1e23,
        Double.NaN, new BigDecimal("1.50"), new byte[] {1, 2, (byte) 0xff}, true, false, null, List.of(1L, "x"), map,
        List.of());
    try (OutputStream out = Files.newOutputStream(file)) {
      RecordWriter writer = new RecordWriter(out);
      for (int i = 0; i < values.size(); i++) writer.write(i, values.get(i));
      writer.flush();
    }
  }
}
