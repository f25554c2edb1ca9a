package dev.recpipe.fanout.lines;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.recpipe.common.Limits;
import dev.recpipe.common.LocatedException;
import dev.recpipe.common.Record;
import dev.recpipe.common.RecordReader;
import dev.recpipe.common.RecordWriter;
import dev.recpipe.fanout.deal.BatchSize;
import dev.recpipe.fanout.deal.Dealer;
import dev.recpipe.fanout.deal.Dealt;
import dev.recpipe.fanout.deal.Dispatch;
import dev.recpipe.fanout.deal.Outlet;
import dev.recpipe.fanout.merge.Inlet;
import dev.recpipe.fanout.merge.Merger;
import dev.recpipe.fanout.records.Chunk;
import dev.recpipe.fanout.records.Chunker;
import dev.recpipe.fanout.records.LineCountException;
import dev.recpipe.fanout.records.UndealableRecordException;
import dev.recpipe.fanout.testing.MemoryPipe;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The {@code --lines} codec at both ends of a lane: records dealt as the lines {@code writer -f lines}
 * writes, and the worker's lines read back, one byte at a time and in partial reads, as the records
 * {@code [seq, "line"]} with the seqs dealt; the line count checked both ways.
 */
@Timeout(value = 120, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class LineCodecTest {
  private static final String NAME = "worker 1 (awk)";
  private static final int[] CHUNKS = {1, 2, 7, 100, 65536};

  // --- the outlet's end: records as lines

  @Test
  void textGoesOutAsItIsOneLineARecord() throws IOException {
    assertEquals("a\n\nä b\t\r c\n", dealt(List.of("a", "", "ä b\t\r c")));
  }

  @Test
  void otherValuesAreWrittenAsWriterWritesThem() throws IOException {
    Map<String, Object> map = new LinkedHashMap<>();
    map.put("k", 1.5);
    map.put("q\"\\\n", Arrays.asList(null, Double.NaN, new byte[] {1, 2}));
    List<Object> values = Arrays.asList(12L, -5L, BigInteger.ONE.shiftLeft(64), 2.0, 0.1, 1e23, Double.NaN,
        Double.NEGATIVE_INFINITY, new BigDecimal("1.50"), new byte[] {1, 2, (byte) 0xff}, true, false, null,
        List.of(1L, "x"), map);
    assertEquals("12\n-5\n18446744073709551616\n2.0\n0.1\n1.0E23\nNaN\n-Infinity\n1.50\nAQL/\ntrue\nfalse\n\n"
        + "[1,\"x\"]\n{\"k\":1.5,\"q\\\"\\\\\\n\":[null,null,\"AQI=\"]}\n", dealt(values));
  }

  /** A batch's lines are sized by its records, but a decoded value's line can be longer than its record. */
  @Test
  void textAfterALineLongerThanItsRecordStillFits() throws IOException {
    String text = "x".repeat(20);
    assertEquals("18446744073709551616\n" + text + "\n", dealt(List.of(BigInteger.ONE.shiftLeft(64), text)));
    assertEquals("AQL/\n" + text + "\n", dealt(List.of(new byte[] {1, 2, (byte) 0xff}, text)));
  }

  @Test
  void textWithALineFeedIsRefusedNamingItsSeq() throws IOException {
    LocatedException e = assertThrows(LocatedException.class, () -> dealt(List.of("a", "b\nc")));
    assertEquals("record seq 1: text with a line feed can't be one line for a --lines worker (it would read two,"
        + " and every later line would get the wrong seq); make it one line first, or use a record worker", e.getMessage());
    assertEquals("a\n[\"b\\nc\"]\n", dealt(List.of("a", List.of("b\nc")))); // in JSON it is escaped: one line
  }

  /**
   * Text ending in a CR went out as "b\r\n", which every line reader (fanout's own too) takes for the
   * line "b" with a CRLF end: {@code fanout --lines cat} turned "b\r" into "b" and exited 0.
   */
  @Test
  void textEndingInACarriageReturnIsRefusedNamingItsSeq() throws IOException {
    String refused = "record seq 1: text ending in a carriage return can't be one line for a --lines worker (its CR"
        + " would be read back as part of a CRLF line end, and dropped); take the CR off first, or use a record worker";
    for (List<?> values : List.of(List.of("a", "b\r"), List.of("a", "\r"))) {
      assertEquals(refused, assertThrows(LocatedException.class, () -> dealt(values), values.toString()).getMessage());
    }
    byte[] indefinite = {(byte) 0x82, 0, 0x61, 'a', (byte) 0x82, 1, 0x7f, 0x62, 'b', '\r', (byte) 0xff}; // decoded, not copied
    LocatedException e = assertThrows(LocatedException.class,
        () -> new LineCodec(NAME).encoder().deal(Chunker.whole(indefinite)));
    assertEquals(refused, e.getMessage());
    assertEquals("a\r b\n[\"b\\r\"]\n", dealt(List.of("a\r b", List.of("b\r")))); // inside, or escaped in JSON: kept
  }

  /**
   * A value whose line would be longer than a worker's line may be (an array of 2M integers is a record
   * of 8 MiB and a line of 9 MB in JSON) is refused as fanout deals it, naming its seq; it went out,
   * and the run failed blaming the worker: 'worker 1 (cat):1: line longer than 8388592 bytes'.
   */
  @Test
  void aValueWhoseLineIsPastTheLimitIsRefusedNamingItsSeq() throws IOException {
    String refused = "record seq 1: its line, " + (Limits.MAX_ROW_BYTES + 1) + " bytes, is longer than a --lines"
        + " worker's line may be (" + Limits.MAX_ROW_BYTES + " bytes); use a record worker";
    String over = "x".repeat(Limits.MAX_ROW_BYTES + 1);
    assertEquals(refused, assertThrows(LocatedException.class, () -> dealt(List.of("a", over))).getMessage());
    List<Long> integers = java.util.Collections.nCopies((Limits.MAX_ROW_BYTES + 1) / 2, 7L); // "[7,7,...,7]": 2n+1 bytes
    assertEquals(refused, assertThrows(LocatedException.class, () -> dealt(List.of("a", integers))).getMessage());
    String atTheLimit = "x".repeat(Limits.MAX_ROW_BYTES);
    assertEquals("a\n" + atTheLimit + "\n", dealt(List.of("a", atTheLimit)));
  }

  @Test
  void aRefusedBatchNotesNoSeq() throws IOException {
    DealtSeqs seqs = new DealtSeqs();
    LineEncoder encoder = new LineEncoder(seqs);
    UndealableRecordException e = assertThrows(UndealableRecordException.class, () -> encoder.deal(batch(List.of("a", "b\n"))));
    assertEquals(1, e.index(), "the refused record's place in the batch, for the dealer to deal those before it");
    assertEquals(0, seqs.unanswered());
  }

  // --- the inlet's end: lines back as records

  @Test
  void linesGetTheSeqsDealtHoweverTheBytesCome() throws IOException {
    List<Object> values = new ArrayList<>();
    Random random = new Random(14);
    for (int i = 0; i < 300; i++) values.add(randomLine(random));
    String lines = String.join("\n", values.stream().map(Object::toString).toList()) + "\n";
    for (int chunk : CHUNKS) {
      assertEquals(records(values), answer(values, lines, chunk), "chunk " + chunk);
    }
  }

  @Test
  void emptyLinesCrlfAndALastLineWithoutItsLineFeed() throws IOException {
    List<Object> dealt = List.of("a", "b", "c", "d", "e", "f");
    for (int chunk : CHUNKS) {
      assertEquals(records(Arrays.asList("", "x", "y\r", "\rz", "", "w\r")),
          answer(dealt, "\nx\r\ny\r\r\n\rz\n\r\nw\r", chunk), "chunk " + chunk);
    }
  }

  @Test
  void noInputNoLines() throws IOException {
    for (int chunk : CHUNKS) assertEquals(List.of(), answer(List.of(), "", chunk));
  }

  @Test
  void equalSeqsAreGivenInTheOrderDealt() throws IOException {
    byte[] in = recordBytes(new long[] {3, 3, 3, 7}, List.of("a", "b", "c", "d"));
    assertEquals(List.of(new Record(3, "A"), new Record(3, "B"), new Record(3, "C"), new Record(7, "D")),
        answer(Chunker.whole(in), "A\nB\nC\nD\n", 1, false));
  }

  @Test
  void aLineMoreThanDealtFailsAsItComes() throws IOException {
    for (int chunk : CHUNKS) {
      LineCountException e = assertThrows(LineCountException.class, () -> answer(List.of("a", "b"), "A\nB\nC\n", chunk));
      assertEquals(NAME + ": wrote line 3, one more than the 2 lines it was given; a --lines worker writes one line"
          + " for each line it reads", e.getMessage());
    }
  }

  @Test
  void fewerLinesThanDealtFailAtTheEnd() throws IOException {
    for (int chunk : CHUNKS) {
      LineCountException e = assertThrows(LineCountException.class, () -> answer(List.of("a", "b", "c"), "A\nB\n", chunk));
      assertEquals(NAME + ": wrote 2 lines for the 3 it was given; a --lines worker writes one line for each line it"
          + " reads", e.getMessage());
    }
    assertThrows(LineCountException.class, () -> answer(List.of("a"), "", 1));
  }

  @Test
  void aLineThatIsNotUtf8FailsNamingTheWorkersLine() {
    byte[] output = {'o', 'k', '\n', 'a', (byte) 0xc3, '(', '\n'};
    LocatedException e = assertThrows(LocatedException.class, () -> answer(List.of("a", "b"), output, 1, false));
    assertEquals(NAME + ":2: invalid UTF-8 at byte offset 4: expected a byte 0x80-0xbf after 0xc3, found 0x28", e.getMessage());
  }

  /**
   * A line's UTF-8 is checked in the pass that finds its end, but for ASCII lines: a bad byte is
   * found however the bytes come, the line cut across reads (the first part ASCII) or not, after
   * ASCII lines in the same read, at the line's start, its end, or just before a CR.
   */
  @Test
  void aLineThatIsNotUtf8FailsHoweverTheBytesCome() {
    String[] outputs = {"ok\nabcdefgh\u00ff\n", "ok\n\u00ffabc\n", "ok\nabc\u00ff\r\n", "ok\n\u00e9\u00ff\n"};
    for (String output : outputs) {
      byte[] bytes = output.getBytes(StandardCharsets.ISO_8859_1); // each char one byte: 0xff is a byte, not UTF-8
      for (int chunk : CHUNKS) {
        LocatedException e = assertThrows(LocatedException.class, () -> answer(List.of("a", "b"), bytes, chunk, false),
            "chunk " + chunk + ", " + output);
        assertTrue(e.getMessage().startsWith(NAME + ":2: invalid UTF-8 at byte offset "), e.getMessage());
      }
    }
  }

  @Test
  void aLineAtTheLimitPassesOneByteMoreFails() throws IOException {
    byte[] atLimit = new byte[Limits.MAX_ROW_BYTES + 2];
    Arrays.fill(atLimit, (byte) 'x');
    atLimit[atLimit.length - 2] = '\r'; // a CRLF's CR is not the line's
    atLimit[atLimit.length - 1] = '\n';
    List<Record> out = answer(List.of("a"), atLimit, 65536, false);
    assertEquals(Limits.MAX_ROW_BYTES, ((String) out.get(0).value()).length());
    byte[] over = Arrays.copyOf(atLimit, atLimit.length);
    over[over.length - 2] = 'x';
    LocatedException e = assertThrows(LocatedException.class, () -> answer(List.of("a"), over, 65536, false));
    assertEquals(NAME + ":1: line longer than " + Limits.MAX_ROW_BYTES + " bytes, the limit", e.getMessage());
    byte[] noLineFeed = Arrays.copyOf(over, over.length - 1); // at the end, with no line feed to wait for
    assertThrows(LocatedException.class, () -> answer(List.of("a"), noLineFeed, 65536, false));
  }

  @Test
  void aHeldExtraLineFailsOnlyAWorkerThatEndsWell() throws IOException {
    Merger merger = new Merger(new ByteArrayOutputStream(), false, Long.MAX_VALUE, null, true);
    LineCodec codec = new LineCodec(NAME);
    Dealt.Share share = new Dealt(true).share();
    MemoryPipe output = new MemoryPipe(1 << 20, 3);
    Inlet inlet = merger.add(NAME, output.reader(), share, true, codec.framer());
    deal(codec, share, Chunker.whole(recordBytes(new long[] {0, 1}, List.of("a", "b"))));
    write(output, "A\nB\nC\n".getBytes(StandardCharsets.UTF_8));
    output.writer().close();
    while (merger.read(inlet)) {
      // a crash would drop it; an exit 0 makes it the failure
    }
    LineCountException e = assertThrows(LineCountException.class, () -> merger.release(inlet));
    assertEquals(NAME + ": wrote line 3, one more than the 2 lines it was given; a --lines worker writes one line"
        + " for each line it reads", e.getMessage());
  }

  /**
   * Worker 1 is dealt both records of seq 0 (a seq goes to one worker), worker 2 seq 1: until worker
   * 1's second line comes, seq 1 waits. It went out after worker 1's first line, and the second then
   * failed the run as a seq worker 1 was not dealt.
   */
  @Test
  void aSeqThatRecordsShareHoldsTheOthersBackUntilEachOfItsLinesHasCome() throws IOException {
    ByteArrayOutputStream merged = new ByteArrayOutputStream();
    Merger merger = new Merger(merged, false);
    Dealt dealt = new Dealt(true);
    LineCodec one = new LineCodec("worker 1");
    LineCodec two = new LineCodec("worker 2");
    Dealt.Share first = dealt.share();
    Dealt.Share second = dealt.share();
    MemoryPipe out1 = new MemoryPipe(1 << 20, 64);
    MemoryPipe out2 = new MemoryPipe(1 << 20, 64);
    Inlet inlet1 = merger.add("worker 1", out1.reader(), first, true, one.framer());
    Inlet inlet2 = merger.add("worker 2", out2.reader(), second, true, two.framer());
    Chunk all = Chunker.whole(recordBytes(new long[] {0, 0, 1, 2}, List.of("a", "b", "c", "d")));
    deal(one, first, all.slice(0, 1));
    deal(one, first, all.slice(1, 2));
    deal(two, second, all.slice(2, 3));
    deal(one, first, all.slice(3, 4));
    dealt.end();
    write(out1, "A\n".getBytes(StandardCharsets.UTF_8));
    write(out2, "C\n".getBytes(StandardCharsets.UTF_8));
    merger.read(inlet1);
    merger.read(inlet2);
    merger.flush();
    assertEquals(List.of(new Record(0, "A")), decode(merged.toByteArray()));
    write(out1, "B\nD\n".getBytes(StandardCharsets.UTF_8));
    out1.writer().close();
    out2.writer().close();
    while (merger.read(inlet1)) {
      // to its end
    }
    while (merger.read(inlet2)) {
      // to its end
    }
    merger.release(inlet1);
    merger.release(inlet2);
    merger.finish();
    assertEquals(List.of(new Record(0, "A"), new Record(0, "B"), new Record(1, "C"), new Record(2, "D")),
        decode(merged.toByteArray()));
  }

  @Test
  void aRestartedWorkerAnswersFromTheLatestSeqAgain() throws IOException {
    ByteArrayOutputStream merged = new ByteArrayOutputStream();
    Merger merger = new Merger(merged, false, Long.MAX_VALUE, null, true);
    LineCodec codec = new LineCodec(NAME);
    Dealt dealt = new Dealt(true);
    Dealt.Share share = dealt.share();
    MemoryPipe in = new MemoryPipe(1 << 20, 5);
    MemoryPipe out = new MemoryPipe(1 << 20, 5);
    Outlet outlet = new Outlet(NAME, in.writer(), share, true, BatchSize.fixed(7), codec.encoder());
    Dealer dealer = new Dealer(List.of(outlet), Dispatch.ROUND_ROBIN, dealt);
    Inlet inlet = merger.add(NAME, out.reader(), share, true, codec.framer());
    Chunk all = Chunker.whole(recordBytes(new long[] {0, 1, 1, 2, 3}, List.of("a", "b", "c", "d", "e")));
    dealer.offer(all.slice(0, 3), 0);
    dealer.offer(all.slice(3, 5), 0);
    dealer.end(false);
    assertEquals("a\nb\nc\nd\ne\n", drain(in));
    write(out, "A\nB\n".getBytes(StandardCharsets.UTF_8)); // then it crashes
    out.writer().close();
    while (merger.read(inlet)) {
      outlet.answered(inlet.lastSeq());
    }
    assertEquals(1, inlet.lastSeq());
    MemoryPipe in2 = new MemoryPipe(1 << 20, 5);
    MemoryPipe out2 = new MemoryPipe(1 << 20, 5);
    merger.reopen(inlet, out2.reader());
    assertEquals(4, dealer.redeal(outlet, in2.writer(), 1));
    assertEquals("b\nc\nd\ne\n", drain(in2)); // from seq 1's first record: what was held is dropped
    write(out2, "B2\nC2\nD2\nE2\n".getBytes(StandardCharsets.UTF_8));
    out2.writer().close();
    while (merger.read(inlet)) {
      // read to the end
    }
    merger.release(inlet);
    merger.finish();
    assertEquals(List.of(new Record(0, "A"), new Record(1, "B2"), new Record(1, "C2"), new Record(2, "D2"),
        new Record(3, "E2")), decode(merged.toByteArray()));
  }

  // --- helpers

  /** The lines one batch of {@code values} (seqs 0, 1, ...) is dealt as. */
  private static String dealt(List<?> values) throws IOException {
    ByteBuffer lines = new LineCodec(NAME).encoder().deal(batch(values));
    return new String(lines.array(), lines.position(), lines.remaining(), StandardCharsets.UTF_8);
  }

  private static Chunk batch(List<?> values) throws IOException {
    long[] seqs = new long[values.size()];
    for (int i = 0; i < seqs.length; i++) seqs[i] = i;
    return Chunker.whole(recordBytes(seqs, values));
  }

  private static byte[] recordBytes(long[] seqs, List<?> values) throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    RecordWriter writer = new RecordWriter(bytes);
    for (int i = 0; i < seqs.length; i++) writer.write(seqs[i], values.get(i));
    writer.flush();
    return bytes.toByteArray();
  }

  private static List<Record> records(List<?> values) {
    List<Record> records = new ArrayList<>();
    for (int i = 0; i < values.size(); i++) records.add(new Record(i, values.get(i)));
    return records;
  }

  private static List<Record> answer(List<?> dealt, String output, int chunk) throws IOException {
    return answer(dealt, output.getBytes(StandardCharsets.UTF_8), chunk, false);
  }

  private static List<Record> answer(List<?> dealt, byte[] output, int chunk, boolean hold) throws IOException {
    return answer(dealt.isEmpty() ? null : batch(dealt), output, chunk, hold);
  }

  /**
   * Deals {@code batch} (in batches of 7 records), then gives back {@code output} as the worker's,
   * {@code chunk} bytes a read; the records merged.
   */
  private static List<Record> answer(Chunk batch, String output, int chunk, boolean hold) throws IOException {
    return answer(batch, output.getBytes(StandardCharsets.UTF_8), chunk, hold);
  }

  private static List<Record> answer(Chunk batch, byte[] output, int chunk, boolean hold) throws IOException {
    ByteArrayOutputStream merged = new ByteArrayOutputStream();
    Merger merger = new Merger(merged, false, Long.MAX_VALUE, null, hold);
    LineCodec codec = new LineCodec(NAME);
    Dealt dealt = new Dealt(true);
    Dealt.Share share = dealt.share();
    MemoryPipe pipe = new MemoryPipe(Integer.MAX_VALUE, chunk);
    Inlet inlet = merger.add(NAME, pipe.reader(), share, true, codec.framer());
    for (int from = 0; batch != null && from < batch.records(); from += 7) {
      deal(codec, share, batch.slice(from, Math.min(batch.records(), from + 7)));
    }
    dealt.end();
    write(pipe, output);
    pipe.writer().close();
    while (merger.read(inlet)) {
      // every read frames what has come
    }
    merger.release(inlet);
    merger.finish();
    return decode(merged.toByteArray());
  }

  private static void deal(LineCodec codec, Dealt.Share share, Chunk batch) throws IOException {
    codec.encoder().deal(batch);
    share.dealt(batch.firstSeq(), batch.lastSeq());
  }

  private static void write(MemoryPipe pipe, byte[] bytes) throws IOException {
    ByteBuffer buffer = ByteBuffer.wrap(bytes);
    while (buffer.hasRemaining()) pipe.writer().write(buffer);
  }

  private static String drain(MemoryPipe pipe) throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    ByteBuffer buffer = ByteBuffer.allocate(64);
    while (pipe.reader().read(buffer) > 0) {
      bytes.write(buffer.array(), 0, buffer.position());
      buffer.clear();
    }
    return bytes.toString(StandardCharsets.UTF_8);
  }

  private static List<Record> decode(byte[] bytes) throws IOException {
    List<Record> records = new ArrayList<>();
    RecordReader reader = new RecordReader(new ByteArrayInputStream(bytes));
    while (reader.next()) records.add(reader.readRecord());
    return records;
  }

  private static String randomLine(Random random) {
    StringBuilder line = new StringBuilder();
    int length = random.nextInt(4) == 0 ? 0 : random.nextInt(300);
    for (int i = 0; i < length; i++) line.append(random.nextInt(10) == 0 ? 'é' : (char) ('a' + random.nextInt(26)));
    return line.toString();
  }
}
