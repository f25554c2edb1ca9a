package dev.recpipe.common;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.recpipe.common.testing.Hex;
import dev.recpipe.common.testing.ThrottledInputStream;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/** The golden vectors of docs/FORMAT.md: written to the byte, read back in any split. */
class FormatVectorsTest {
  private static final BigInteger TWO_TO_64 = BigInteger.ONE.shiftLeft(64);

  /** The table "Golden vectors" of docs/FORMAT.md, in order. */
  static final List<Vector> WRITTEN = List.of(
      new Vector(new Record(0, List.of(1L, 2L, 3L)), "82 00 83 01 02 03"),
      new Vector(new Record(1, 6L), "82 01 06"),
      new Vector(new Record(23, -1L), "82 17 20"),
      new Vector(new Record(24, 1000L), "82 18 18 19 03 e8"),
      new Vector(new Record(500, List.of(-500L, 65536L)), "82 19 01 f4 82 39 01 f3 1a 00 01 00 00"),
      new Vector(new Record(4294967296L, List.of()), "82 1b 00 00 00 01 00 00 00 00 80"),
      new Vector(new Record(7, TWO_TO_64.subtract(BigInteger.ONE)), "82 07 1b ff ff ff ff ff ff ff ff"),
      new Vector(new Record(8, TWO_TO_64.negate()), "82 08 3b ff ff ff ff ff ff ff ff"),
      new Vector(new Record(9, TWO_TO_64), "82 09 c2 49 01 00 00 00 00 00 00 00 00"),
      new Vector(new Record(10, TWO_TO_64.negate().subtract(BigInteger.ONE)),
          "82 0a c3 49 01 00 00 00 00 00 00 00 00"),
      new Vector(new Record(11, "abc"), "82 0b 63 61 62 63"),
      new Vector(new Record(12, BigInteger.ONE.shiftLeft(71)), "82 0c c2 49 80 00 00 00 00 00 00 00 00"),
      new Vector(new Record(13, BigInteger.ONE.shiftLeft(71).negate()), "82 0d c3 49 7f ff ff ff ff ff ff ff ff"));

  /** "Read, but never written": other valid encodings of records. */
  static final List<Vector> READ_ONLY = List.of(
      new Vector(new Record(0, List.of(1L, 2L)), "9f 00 9f 01 02 ff ff"),
      new Vector(new Record(0, 6L), "82 18 00 19 00 06"),
      new Vector(new Record(1, 5L), "82 01 c2 41 05"));

  record Vector(Record record, String hex) {
    @Override
    public String toString() {
      return hex;
    }
  }

  static Stream<Vector> written() {
    return WRITTEN.stream();
  }

  static Stream<Vector> all() {
    return Stream.concat(WRITTEN.stream(), READ_ONLY.stream());
  }

  static Stream<Arguments> allInEverySplit() {
    List<UnaryOperator<InputStream>> splits = List.of(
        in -> in,
        ThrottledInputStream::oneByteAtATime,
        in -> ThrottledInputStream.randomChunks(in, 3, 42));
    return all().flatMap(v -> splits.stream().map(s -> Arguments.of(v, s)));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("written")
  void writesGoldenBytes(Vector vector) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    RecordWriter writer = new RecordWriter(out);
    writer.write(vector.record());
    writer.flush();
    assertEquals(vector.hex(), Hex.encode(out.toByteArray()));
  }

