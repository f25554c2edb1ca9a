package dev.recpipe.writer;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.recpipe.common.RecordWriter;
import dev.recpipe.common.cli.Streams;
import dev.recpipe.common.cli.Tool;
import dev.recpipe.common.testing.Hex;
import dev.recpipe.common.testing.ThrottledInputStream;
import dev.recpipe.common.testing.ToolRun;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Input in any split, output in whole lines, and what happens when either side fails. */
class StreamingTest {
  /** Every shape of value, several times over, so lines cross read and write chunk boundaries. */
  private static byte[] mixedRecords(int rounds) throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    RecordWriter out = new RecordWriter(bytes);
    long seq = 0;
    for (int i = 0; i < rounds; i++) {
      out.writeInteger(seq++, i * 1_000_003L);
      out.write(seq++, List.of((long) i, -1L, BigInteger.ONE.shiftLeft(70)));
      out.write(seq++, Arrays.asList("a,b\t\"c\"\n", null, true, 2.5, new byte[] {1, 2}));
      out.write(seq++, Records.map("k", List.of(1L, "v")));
    }
    out.flush();
    return bytes.toByteArray();
  }

  @ParameterizedTest
  @ValueSource(strings = {"csv", "tsv", "jsonl", "lines"})
  void oneByteAtATimeGivesTheSameOutput(String format) throws IOException {
    byte[] records = mixedRecords(50);
    ToolRun whole = ToolRun.of(new WriterCommand(), records, "-f", format);
    ToolRun trickled = ToolRun.of(new WriterCommand(), ThrottledInputStream.oneByteAtATime(new ByteArrayInputStream(records)), "-f", format);
    assertEquals(0, trickled.status());
    assertEquals("", trickled.stderr());
    assertEquals(whole.stdout(), trickled.stdout());
  }

  @ParameterizedTest
  @ValueSource(strings = {"csv", "tsv", "jsonl", "lines"})
  void randomChunksGiveTheSameOutput(String format) throws IOException {
    byte[] records = mixedRecords(2000);
    ToolRun whole = ToolRun.of(new WriterCommand(), records, "-f", format);
    ToolRun chunked = ToolRun.of(new WriterCommand(), ThrottledInputStream.randomChunks(new ByteArrayInputStream(records), 37, 42), "-f", format);
    assertEquals(0, chunked.status());
    assertEquals(whole.stdout(), chunked.stdout());
  }

  @Test
  void outputLongerThanOneChunkIsWhole() throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    RecordWriter records = new RecordWriter(bytes);
    StringBuilder expected = new StringBuilder();
    for (long seq = 0; seq < 100_000; seq++) {
      records.writeInteger(seq, seq * seq - 7);
      expected.append(seq).append(',').append(seq * seq - 7).append('\n');
    }
    records.flush();
    ToolRun run = ToolRun.of(new WriterCommand(), bytes.toByteArray());
    assertEquals(0, run.status());
    assertEquals(expected.toString(), run.stdout());
  }

  @Test
  void aLineLongerThanOneChunk() {
    String text = "x".repeat(200_000);
    ToolRun run = ToolRun.of(new WriterCommand(), Records.of(1L, text, 3L));
    assertEquals("0,1\n1," + text + "\n2,3\n", run.stdout());
  }

  @Test
  void truncatedRecordIsAnErrorAfterTheCompleteLines() {
    // [0, [1, 2, 3]], [1, 6], then [2, [4, 5, 6]] cut off after 4, 5
    byte[] input = Hex.decode("82 00 83 01 02 03  82 01 06  82 02 83 04 05");
    ToolRun run = ToolRun.of(new WriterCommand(), input);
    assertEquals(1, run.status());
    assertEquals("0,1,2,3\n1,6\n", run.stdout());
    assertEquals("writer: truncated record at byte offset 9: input ends at byte offset 14 inside it\n", run.stderr());
  }

  @ParameterizedTest
  @ValueSource(strings = {"csv", "tsv", "jsonl", "lines"})
  void cutAnywhereLeavesOnlyWholeLines(String format) throws IOException {
    byte[] records = mixedRecords(3);
    String complete = ToolRun.of(new WriterCommand(), records, "-f", format).stdout();
    int cleanCuts = 0;
    for (int length = 1; length < records.length; length++) {
      ToolRun run = ToolRun.of(new WriterCommand(), Records.prefix(records, length), "-f", format);
      if (run.status() == 0) {
        cleanCuts++; // cut between two records: a shorter stream, not a truncated one
      } else {
        assertEquals(1, run.status(), "cut at " + length);
        assertTrue(run.stderr().matches("writer: truncated record at byte offset \\d+: input ends at byte offset "
            + length + " inside it\n"), run.stderr());
      }
      assertTrue(complete.startsWith(run.stdout()), "cut at " + length);
      assertTrue(run.stdout().isEmpty() || run.stdout().endsWith("\n"), "cut at " + length);
    }
    assertEquals(4 * 3 - 1, cleanCuts);
  }

  @Test
  void truncatedInsideAMapKey() {
    // [0, {"k": 1}] cut after the head of the key "k"; Jackson calls this a parse error, not end of input
    ToolRun run = ToolRun.of(new WriterCommand(), Hex.decode("82 00 06  82 01 a1 61"));
    assertEquals(1, run.status());
    assertEquals("0,6\n", run.stdout());
    assertEquals("writer: truncated record at byte offset 3: input ends at byte offset 7 inside it\n", run.stderr());
  }

  @Test
  void textThatIsNotARecordStreamGetsAHintNamingReader() {
    ToolRun run = ToolRun.of(new WriterCommand(), "hello\n".getBytes(StandardCharsets.US_ASCII));
    assertEquals(1, run.status());
    assertEquals("", run.stdout());
    assertEquals("writer: byte offset 0: expected a record, an array [seq, value], found a text string; the input"
        + " looks like text, not records: put reader in front, e.g. 'reader FILE | writer'\n", run.stderr());
  }

  @Test
  void binaryThatIsNotARecordStreamGetsNoHint() {
    ToolRun run = ToolRun.of(new WriterCommand(), Hex.decode("a1 00 00"));
    assertEquals(1, run.status());
    assertEquals("writer: byte offset 0: expected a record, an array [seq, value], found a map\n", run.stderr());
  }

  @Test
  void invalidCborAfterGoodRecords() {
    ToolRun run = ToolRun.of(new WriterCommand(), Hex.decode("82 00 06  82 01 ff"));
    assertEquals(1, run.status());
    assertEquals("0,6\n", run.stdout());
    // The framer under RecordReader names the 0xff itself, at byte offset 5
    assertEquals("writer: byte offset 5 (record seq 1): invalid CBOR: unexpected break\n", run.stderr());
  }

  @Test
  void recordOfThreeElements() {
    ToolRun run = ToolRun.of(new WriterCommand(), Hex.decode("83 00 01 02"));
    assertEquals(1, run.status());
    assertEquals("writer: byte offset 3 (record seq 0): expected a record with exactly two elements [seq, value], found an integer\n",
        run.stderr());
  }

  @Test
  void emptyInputGivesEmptyOutput() {
    ToolRun run = ToolRun.of(new WriterCommand(), new byte[0]);
    assertEquals(0, run.status());
    assertEquals("", run.stdout());
  }

  @Test
  void brokenPipeEndsQuietly() throws IOException {
    FailingOutputStream stdout = new FailingOutputStream(1, "Broken pipe");
    ByteArrayOutputStream stderr = new ByteArrayOutputStream();
    Streams streams = new Streams(new ByteArrayInputStream(mixedRecords(5000)), stdout, new PrintStream(stderr, true));
    assertEquals(141, Tool.run(new WriterCommand(), streams));
    assertEquals("", stderr.toString());
  }

  @Test
  void fullStdoutIsAnErrorNamingStdout() throws IOException {
    FailingOutputStream stdout = new FailingOutputStream(2, "No space left on device");
    ByteArrayOutputStream stderr = new ByteArrayOutputStream();
    Streams streams = new Streams(new ByteArrayInputStream(mixedRecords(5000)), stdout, new PrintStream(stderr, true));
    assertEquals(1, Tool.run(new WriterCommand(), streams));
    assertEquals("writer: stdout: No space left on device\n", stderr.toString());
  }

  @Test
  void failingSinkGetsWholeLinesOnly() throws IOException {
    byte[] records = mixedRecords(5000);
    FailingOutputStream sink = new FailingOutputStream(3, "No space left on device");
    LineWriter lines = new LineWriter(OutputFormat.csv.newLineFormat(), sink);
    IOException e = assertThrows(IOException.class,
        () -> lines.writeAll(new ByteArrayInputStream(records)));
    assertEquals("No space left on device", e.getMessage());
    String all = ToolRun.of(new WriterCommand(), records).stdout();
    String written = new String(sink.written(), StandardCharsets.UTF_8);
    assertTrue(written.length() >= 2 * LineWriter.CHUNK_SIZE);
    assertTrue(written.endsWith("\n"));
    assertArrayEquals(all.substring(0, written.length()).getBytes(StandardCharsets.UTF_8), sink.written());
  }
}
