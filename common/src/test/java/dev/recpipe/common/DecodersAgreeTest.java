package dev.recpipe.common;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import dev.recpipe.common.GeneratedStreams.Ending;
import dev.recpipe.common.GeneratedStreams.Expected;
import dev.recpipe.common.GeneratedStreams.Stream;
import dev.recpipe.common.testing.ThrottledInputStream;
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
import java.util.function.IntSupplier;
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
    Outcome expected = expected(stream);
    Outcome framed = frame(stream.bytes(), () -> stream.bytes().length);
    assertSame(expected.records(), framed.records(), stream, "framed (" + framed.error() + "), " + what);
    assertEquals(framed, frame(stream.bytes(), () -> 1 + chunks.nextInt(20)), what);
    for (Way way : Way.values()) {
      Outcome read = read(stream.bytes(), way, seed);
      assertSame(framed.records(), read.records(), stream, way + " (" + read.error() + "), " + what);
      assertEquals(framed.error(), read.error(), () -> way + ", " + what + ": " + GeneratedStreams.hex(stream.bytes()));
      if (way != Way.SKIP) assertSame(expected.values(), read.values(), stream, way + " (" + read.error() + "), " + what);
    }
    Ending ending = stream.ending();
    String error = framed.error() == null ? "" : framed.error();
    assertTrue(ending == null ? framed.error() == null
        : error.startsWith(ending.prefix()) && error.contains(ending.contains()),
        () -> "expected " + ending + ", got " + framed.error() + ", " + what + ": " + GeneratedStreams.hex(stream.bytes()));
  }

  /** The lists are equal, or the message names the first record that differs, and its bytes. */
  private static void assertSame(List<String> expected, List<String> actual, Stream stream, String what) {
    for (int i = 0; i < Math.min(expected.size(), actual.size()); i++) {
      if (expected.get(i).equals(actual.get(i))) continue;
      long start = Long.parseLong(expected.get(i).split(" ")[0]);
      long end = i + 1 < expected.size() ? Long.parseLong(expected.get(i + 1).split(" ")[0]) : stream.bytes().length;
      byte[] record = Arrays.copyOfRange(stream.bytes(), (int) start, (int) end);
      assertEquals(expected.get(i), actual.get(i), what + ", record " + i + ": " + GeneratedStreams.hex(record));
    }
    assertEquals(expected.size(), actual.size(), () -> what + ": " + expected.size() + " records expected, "
        + actual.size() + " found in " + GeneratedStreams.hex(stream.bytes()));
  }

  /** Records as "offset seq", their values as "offset seq value" where read, and the error's message, if any. */
  record Outcome(List<String> records, List<String> values, String error) {}

  private static Outcome expected(Stream stream) {
    List<String> records = new ArrayList<>();
    List<String> values = new ArrayList<>();
    for (Expected e : stream.records()) {
      records.add(e.offset() + " " + e.seq());
      values.add(e.offset() + " " + e.seq() + " " + render(e.value()));
    }
    return new Outcome(records, values, null);
  }

  /** As fanout frames: the whole buffer, or the bytes arriving a chunk at a time. */
  private static Outcome frame(byte[] input, IntSupplier chunk) {
    RecordFramer framer = new RecordFramer();
    byte[] buffer = new byte[input.length];
    Arrays.fill(buffer, (byte) 0x1c);
    List<String> records = new ArrayList<>();
    int start = 0;
    int limit = 0;
    try {
      while (start < input.length) {
        int length = framer.frame(buffer, start, limit, start);
        if (length > 0) {
          records.add(start + " " + framer.seq());
          start += length;
        } else if (limit < input.length) {
          int more = Math.min(chunk.getAsInt(), input.length - limit);
          System.arraycopy(input, limit, buffer, limit, more);
          limit += more;
        } else {
          return new Outcome(records, records, "truncated record at byte offset " + start
              + ": input ends at byte offset " + input.length + " inside it");
        }
      }
      return new Outcome(records, records, null);
    } catch (RecordFormatException e) {
      return new Outcome(records, records, e.getMessage());
    }
  }

  /** The ways a stage reads values. */
  enum Way {
    SKIP, OBJECT, TOKENS
  }

  private static Outcome read(byte[] input, Way way, long seed) throws IOException {
    InputStream in = ThrottledInputStream.randomChunks(new ByteArrayInputStream(input), 1 + (int) (seed % 50), seed);
    RecordReader reader = new RecordReader(in);
    List<String> records = new ArrayList<>();
    List<String> values = new ArrayList<>();
    try {
      while (reader.next()) {
        String record = reader.recordOffset() + " " + reader.seq();
        records.add(record);
        if (way == Way.OBJECT) values.add(record + " " + render(reader.readValue()));
        if (way == Way.TOKENS) values.add(record + " " + render(tokens(reader.parser())));
      }
      return new Outcome(records, values, null);
    } catch (RecordFormatException e) {
      return new Outcome(records, values, e.getMessage());
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

  /** A value as text that tells the types apart, byte strings in hex, map keys in order. */
  static String render(Object value) {
    if (value instanceof byte[] bytes) return "h'" + GeneratedStreams.hex(bytes) + "'";
    if (value instanceof List<?> list) {
      List<String> items = new ArrayList<>();
      for (Object item : list) items.add(render(item));
      return items.toString();
    }
    if (value instanceof Map<?, ?> map) {
      List<String> pairs = new ArrayList<>();
      for (Map.Entry<?, ?> pair : map.entrySet()) pairs.add(render(pair.getKey()) + ": " + render(pair.getValue()));
      return "{" + String.join(", ", pairs) + "}";
    }
    if (value instanceof String text) return '"' + text.codePoints().mapToObj(c -> c < 0x20 || c > 0x7e
        ? String.format("\\u{%x}", c) : Character.toString(c)).reduce("", String::concat) + '"';
    if (value instanceof Double d) return "Double " + Double.doubleToLongBits(d) + " " + d;
    return value == null ? "null" : value.getClass().getSimpleName() + " " + value;
  }
}
