package dev.recpipe.common;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import dev.recpipe.common.GeneratedStreams.Ending;
import dev.recpipe.common.GeneratedStreams.Expected;
import dev.recpipe.common.GeneratedStreams.Stream;
import dev.recpipe.common.testing.Hex;
import dev.recpipe.common.testing.ThrottledInputStream;
import dev.recpipe.common.testing.Values;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The differential test of issue 10: on generated streams of valid CBOR, with every major type in
 * every encoding ({@link GeneratedStreams}), {@link RecordFramer} (fanout) and {@link RecordReader}
 * (every other stage, read as a Java object and token by token as writer reads) find the same
 * records, at the offsets the generator wrote them, with its seqs and the values it meant; and on
 * streams that end in a record they must refuse, they fail with the same message, at the place the
 * generator planted the fault, after the same records.
 *
 * <p>Seeded: a failure names its seed and the stream's bytes in hex. A failure found here is kept as
 * a case of its own, shrunk to its few bytes, in {@code RecordReaderTest} or {@code RecordFramerTest}.
 */
class DecodersAgreeTest {
  /** Streams per run: some 10 records each, a few seconds in all. */
  private static final int STREAMS = 2_000;
  private static final long SEED = 20261130;

  @Test
  void framerAndReaderReadGeneratedStreamsAsTheyWereWritten() throws IOException {
    for (int i = 0; i < STREAMS; i++) {
      long seed = SEED + i;
      Stream stream = new GeneratedStreams(new Random(seed)).next();
      check(stream, seed);
    }
  }

  private static void check(Stream stream, long seed) throws IOException {
    String what = "seed " + seed;
    Random chunks = new Random(seed);
    RecordFramerFuzzTest.Outcome framed = RecordFramerFuzzTest.frame(stream.bytes(), () -> stream.bytes().length);
    assertSame(expected(stream, false), framed.records(), stream, "framed (" + framed.error() + "), " + what);
    assertEquals(framed, RecordFramerFuzzTest.frame(stream.bytes(), () -> 1 + chunks.nextInt(20)), what);
    for (Way way : Way.values()) {
      Read read = read(stream.bytes(), way, seed);
      assertSame(framed.records(), read.records(), stream, way + " (" + read.error() + "), " + what);
      assertEquals(framed.error(), read.error(), () -> way + ", " + what + ": " + Hex.encode(stream.bytes()));
      if (way != Way.SKIP) assertSame(expected(stream, true), read.values(), stream, way + " (" + read.error() + "), " + what);
    }
    Ending ending = stream.ending();
    String error = framed.error() == null ? "" : framed.error().substring(framed.error().indexOf(": ") + 2);
    assertTrue(ending == null ? framed.error() == null
        : error.startsWith(ending.prefix()) && error.contains(ending.contains()),
        () -> "expected " + ending + ", got " + framed.error() + ", " + what + ": " + Hex.encode(stream.bytes()));
  }

  /** The lists are equal, or the message names the first record that differs, and its bytes. */
  private static void assertSame(List<String> expected, List<String> actual, Stream stream, String what) {
    for (int i = 0; i < Math.min(expected.size(), actual.size()); i++) {
      if (expected.get(i).equals(actual.get(i))) continue;
      long start = Long.parseLong(expected.get(i).split(" ")[0]);
      long end = i + 1 < expected.size() ? Long.parseLong(expected.get(i + 1).split(" ")[0]) : stream.bytes().length;
      byte[] record = Arrays.copyOfRange(stream.bytes(), (int) start, (int) end);
      assertEquals(expected.get(i), actual.get(i), what + ", record " + i + ": " + Hex.encode(record));
    }
    assertEquals(expected.size(), actual.size(), () -> what + ": " + expected.size() + " records expected, "
        + actual.size() + " found in " + Hex.encode(stream.bytes()));
  }

  /** The records the generator wrote, as "offset seq", or with values, "offset seq value". */
  private static List<String> expected(Stream stream, boolean values) {
    List<String> records = new ArrayList<>();
    for (Expected e : stream.records()) {
      records.add(e.offset() + " " + e.seq() + (values ? " " + Values.render(e.value()) : ""));
    }
    return records;
  }

  /** Records as "offset seq", their values as "offset seq value" where read, and the error, if any. */
  record Read(List<String> records, List<String> values, String error) {}

  /** The ways a stage reads values. */
  enum Way {
    SKIP, OBJECT, TOKENS
  }

  private static Read read(byte[] input, Way way, long seed) throws IOException {
    InputStream in = ThrottledInputStream.randomChunks(new ByteArrayInputStream(input), 1 + (int) (seed % 50), seed);
    RecordReader reader = new RecordReader(in);
    List<String> records = new ArrayList<>();
    List<String> values = new ArrayList<>();
    try {
      while (reader.next()) {
        String record = reader.recordOffset() + " " + reader.seq();
        records.add(record);
        if (way == Way.OBJECT) values.add(record + " " + Values.render(reader.readValue()));
        if (way == Way.TOKENS) values.add(record + " " + Values.render(tokens(reader.parser())));
      }
      return new Read(records, values, null);
    } catch (RecordFormatException e) {
      return new Read(records, values, e.getClass().getSimpleName() + ": " + e.getMessage());
    }
  }

  /** The value built from the parser's tokens, as writer reads it, the parser left on its last token. */
  private static Object tokens(JsonParser parser) throws IOException {
    JsonToken token = parser.currentToken();
    switch (token) {
      case START_ARRAY: {
        List<Object> list = new ArrayList<>();
        while (parser.nextToken() != JsonToken.END_ARRAY) list.add(tokens(parser));
        return list;
      }
      case START_OBJECT: {
        Map<String, Object> map = new LinkedHashMap<>();
        while (parser.nextToken() != JsonToken.END_OBJECT) {
          String key = parser.currentName();
          parser.nextToken();
          map.put(key, tokens(parser));
        }
        return map;
      }
      case VALUE_NUMBER_INT:
        if (parser.getNumberType() != JsonParser.NumberType.BIG_INTEGER) return parser.getLongValue();
        BigInteger big = parser.getBigIntegerValue();
        return big.bitLength() < 64 ? (Object) big.longValue() : big;
      case VALUE_NUMBER_FLOAT:
        return parser.getNumberType() == JsonParser.NumberType.BIG_DECIMAL
            ? parser.getDecimalValue() : (Object) parser.getDoubleValue();
      case VALUE_STRING:
        return parser.getText();
      case VALUE_EMBEDDED_OBJECT:
        return parser.getBinaryValue();
      case VALUE_TRUE:
        return true;
      case VALUE_FALSE:
        return false;
      case VALUE_NULL:
        return null;
      default:
        throw new AssertionError("a value starting with " + token);
    }
  }
}
