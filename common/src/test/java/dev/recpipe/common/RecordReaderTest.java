package dev.recpipe.common;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import dev.recpipe.common.testing.Hex;
import dev.recpipe.common.testing.ThrottledInputStream;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * RecordReader reads what docs/FORMAT.md says recpipe reads, and refuses what it says recpipe does
 * not read with RecordFramer's message (issue 10: the two disagreed, and Jackson's limits and tag
 * handling refused valid CBOR that reader itself writes or any CBOR library may).
 */
class RecordReaderTest {
  private static final BigInteger TWO_TO_64 = BigInteger.ONE.shiftLeft(64);

  static Stream<Arguments> readable() {
    return Stream.of(
        // Tags are read as the item they tag, whatever their number: Jackson failed beyond 2^31-1
        Arguments.of("82 00 db 00 00 00 01 00 00 00 00 05", 5L),
        Arguments.of("82 00 db ff ff ff ff ff ff ff ff 05", 5L),
        Arguments.of("82 00 da 80 00 00 00 05", 5L),
        Arguments.of("82 00 81 db 7f ff ff ff ff ff ff ff 61 61", List.of("a")),
        Arguments.of("82 00 a1 db 00 00 00 01 00 00 00 00 61 6b 01", Map.of("k", 1L)),
        // Integer map keys as their decimal text, 64 bits unsigned and all: Jackson gave "-1" and "0"
        Arguments.of("82 00 a2 1b ff ff ff ff ff ff ff ff 01 3b ff ff ff ff ff ff ff ff 02",
            map(TWO_TO_64.subtract(BigInteger.ONE).toString(), 1L, TWO_TO_64.negate().toString(), 2L)),
        Arguments.of("82 00 a2 1b 7f ff ff ff ff ff ff ff 01 3b 7f ff ff ff ff ff ff ff 02",
            map("9223372036854775807", 1L, "-9223372036854775808", 2L)),
        Arguments.of("82 00 a2 1a ff ff ff ff 01 3a ff ff ff ff 02", map("4294967295", 1L, "-4294967296", 2L)),
        // Decimal fractions, and tag 4 on other arrays, read as the array (as tag 2 on other than bytes)
        Arguments.of("82 00 c4 82 21 19 30 39", new BigDecimal("123.45")),
        Arguments.of("82 00 c4 82 1a 7f ff ff ff 01", new BigDecimal("1E+2147483647")),
        Arguments.of("82 00 c4 82 3a 7f ff ff fe c2 41 05", new BigDecimal("5E-2147483647")),
        Arguments.of("82 00 c6 c4 82 20 c3 5f 41 01 ff", new BigDecimal("-0.2")),
        Arguments.of("82 00 c4 c4 82 00 01", BigDecimal.ONE),
        Arguments.of("82 00 c4 83 01 02 03", List.of(1L, 2L, 3L)),
        Arguments.of("82 00 c4 9f 01 02 ff", List.of(1L, 2L)),
        Arguments.of("82 00 c4 82 c6 01 02", List.of(1L, 2L)),
        Arguments.of("82 00 c4 82 01 41 02", List.of(1L, new byte[] {2})),
        Arguments.of("82 00 c4 c6 82 01 02", List.of(1L, 2L)),
        // Bignums: tag 2 or 3 right on a byte string; on anything else, the item
        Arguments.of("82 00 c6 c2 41 05", 5L),
        Arguments.of("82 00 c2 c3 41 05", -6L),
        Arguments.of("82 00 c3 c2 41 05", 5L),
        Arguments.of("82 00 c2 82 01 02", List.of(1L, 2L)),
        // Found by DecodersAgreeTest: an empty magnitude is 0, so tag 3 on it is -1; Jackson read 0
        Arguments.of("82 00 c3 40", -1L),
        Arguments.of("82 00 c3 5f 40 ff", -1L),
        Arguments.of("82 00 c4 82 20 c3 40", new BigDecimal("-0.1")),
        // Tags on map keys that are text or integers
        Arguments.of("82 00 a2 d8 20 61 6b 01 c2 02 03", map("k", 1L, "2", 3L)),
        // Undefined is read as null
        Arguments.of("82 00 82 f7 f6", Arrays.asList(null, null)));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("readable")
  void readsWhatFormatMdSaysRecpipeReads(String hex, Object expected) throws IOException {
    byte[] bytes = Hex.decode(hex);
    for (RecordReader reader : List.of(new RecordReader(new ByteArrayInputStream(bytes)),
        new RecordReader(ThrottledInputStream.oneByteAtATime(new ByteArrayInputStream(bytes))))) {
      assertTrue(reader.next());
      assertEquals(0, reader.seq());
      assertValue(expected, reader.readValue());
      assertFalse(reader.next());
    }
  }

  /** A tag on the record: summer and writer took it, fanout refused it. Now none does. */
  @Test
  void tagOnTheRecordOrOnTheSeqIsRefusedAsFanoutRefusesIt() {
    assertEquals("byte offset 0: expected a record, an array [seq, value], found a tag",
        error("c6 82 00 01"));
    assertEquals("byte offset 0: expected a record, an array [seq, value], found a tag",
        error("d9 d9 f7 82 00 01"));
    assertEquals("byte offset 1: expected an unsigned integer seq, found a tag", error("82 c6 00 01"));
    assertEquals("byte offset 1: expected an unsigned integer seq, found a tag", error("82 c2 00 01"));
    assertEquals("byte offset 4: expected an unsigned integer seq, found a tag", error("82 00 01 9f c6 00 01 ff"));
  }

  /**
   * Issue 10: integers of more than 1000 bytes failed with Jackson's StreamReadConstraints message,
   * though reader writes them. Now any integer up to the record limit is read, in every way a stage
   * reads integers.
   */
  @Test
  void bignumsOfAnySizeUpToTheRecordLimitAreRead() throws IOException {
    for (int bytes : new int[] {1000, 1001, 100_000, Limits.MAX_RECORD_BYTES - 16}) {
      byte[] magnitude = new byte[bytes];
      Arrays.fill(magnitude, (byte) 0x5a);
      BigInteger big = new BigInteger(1, magnitude);
      byte[] record = record(0, big);

      RecordReader reader = new RecordReader(new ByteArrayInputStream(record));
      assertTrue(reader.next());
      assertEquals(big, reader.readValue());

      byte[] pair = record(0, List.of(big, big.negate()));
      if (pair.length <= Limits.MAX_RECORD_BYTES) {
        reader = new RecordReader(new ByteArrayInputStream(pair));
        assertTrue(reader.next());
        List<BigInteger> integers = new ArrayList<>();
        reader.readIntegers(new IntegerSink() {
          @Override
          public void add(long value) {
            integers.add(BigInteger.valueOf(value));
          }

          @Override
          public void add(BigInteger value) {
            integers.add(value);
          }
        });
        assertEquals(List.of(big, big.negate()), integers);
      }

      reader = new RecordReader(new ByteArrayInputStream(record));
      assertTrue(reader.next());
      JsonParser parser = reader.parser();
      assertEquals(JsonToken.VALUE_NUMBER_INT, parser.currentToken());
      assertEquals(big, parser.getBigIntegerValue());
      assertFalse(reader.next());
    }
  }

  /** A record of exactly the limit is read; one byte more is refused, by the reader as by the framer. */
  @Test
  void recordsUpToTheLimitAreReadAndOneByteMoreIsRefused() throws IOException {
    String text = "x".repeat(Limits.MAX_RECORD_BYTES - 7); // 82 00 7a n n n n: 7 bytes of heads
    byte[] atTheLimit = record(3, text);
    assertEquals(Limits.MAX_RECORD_BYTES, atTheLimit.length);
    RecordReader reader = new RecordReader(new ByteArrayInputStream(atTheLimit));
    assertTrue(reader.next());
    assertEquals(text, reader.readText());
    assertFalse(reader.next());
    assertEquals(atTheLimit.length, new RecordFramer().frame(atTheLimit, 0, atTheLimit.length, 0));

    byte[] over = record(3, text + "x");
    String message = "byte offset 0: a record larger than 8 MiB (8388608 bytes), the limit";
    assertEquals(message, assertThrows(RecordFormatException.class,
        () -> new RecordReader(new ByteArrayInputStream(over)).next()).getMessage());
    assertEquals(message, assertThrows(RecordFormatException.class,
        () -> new RecordFramer().frame(over, 0, over.length, 0)).getMessage());
  }

  /**
   * Text must be UTF-8 (RFC 3629): Jackson read encoded surrogates as "?", the overlong c0 af as "/",
   * code points past U+10FFFF as "??" (issue 10, item 9's "?"), in values and map keys alike. Now
   * every stage but fanout refuses them, read or skipped, each chunk of a string on its own.
   */
  @Test
  void textThatIsNotUtf8IsRefusedNamingTheCharacter() throws IOException {
    String prefix = "invalid CBOR: text that is not UTF-8: ";
    assertEquals("byte offset 3 (record seq 0): " + prefix + "expected a byte 0x80-0x9f after 0xed, found 0xa0",
        error("82 00 63 ed a0 80"));
    assertEquals("byte offset 3 (record seq 0): " + prefix + "expected the first byte of a UTF-8 character, found 0xc0",
        error("82 00 62 c0 af"));
    assertEquals("byte offset 3 (record seq 0): " + prefix + "expected a byte 0x80-0x8f after 0xf4, found 0x90",
        error("82 00 64 f4 90 80 80"));
    assertEquals("byte offset 4 (record seq 0): " + prefix + "expected the first byte of a UTF-8 character, found 0xc0",
        error("82 00 a1 62 c0 af 01"));
    assertEquals("byte offset 8 (record seq 5): " + prefix + "expected a byte 0x80-0xbf after 0xc3, found the end of"
        + " the text string", error("82 05 81 7f 62 41 42 61 c3 61 a9 ff"));
    byte[] skipped = Hex.decode("82 00 81 62 c0 af 82 01 00");
    RecordReader reader = new RecordReader(new ByteArrayInputStream(skipped));
    assertThrows(RecordFormatException.class, reader::next);
    assertEquals(6, new RecordFramer().frame(skipped, 0, skipped.length, 0)); // fanout passes text on unchecked
    reader = new RecordReader(new ByteArrayInputStream(Hex.decode("82 00 7f 62 c3 a9 63 e2 82 ac 64 f0 9f 98 80 ff")));
    assertTrue(reader.next());
    assertEquals("\u00e9\u20ac\ud83d\ude00", reader.readText()); // é € 😀, one chunk each
  }

  /** Records before a bad one are read, and the error is the framer's, thrown when it is reached. */
  @Test
  void recordsBeforeAnErrorAreReadFirst() throws IOException {
    RecordReader reader = new RecordReader(new ByteArrayInputStream(Hex.decode("82 00 01 82 01 02 82 02 f0")));
    assertTrue(reader.next());
    assertTrue(reader.next());
    assertEquals(1, reader.seq());
    RecordFormatException e = assertThrows(RecordFormatException.class, reader::next);
    assertEquals("byte offset 8 (record seq 2): unsupported CBOR: simple value 16; recpipe reads the simple"
        + " values false, true, null and undefined only", e.getMessage());
    assertEquals(6, reader.recordOffset());
  }

  private static String error(String hex) {
    return assertThrows(RecordFormatException.class, () -> {
      RecordReader reader = new RecordReader(new ByteArrayInputStream(Hex.decode(hex)));
      while (reader.next()) reader.readValue();
    }).getMessage();
  }

  private static byte[] record(long seq, Object value) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    RecordWriter writer = new RecordWriter(out);
    writer.write(new Record(seq, value));
    writer.flush();
    return out.toByteArray();
  }

  private static Map<String, Object> map(String k1, Object v1, String k2, Object v2) {
    Map<String, Object> map = new LinkedHashMap<>();
    map.put(k1, v1);
    map.put(k2, v2);
    return map;
  }

  private static void assertValue(Object expected, Object actual) {
    if (expected instanceof List<?> list && actual instanceof List<?> got && list.size() == got.size()) {
      for (int i = 0; i < list.size(); i++) assertValue(list.get(i), got.get(i));
    } else if (expected instanceof byte[] bytes) {
      assertArrayEquals(bytes, (byte[]) actual);
    } else {
      assertEquals(expected, actual);
    }
  }
}