  @Test
  void writeTextCopiesEncodedTextAsTheTextVector() throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    RecordWriter writer = new RecordWriter(out);
    writer.writeText(11, "[abc]".getBytes(StandardCharsets.UTF_8), 1, 3);
    writer.flush();
    assertEquals("82 0b 63 61 62 63", Hex.encode(out.toByteArray()));
  }

  @Test
  void writeTextLongerThanTheBuffer() throws IOException {
    String text = "é€x".repeat(100);
    ByteArrayOutputStream viaString = new ByteArrayOutputStream();
    RecordWriter expected = new RecordWriter(viaString, 16);
    expected.write(5, text);
    expected.flush();
    ByteArrayOutputStream viaBytes = new ByteArrayOutputStream();
    RecordWriter writer = new RecordWriter(viaBytes, 16);
    byte[] utf8 = text.getBytes(StandardCharsets.UTF_8);
    writer.writeText(5, utf8, 0, utf8.length);
    writer.flush();
    assertArrayEquals(viaString.toByteArray(), viaBytes.toByteArray());
  }

  /**
   * writeText stores a record that fits the buffer whole at once, and goes the general way when it
   * does not: both write what write(seq, String) writes, for seqs and lengths at every head width's
   * edges, in a row, through buffers from too small for any record to roomy.
   */
  @ParameterizedTest
  @ValueSource(ints = {16, 17, 40, 300, 70_000})
  void writeTextWritesWhatWriteWritesAtEveryHeadWidth(int bufferSize) throws IOException {
    long[] seqs = {0, 23, 24, 255, 256, 65535, 65536, 0xffffffffL, 0x100000000L, Long.MAX_VALUE};
    int[] lengths = {0, 1, 23, 24, 255, 256, 65535, 65536};
    ByteArrayOutputStream viaString = new ByteArrayOutputStream();
    ByteArrayOutputStream viaBytes = new ByteArrayOutputStream();
    RecordWriter expected = new RecordWriter(viaString, bufferSize);
    RecordWriter writer = new RecordWriter(viaBytes, bufferSize);
    for (long seq : seqs) {
      for (int length : lengths) {
        String text = "\u00e9".repeat(length / 2) + "x".repeat(length % 2);
        byte[] utf8 = ("[" + text + "]").getBytes(StandardCharsets.UTF_8);
        expected.write(seq, text);
        writer.writeText(seq, utf8, 1, length);
      }
    }
    expected.flush();
    writer.flush();
    assertArrayEquals(viaString.toByteArray(), viaBytes.toByteArray());
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("allInEverySplit")
  void readsGoldenBytesInAnySplit(Vector vector, UnaryOperator<InputStream> split) throws IOException {
    RecordReader reader = new RecordReader(split.apply(new ByteArrayInputStream(Hex.decode(vector.hex()))));
    assertTrue(reader.next());
    assertEquals(vector.record(), reader.readRecord());
    assertFalse(reader.next());
  }

  @Test
  void streamOfAllVectorsReadOneByteAtATime() throws IOException {
    StringBuilder hex = new StringBuilder();
    all().forEach(v -> hex.append(v.hex()).append(' '));
    RecordReader reader =
        new RecordReader(ThrottledInputStream.oneByteAtATime(new ByteArrayInputStream(Hex.decode(hex.toString()))));
    List<Record> records = new ArrayList<>();
    while (reader.next()) records.add(reader.readRecord());
    assertEquals(all().map(Vector::record).toList(), records);
  }

  @Test
  void unreadValuesAreSkipped() throws IOException {
    RecordReader reader = new RecordReader(new ByteArrayInputStream(Hex.decode(
        "82 00 83 01 02 03  9f 01 9f 01 02 ff ff  82 02 06")));
    List<Long> seqs = new ArrayList<>();
    while (reader.next()) seqs.add(reader.seq());
    assertEquals(List.of(0L, 1L, 2L), seqs);
  }

  @Test
  void emptyStreamHasNoRecords() throws IOException {
    assertFalse(new RecordReader(new ByteArrayInputStream(new byte[0])).next());
  }

  @Test
  void everyTruncationIsAnErrorNamingTheRecordStart() {
    byte[] stream = Hex.decode("82 00 83 01 02 03 82 19 01 f4 82 39 01 f3 1a 00 01 00 00");
    for (int cut = 1; cut < stream.length; cut++) {
      if (cut == 6) continue; // between the two records: a clean end
      byte[] truncated = java.util.Arrays.copyOf(stream, cut);
      long start = cut < 6 ? 0 : 6;
      RecordFormatException e = assertThrows(RecordFormatException.class, () -> readAll(truncated), "cut at " + cut);
      assertEquals("truncated record at byte offset " + start + ": input ends at byte offset " + cut + " inside it",
          e.getMessage());
      assertEquals(start, e.byteOffset());
    }
  }

  /**
   * Found by RecordReaderFuzzTest: a cut inside the head of an item where a record starts. (A float or
   * an integer can't start a record, cut or not: that is what the framer says of them.)
   */
  @Test
  void truncationInsideTheFirstHeadOfARecordNamesWhereItStarts() {
    assertError("fb 83 82 00 01", "byte offset 0: expected a record, an array [seq, value], found a float");
    assertError("82 00 06 9b 00", "truncated record at byte offset 3: input ends at byte offset 5 inside it");
    assertError("82 00 06 98", "truncated record at byte offset 3: input ends at byte offset 4 inside it");
    assertError("82 00 06 9f 06 19 01", "truncated record at byte offset 3: input ends at byte offset 7 inside it");
    assertError("82 00 06 19 01", "byte offset 3: expected a record, an array [seq, value], found an integer");
  }

  /**
   * Found by RecordReaderFuzzTest: valid CBOR beyond the limits Jackson keeps to failed with Jackson's
   * own exception, which names no offset. Now recpipe's limits (docs/FORMAT.md) are checked first, by
   * the framer, and Jackson's are set no lower: a map key of 65535 bytes, over Jackson's default of
   * 50000, is read; nesting beyond 1000 is the framer's error.
   */
  @Test
  void itemsBeyondTheParsersLimitsAreRecordFormatExceptionsNamingAnOffset() throws IOException {
    ByteArrayOutputStream longKey = new ByteArrayOutputStream();
    longKey.writeBytes(Hex.decode("82 00 a1 79 ff ff"));
    longKey.writeBytes("k".repeat(0xffff).getBytes(StandardCharsets.US_ASCII));
    longKey.write(0);
    assertEquals(List.of(new Record(0, java.util.Map.of("k".repeat(0xffff), 0L))), readAll(longKey.toByteArray()));

    ByteArrayOutputStream deep = new ByteArrayOutputStream();
    deep.writeBytes(Hex.decode("82 00"));
    for (int i = 0; i < 1000; i++) deep.write(0x81);
    deep.write(0);
    RecordFormatException e = assertThrows(RecordFormatException.class, () -> readAll(deep.toByteArray()));
    assertEquals("byte offset 1001 (record seq 0): arrays and maps nested more than 1000 deep, the limit",
        e.getMessage());
  }

  /**
   * Found by RecordReaderFuzzTest: Jackson reports a chunk of text ending inside a UTF-8 character as
   * an end of input, which the reader took for a cut, naming as the end of input however far it had
   * read ahead: the whole input at once and one byte at a time gave different messages. Now the
   * framer under the reader checks each chunk, and names the character cut short.
   */
  @Test
  void textChunkEndingInsideACharacterIsInvalidNotACut() throws IOException {
    byte[] bytes = Hex.decode("82 00 7f 61 c3 ff 82 01 00");
    for (InputStream in : List.of(new ByteArrayInputStream(bytes),
        ThrottledInputStream.oneByteAtATime(new ByteArrayInputStream(bytes)))) {
      RecordReader reader = new RecordReader(in);
      RecordFormatException e = assertThrows(RecordFormatException.class, reader::next);
      assertEquals("byte offset 4 (record seq 0): invalid CBOR: text that is not UTF-8: expected a byte"
          + " 0x80-0xbf after 0xc3, found the end of the text string", e.getMessage());
    }
  }

  @Test
  void errorMessagesAreTheDocumentedOnes() {
    assertError("01", "byte offset 0: expected a record, an array [seq, value], found an integer");
    assertError("83 00 01 02",
        "byte offset 3 (record seq 0): expected a record with exactly two elements [seq, value], found an integer");
    assertError("82 20 00", "byte offset 1: expected an unsigned integer seq, found an integer");
    assertError("82 00 00 82 20 00", "byte offset 4: expected an unsigned integer seq, found an integer");
    assertError("81 00", "byte offset 2 (record seq 0): expected a record with exactly two elements [seq, value],"
        + " found the end of an array");
    assertError("82 00 06 ff", "input ends with an abort mark at byte offset 3: an earlier stage failed");
    assertError("82 1b 80 00 00 00 00 00 00 00 00", "byte offset 1: expected a seq from 0 to 2^63-1, found 9223372036854775808");
    assertError("82 00 ff", "byte offset 2 (record seq 0): invalid CBOR: unexpected break");
  }

  @Test
  void docsHoldEveryVectorAndEveryErrorMessage() throws IOException {
    String doc = Files.readString(Path.of("..", "docs", "FORMAT.md"), StandardCharsets.UTF_8);
    all().forEach(v -> assertTrue(doc.contains("`" + v.hex() + "`"), "FORMAT.md lacks " + v.hex()));
    for (String hex : List.of("01", "83 00 01 02", "82 20 00", "c6 82 00 01", "82 00 06 ff", "82 00 ff",
        "82 1b 80 00 00 00 00 00 00 00 00", "82 00 82 f0 01", "82 00 a1 80 00", "82 00 a1 c2 41 05 00", "82 00 d8 19 00",
        "82 00 62 c0 af")) {
      assertTrue(doc.contains("`" + message(hex) + "`"), "FORMAT.md lacks the message " + message(hex));
    }
  }

  private static void assertError(String hex, String expected) {
    assertEquals(expected, message(hex));
  }

  private static String message(String hex) {
    return assertThrows(RecordFormatException.class, () -> readAll(Hex.decode(hex))).getMessage();
  }

  private static List<Record> readAll(byte[] bytes) throws IOException {
    RecordReader reader = new RecordReader(new ByteArrayInputStream(bytes));
    List<Record> records = new ArrayList<>();
    while (reader.next()) records.add(reader.readRecord());
    return records;
  }
}
