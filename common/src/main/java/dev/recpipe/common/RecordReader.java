package dev.recpipe.common;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.dataformat.cbor.CBORFactory;
import com.fasterxml.jackson.dataformat.cbor.CBORParser;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads a record stream: a CBOR Sequence of {@code [seq, value]} arrays (docs/FORMAT.md).
 *
 * <p>What it reads is what docs/FORMAT.md says recpipe reads, indefinite lengths, bignums and tags
 * of any number included, so records written by any CBOR library work. Each record is first framed
 * whole by a {@link RecordFramer}, as fanout frames it, so the two accept the same records with the
 * same errors, which name a byte offset and seq; then Jackson's {@link CBORParser} decodes the value.
 *
 * <p>Two ways to read a value. {@link #readValue()} builds a plain Java object. Hot paths stream
 * instead: after {@link #next()} the {@link #parser()} stands on the value's first token; read the
 * value's tokens and leave the parser on its last one (its {@code END_ARRAY} for an array). A value
 * left unread is skipped by the next call to {@code next()}.
 *
 * <pre>{@code
 * RecordReader records = new RecordReader(System.in);
 * while (records.next()) {
 *   long seq = records.seq();
 *   Object value = records.readValue();
 * }
 * }</pre>
 *
 * <p>Does not close {@code in}: the caller owns it.
 */
public final class RecordReader implements Closeable {
  /**
   * Jackson's limits, set to recpipe's (see {@link Limits}): the framer has checked every record
   * against those before the parser sees it, so none of Jackson's is met first. Its defaults were
   * lower (numbers of 1000 digits or bytes, map keys of 50000), so a bignum reader wrote could not
   * be read back.
   */
  private static final StreamReadConstraints CONSTRAINTS = StreamReadConstraints.builder()
      .maxNumberLength(Limits.MAX_RECORD_BYTES)
      .maxStringLength(Limits.MAX_RECORD_BYTES)
      .maxNameLength(Limits.MAX_RECORD_BYTES)
      .maxNestingDepth(Limits.MAX_DEPTH)
      .maxDocumentLength(-1) // a stream: records without end
      .maxTokenCount(-1)
      .build();
  private static final CBORFactory FACTORY = new UnsignedBignumCbor(
      CBORFactory.builder()
          .disable(StreamReadFeature.AUTO_CLOSE_SOURCE)
          .enable(CBORParser.Feature.DECODE_USING_STANDARD_NEGATIVE_BIGINT_ENCODING)
          .streamReadConstraints(CONSTRAINTS));

  private final CBORParser parser;
  private final FramedInput input;
  private long seq = -1;
  private boolean valuePending;

  public RecordReader(InputStream in) {
    try {
      this.input = new FramedInput(in);
      this.parser = (CBORParser) FACTORY.createParser(input);
    } catch (IOException e) {
      throw new IllegalStateException("unreachable: creating a parser does no I/O", e);
    }
  }

  /**
   * Advances to the next record and returns true, or returns false at the clean end of the stream:
   * end of input exactly between two records.
   *
   * @throws RecordFormatException the input is not a record stream or ends inside a record
   */
  public boolean next() throws IOException {
    try {
      if (valuePending) {
        parser.skipChildren();
      }
      if (seq >= 0) {
        framed(parser.nextToken() == JsonToken.END_ARRAY);
      }
      valuePending = false;
      if (!input.next()) return false;
      seq = input.seq();
      framed(parser.nextToken() == JsonToken.START_ARRAY);
      framed(parser.nextToken() == JsonToken.VALUE_NUMBER_INT);
      framed(parser.nextToken() != JsonToken.END_ARRAY);
      valuePending = true;
      return true;
    } catch (JsonProcessingException e) {
      throw invalid(e);
    }
  }

  /** The parser finds what the framer found: a record, an array [seq, value]. */
  private static void framed(boolean asFramed) {
    if (!asFramed) throw new IllegalStateException("unreachable: Jackson reads a record otherwise than the framer");
  }

  /** The current record's seq. */
  public long seq() {
    if (seq < 0) throw new IllegalStateException("next() has not returned true");
    return seq;
  }

  /** Where the current record starts in the input, counted from 0. */
  public long recordOffset() {
    return input.recordOffset();
  }

  /**
   * The parser, standing on the current value's first token. For streaming consumers; see the class
   * comment for the protocol.
   */
  public JsonParser parser() {
    valuePending = false;
    return parser;
  }

  /**
   * Reads the current value as a plain Java object: integers as {@link Long} where they fit, else
   * {@link java.math.BigInteger}; floats as {@link Double}, decimal fractions (tag 4) as {@link
   * java.math.BigDecimal}; text as {@link String}; byte strings as {@code byte[]}; arrays as {@link
   * List}; maps as {@link Map} with String keys, an integer key as its decimal text (of keys that read
   * the same, the last is kept); booleans; null, for undefined too.
   */
  public Object readValue() throws IOException {
    if (!valuePending) throw new IllegalStateException("the value was already read");
    valuePending = false;
    try {
      return readValue(parser.currentToken());
    } catch (JsonProcessingException e) {
      throw invalid(e);
    }
  }

  /**
   * Streams the current value, which must be an array of integers, into {@code sink}: the hot path
   * of stages like summer, with no allocation per integer.
   *
   * @throws RecordFormatException the value is something else; the message names the record's seq
   *     and byte offset, e.g. {@code record seq 7 (byte offset 4): expected an array of integers,
   *     found a text string}
   */
  public void readIntegers(IntegerSink sink) throws IOException {
    if (!valuePending) throw new IllegalStateException("the value was already read");
    valuePending = false;
    try {
      JsonToken token = parser.currentToken();
      if (token != JsonToken.START_ARRAY) throw notIntegers(token);
      for (token = parser.nextToken(); token != JsonToken.END_ARRAY; token = parser.nextToken()) {
        if (token != JsonToken.VALUE_NUMBER_INT) throw notIntegers(token);
        if (parser.getNumberType() == JsonParser.NumberType.BIG_INTEGER) {
          sink.add(parser.getBigIntegerValue());
        } else {
          sink.add(parser.getLongValue());
        }
      }
    } catch (JsonProcessingException e) {
      throw invalid(e);
    }
  }

  private RecordFormatException notIntegers(JsonToken found) {
    return unexpectedValue("an array of integers",
        found == JsonToken.START_ARRAY ? "an array inside the array" : Tokens.describe(found));
  }

  /**
   * Reads the current value, which must be a text string.
   *
   * @throws RecordFormatException the value is something else; the message names the record's seq
   *     and byte offset
   */
  public String readText() throws IOException {
    if (!valuePending) throw new IllegalStateException("the value was already read");
    try {
      JsonToken token = parser.currentToken();
      if (token != JsonToken.VALUE_STRING) throw unexpectedValue("a text string", Tokens.describe(token));
      valuePending = false;
      return parser.getText();
    } catch (JsonProcessingException e) {
      throw invalid(e);
    }
  }

  private RecordFormatException unexpectedValue(String expected, String found) {
    return new RecordFormatException(
        Location.ofRecord(seq, recordOffset()), "expected " + expected + ", found " + found);
  }

  /** Reads the current record whole. */
  public Record readRecord() throws IOException {
    return new Record(seq(), readValue());
  }

  private Object readValue(JsonToken token) throws IOException {
    switch (token) {
      case VALUE_NUMBER_INT:
        return readInteger();
      case VALUE_NUMBER_FLOAT:
        return parser.getNumberType() == JsonParser.NumberType.BIG_DECIMAL
            ? parser.getDecimalValue()
            : parser.getDoubleValue();
      case VALUE_STRING:
        return parser.getText();
      case VALUE_EMBEDDED_OBJECT:
        return parser.getBinaryValue();
      case VALUE_TRUE:
        return Boolean.TRUE;
      case VALUE_FALSE:
        return Boolean.FALSE;
      case VALUE_NULL:
        return null;
      case START_ARRAY:
        List<Object> list = new ArrayList<>();
        for (JsonToken t = parser.nextToken(); t != JsonToken.END_ARRAY; t = parser.nextToken()) {
          list.add(readValue(t));
        }
        return list;
      case START_OBJECT:
        Map<String, Object> map = new LinkedHashMap<>();
        for (JsonToken t = parser.nextToken(); t != JsonToken.END_OBJECT; t = parser.nextToken()) {
          String key = parser.currentName();
          map.put(key, readValue(parser.nextToken()));
        }
        return map;
      default:
        throw new IllegalStateException("unreachable: a value starts with " + token);
    }
  }

  private Object readInteger() throws IOException {
    if (parser.getNumberType() != JsonParser.NumberType.BIG_INTEGER) return parser.getLongValue();
    BigInteger big = parser.getBigIntegerValue();
    return big.bitLength() < 64 ? (Object) big.longValue() : big;
  }

  /** Bytes consumed so far. */
  public long position() {
    return parser.currentLocation().getByteOffset();
  }

  /**
   * Turns an exception a streaming consumer got from {@link #parser()} into the error this reader
   * would have thrown, with its byte offset and the record's seq. Other exceptions are returned as
   * they are.
   */
  public IOException translate(IOException e) {
    if (e instanceof JsonProcessingException) return invalid((JsonProcessingException) e);
    return e;
  }

  /**
   * Jackson finding fault with a record the framer passed, which no test has seen it do: the framer
   * checks what Jackson checks, and Jackson's limits are above recpipe's. If it ever does, the error
   * still names its offset and the record.
   */
  private RecordFormatException invalid(JsonProcessingException e) {
    long at = e.getLocation() != null
        ? e.getLocation().getByteOffset()
        : parser.currentTokenLocation().getByteOffset();
    String what = e instanceof StreamConstraintsException ? "" : "invalid CBOR: ";
    return new RecordFormatException(Location.atByte(at).inRecord(seq), what + e.getOriginalMessage(), e);
  }

  @Override
  public void close() throws IOException {
    parser.close();
  }
}
