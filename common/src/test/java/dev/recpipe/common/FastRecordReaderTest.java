package dev.recpipe.common;

import static dev.recpipe.common.FastReaderDifferential.assertSameOutcomes;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.recpipe.common.FastReaderDifferential.Way;
import dev.recpipe.common.FormatVectorsTest.Vector;
import dev.recpipe.common.testing.Hex;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@link FastRecordReader} against {@link RecordReader}, the reference: the same records, values and
 * errors, byte for byte of every message, in every way a stage reads and every split of the input
 * ({@link FastReaderDifferential}); and its fast path really taken for the common shapes.
 */
class FastRecordReaderTest {
  private static final int WINDOW = 64 * 1024;

  static Stream<Vector> vectors() {
    return FormatVectorsTest.all();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("vectors")
  void everyGoldenVectorAsTheReferenceReadsIt(Vector vector) throws IOException {
    assertSameOutcomes(Hex.decode(vector.hex()));
  }

  @Test
  void allGoldenVectorsInOneStream() throws IOException {
    StringBuilder hex = new StringBuilder();
    vectors().forEach(v -> hex.append(v.hex()).append(' '));
    assertSameOutcomes(Hex.decode(hex.toString()));
  }

  /** The vectors of the two common shapes never reach RecordReader, and read back as written. */
  @Test
  void goldenVectorsOfTheCommonShapesTakeTheFastPath() throws IOException {
    for (Vector vector : FormatVectorsTest.WRITTEN) {
      Object value = vector.record().value();
      if (!(value instanceof List || value instanceof String || value instanceof Long)) continue;
      FastRecordReader reader = reader(vector.hex());
      assertTrue(reader.next());
      assertEquals(vector.record(), new Record(reader.seq(), reader.readValue()));
      assertFalse(reader.next());
      assertFalse(reader.handedOver(), vector.hex());
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {
    "01", "83 00 01 02", "82 20 00", "82 00 00 82 20 00", "81 00", "82 00 06 ff", "82 00 ff",
    "82 1b 80 00 00 00 00 00 00 00 00", "82 1b 7f ff ff ff ff ff ff ff 80", "ff", "82 00 83 01 02 ff 82 01 80",
    "82 00 9b ff ff ff ff ff ff ff ff", "82 00 7b 00 00 00 01 00 00 00 00", "82 00 82 01 1c", "82 00 81 c2 40",
    "82 00 81 c3 40", "82 00 81 c2 c2 41 01", "82 00 81 c2 00", "82 00 81 f0", "82 00 63 61 62"})
  void errorsAndOddCasesAsTheReferenceHasThem(String hex) throws IOException {
    assertSameOutcomes(Hex.decode(hex));
  }

  /**
   * Found by FastRecordReaderFuzzTest, when Jackson's message for a bad head named the token before
   * it: the hand-over starts a record earlier, so the reader that takes over is in the reference's
   * state. Errors are the framer's now, but a hand-over after a record must still say what the
   * reference says.
   */
  @Test
  void aHandOverAfterARecordSaysWhatTheReferenceSays() throws IOException {
    assertSameOutcomes(Hex.decode("82 00 61 61 9e"));
  }

  @Test
  void everyCutOfAStreamIsTheReferencesTruncation() throws IOException {
    byte[] stream = Hex.decode("82 00 83 01 02 03  82 19 01 f4 82 39 01 f3 1a 00 01 00 00  82 18 18 63 61 62 63"
        + "  82 09 81 c2 49 01 00 00 00 00 00 00 00 00  82 1b 00 00 00 01 00 00 00 00 80");
    for (int cut = 0; cut <= stream.length; cut++) assertSameOutcomes(Arrays.copyOf(stream, cut));
  }

  @Test
  void aRecordAcrossTheWindowsEdgeIsReadWhole() throws IOException {
    // a text that ends 1, 2, ... bytes past the first read of 64 KiB, then more records
    for (int past = -3; past <= 12; past++) {
      ByteArrayOutputStream stream = new ByteArrayOutputStream();
      stream.writeBytes(Hex.decode("82 00 7a"));
      int length = WINDOW + past - 7;
      stream.writeBytes(new byte[] {0, (byte) (length >>> 16), (byte) (length >>> 8), (byte) length});
      stream.writeBytes("y".repeat(length).getBytes(StandardCharsets.US_ASCII));
      stream.writeBytes(Hex.decode("82 01 83 1a 00 01 00 00 3b 7f ff ff ff ff ff ff ff 17"));
      assertSameOutcomes(stream.toByteArray());
      FastRecordReader reader = new FastRecordReader(new ByteArrayInputStream(stream.toByteArray()));
      while (reader.next()) reader.readValue();
      assertFalse(reader.handedOver());
    }
  }

  /** Errors after the first window name offsets in the whole stream, not in what the reference was handed. */
  @ParameterizedTest
  @ValueSource(strings = {"ff", "01", "82 00 a1 61 6b 01 82 01 ff", "82 00 83 01 02", "82 00 81 1c", "83 00 01 02"})
  void afterManyRecordsTheReferenceNamesOffsetsInTheWholeStream(String tail) throws IOException {
    byte[] records = summerInput(3_000);
    byte[] stream = concat(records, Hex.decode(tail));
    assertSameOutcomes(stream);
    String error = FastReaderDifferential.fastOutcome(stream, Way.OBJECT).error();
    Matcher offsets = Pattern.compile("byte offset (\\d+)").matcher(error);
    assertTrue(offsets.find(), error);
    do {
      assertTrue(Long.parseLong(offsets.group(1)) >= records.length, error);
    } while (offsets.find());
  }

  @Test
  void aValueOfAnotherShapeHandsTheRestOfTheStreamOver() throws IOException {
    byte[] stream = concat(summerInput(1000), Hex.decode("82 18 64 a1 61 6b 01"), summerInput(1000));
    assertSameOutcomes(stream);
    FastRecordReader reader = new FastRecordReader(new ByteArrayInputStream(stream));
    List<Object> values = new ArrayList<>();
    while (reader.next()) values.add(reader.readValue());
    assertTrue(reader.handedOver());
    assertEquals(2001, values.size());
  }

  @Test
  void askingForAnotherShapeGetsTheReferencesError() throws IOException {
    FastRecordReader text = reader("82 07 63 61 62 63");
    assertTrue(text.next());
    RecordFormatException e = assertThrows(RecordFormatException.class, () -> text.readIntegers(new BigSum()));
    assertEquals("record seq 7 (byte offset 0): expected an array of integers, found a text string", e.getMessage());
    FastRecordReader integers = reader("82 00 06  82 07 81 01");
    assertTrue(integers.next());
    assertTrue(integers.next());
    e = assertThrows(RecordFormatException.class, integers::readText);
    assertEquals("record seq 7 (byte offset 3): expected a text string, found an array", e.getMessage());
  }

  @Test
  void limits() throws IOException {
    assertSameOutcomes(Hex.decode("82 1b 7f ff ff ff ff ff ff ff 80")); // seq 2^63-1
    assertSameOutcomes(Hex.decode("82 00 82 1b ff ff ff ff ff ff ff ff 3b ff ff ff ff ff ff ff ff")); // ±2^64
    assertSameOutcomes(Hex.decode("82 00 82 1b 80 00 00 00 00 00 00 00 3b 80 00 00 00 00 00 00 00")); // ±2^63
    for (int bytes : new int[] {1, 8, 9, 63, 64, 65, 200}) {
      byte[] magnitude = new byte[bytes];
      Arrays.fill(magnitude, (byte) 0xa5);
      assertSameOutcomes(concat(Hex.decode("82 00 82 c2 58"), new byte[] {(byte) bytes}, magnitude,
          Hex.decode("c3 58"), new byte[] {(byte) bytes}, magnitude));
    }
    FastRecordReader reader = reader("82 00 81 c3 58 40 " + "ff ".repeat(64));
    assertTrue(reader.next());
    assertEquals(List.of(BigInteger.ONE.shiftLeft(512).negate()), reader.readValue());
    assertFalse(reader.handedOver());
  }

  /** Records of over 1 MiB are the reference's, which streams them; the fast path holds up to 1 MiB. */
  @Test
  void recordsOverAMebibyteAreHandedOver() throws IOException {
    for (int length : new int[] {CommonShapeDecoder.MAX_RECORD - 10, CommonShapeDecoder.MAX_RECORD + 1}) {
      byte[] text = "z".repeat(length).getBytes(StandardCharsets.US_ASCII);
      byte[] stream = concat(Hex.decode("82 05 7a"), new byte[] {0, (byte) (length >>> 16), (byte) (length >>> 8),
          (byte) length}, text, Hex.decode("82 06 80"));
      FastRecordReader reader = new FastRecordReader(new ByteArrayInputStream(stream));
      assertTrue(reader.next());
      assertEquals(length, reader.readText().length());
      assertTrue(reader.next());
      assertEquals(List.of(), reader.readValue());
      assertFalse(reader.next());
      assertEquals(length > CommonShapeDecoder.MAX_RECORD, reader.handedOver());
    }
  }

  /** Text that is not UTF-8 is the reference's to read; a U+FFFD in well-formed text is not. */
  @Test
  void onlyTextThatIsNotUtf8IsHandedOver() throws IOException {
    FastRecordReader replacement = reader("82 00 63 ef bf bd  82 01 61 61");
    assertTrue(replacement.next());
    assertEquals("\uFFFD", replacement.readText());
    assertFalse(replacement.handedOver());
    for (String bad : List.of("c0 80", "ed a0 80", "f4 90 80 80", "80", "ff", "e2 82")) {
      byte[] bytes = Hex.decode(bad);
      byte[] stream = concat(Hex.decode("82 00"), new byte[] {(byte) (0x60 + bytes.length)}, bytes);
      assertSameOutcomes(stream);
      FastRecordReader reader = new FastRecordReader(new ByteArrayInputStream(stream));
      try {
        reader.next(); // the reference refuses such a record as it frames it
        reader.readValue();
      } catch (RecordFormatException e) { // the reference's answer; the same, as checked above
        assertTrue(e.getMessage().startsWith("byte offset "), e.getMessage());
      }
      assertTrue(reader.handedOver(), bad);
    }
  }

  @Test
  void anUnreadValueIsSkippedAndAValueIsReadOnce() throws IOException {
    FastRecordReader reader = reader("82 00 83 01 02 03  82 01 61 61  82 02 06");
    assertTrue(reader.next());
    assertTrue(reader.next());
    assertEquals(1, reader.seq());
    assertEquals("a", reader.readText());
    IllegalStateException e = assertThrows(IllegalStateException.class, reader::readValue);
    assertEquals("the value was already read", e.getMessage());
    assertTrue(reader.next());
    assertEquals(2, reader.seq());
    assertEquals(6, reader.recordOffset() - 4);
    assertEquals(6L, reader.readValue());
    assertFalse(reader.next());
  }

  /** readTextBytes gives the text readText would decode, in place, once, and only for a text decoded here. */
  @Test
  void textIsReadAsItsBytesInPlace() throws IOException {
    FastRecordReader reader = reader("82 00 65 63 61 66 c3 a9  82 01 60  82 02 06  82 03 61 61");
    assertTrue(reader.next());
    assertTrue(reader.hasText());
    reader.readTextBytes();
    assertFalse(reader.hasText());
    assertEquals("caf\u00e9", new String(reader.textBytes(), reader.textOffset(), reader.textLength(), StandardCharsets.UTF_8));
    assertThrows(IllegalStateException.class, reader::readTextBytes);
    assertThrows(IllegalStateException.class, reader::readText);
    assertTrue(reader.next());
    reader.readTextBytes();
    assertEquals(0, reader.textLength());
    assertTrue(reader.next());
    IllegalStateException e = assertThrows(IllegalStateException.class, reader::readTextBytes);
    assertEquals("the value is not a text decoded here, or was read", e.getMessage());
    assertEquals(6L, reader.readInteger());
    assertTrue(reader.next());
    assertEquals("a", reader.readText());
    assertFalse(reader.next());
    assertFalse(reader.handedOver());
  }

  @Test
  void beforeTheFirstRecordThereIsNoSeq() {
    assertThrows(IllegalStateException.class, () -> reader("").seq());
  }

  /** What reader writes for a CSV row, and what summer reads: stays on the fast path. */
  @Test
  void summersInputNeverReachesTheReference() throws IOException {
    FastRecordReader reader = new FastRecordReader(new ByteArrayInputStream(summerInput(200_000)));
    BigSum sum = new BigSum();
    long records = 0;
    while (reader.next()) {
      reader.readIntegers(sum);
      records++;
    }
    assertEquals(200_000, records);
    assertFalse(reader.handedOver());
  }

  /**
   * What summer writes and writer reads, integers at every width and sign edge within a long, stays
   * on the fast path; one beyond a long, or a bignum, is the reference's.
   */
  @Test
  void summersOutputNeverReachesTheReference() throws IOException {
    long[] edges = {0, 1, 23, 24, 255, 256, 65535, 65536, 0xffffffffL, 0x100000000L, Long.MAX_VALUE,
      -1, -24, -25, -256, -257, -65536, -65537, -0x100000000L, -0x100000001L, Long.MIN_VALUE};
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    RecordWriter writer = new RecordWriter(bytes);
    for (int seq = 0; seq < 50_000; seq++) writer.write(seq, edges[seq % edges.length]);
    writer.flush();
    byte[] input = bytes.toByteArray();
    FastRecordReader reader = new FastRecordReader(new ByteArrayInputStream(input));
    for (int seq = 0; seq < 50_000; seq++) {
      assertTrue(reader.next());
      assertTrue(reader.hasInteger(), "seq " + seq);
      assertEquals(edges[seq % edges.length], reader.readInteger());
      assertFalse(reader.hasInteger(), "read once");
    }
    assertFalse(reader.next());
    assertFalse(reader.handedOver());
    assertSameOutcomes(input);
    for (String beyond : new String[] {"82 00 1b 80 00 00 00 00 00 00 00", "82 00 3b 80 00 00 00 00 00 00 00", "82 00 c2 41 05"}) {
      FastRecordReader odd = reader(beyond);
      assertTrue(odd.next());
      assertFalse(odd.hasInteger(), beyond);
      assertSameOutcomes(Hex.decode(beyond));
    }
  }

  /** The property test: generated streams, read every way, in every split, as the reference reads them. */
  @Test
  void generatedStreamsAreReadAsTheReferenceReadsThem() throws IOException {
    for (long seed = 0; seed < 1500; seed++) {
      RecordStreams streams = new RecordStreams(seed);
      assertSameOutcomes(streams.stream(seed % 100 == 0 ? 3000 : 30));
    }
  }

  private static FastRecordReader reader(String hex) {
    return new FastRecordReader(new ByteArrayInputStream(Hex.decode(hex)));
  }

  /** Records as reader writes them: 10 integers from 0 to 999999 a row, some beyond 64 bits. */
  static byte[] summerInput(int rows) throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    RecordWriter writer = new RecordWriter(bytes);
    Random random = new Random(rows);
    List<Object> row = new ArrayList<>();
    for (int seq = 0; seq < rows; seq++) {
      row.clear();
      for (int i = 0; i < 10; i++) row.add((long) random.nextInt(1_000_000) - (i == 9 ? 500_000 : 0));
      if (seq % 1000 == 999) row.set(3, BigInteger.TEN.pow(30));
      writer.write(seq, row);
    }
    writer.flush();
    return bytes.toByteArray();
  }

  private static byte[] concat(byte[]... parts) {
    ByteArrayOutputStream all = new ByteArrayOutputStream();
    for (byte[] part : parts) all.writeBytes(part);
    return all.toByteArray();
  }

  /** A sink that sums, in a BigInteger: slow and obviously right. */
  private static final class BigSum implements IntegerSink {
    private BigInteger sum = BigInteger.ZERO;

    @Override
    public void add(long value) {
      sum = sum.add(BigInteger.valueOf(value));
    }

    @Override
    public void add(BigInteger value) {
      sum = sum.add(value);
    }
  }
}
