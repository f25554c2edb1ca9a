package dev.recpipe.common;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.core.exc.StreamReadException;
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
 * <p>Any valid CBOR is accepted, indefinite lengths and bignums included, so records written by any
 * CBOR library work. Decoding is Jackson's {@link CBORParser}; this class adds the record framing and
 * errors that name a byte offset and seq.
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
  private static final CBORFactory FACTORY = new UnsignedBignumCbor(
      CBORFactory.builder()
          .disable(StreamReadFeature.AUTO_CLOSE_SOURCE)
          .enable(CBORParser.Feature.DECODE_USING_STANDARD_NEGATIVE_BIGINT_ENCODING));
  private static final BigInteger LONG_MAX = BigInteger.valueOf(Long.MAX_VALUE);

  private final CBORParser parser;
  private final CountingInputStream input;
  private long seq = -1;
  private long recordStart = -1;
  private boolean valuePending;
  private boolean seqRead;

  public RecordReader(InputStream in) {
    try {
      this.input = new CountingInputStream(in);
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
        expect(parser.nextToken() == JsonToken.END_ARRAY, "a record with exactly two elements [seq, value]");
      }
      valuePending = false;
      // Before the first token: a cut inside its head is reported as a record truncated here
      recordStart = position();
      JsonToken token = nextRecordToken();
      if (token == null) return false;
      seqRead = false;
      expect(token == JsonToken.START_ARRAY, "a record, an array [seq, value]");
      seq = readSeq();
      seqRead = true;
      expect(parser.nextToken() != JsonToken.END_ARRAY, "a record with exactly two elements [seq, value]");
      valuePending = true;
      return true;
    } catch (JsonProcessingException e) {
      throw invalid(e);
    }
  }

  /** The first token of the next record; an abort mark there means an upstream stage failed. */
  private JsonToken nextRecordToken() throws IOException {
    try {
      return parser.nextToken();
    } catch (StreamReadException e) {
      // At the root, Jackson's only complaint about a 0xff byte is a break out of place: the mark.
      if (e.getMessage() != null && e.getMessage().contains("(0xFF)")) {
        throw new UpstreamFailedException(e.getLocation().getByteOffset() - 1);
      }
      throw e;
    }
  }

  private long readSeq() throws IOException {
    JsonToken token = parser.nextToken();
    expect(token == JsonToken.VALUE_NUMBER_INT, "an unsigned integer seq");
    if (parser.getNumberType() == JsonParser.NumberType.BIG_INTEGER) {
      BigInteger big = parser.getBigIntegerValue();
      expect(big.signum() >= 0 && big.compareTo(LONG_MAX) <= 0, "a seq from 0 to 2^63-1");
      return big.longValue();
    }
    long value = parser.getLongValue();
    expect(value >= 0, "an unsigned integer seq");
    return value;
  }

  /** The current record's seq. */
  public long seq() {
    if (seq < 0) throw new IllegalStateException("next() has not returned true");
    return seq;
  }

  /** Where the current record starts in the input, counted from 0. */
  public long recordOffset() {
    return recordStart;
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
   * {@link java.math.BigInteger}; floats as {@link Double}; text as {@link String}; byte strings as
   * {@code byte[]}; arrays as {@link List}; maps as {@link Map} with String keys; booleans; null.
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
        "record seq " + seq + " (byte offset " + recordStart + "): expected " + expected + ", found " + found,
        recordStart);
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
        throw new RecordFormatException(
            "unsupported CBOR item " + token + " in record seq " + seq, position());
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

  private void expect(boolean condition, String expected) throws RecordFormatException {
    if (condition) return;
    long at = parser.currentTokenLocation().getByteOffset();
    String found = Tokens.describe(parser.currentToken());
    String where = seqRead && at > recordStart ? " (record seq " + seq + ")" : "";
    throw new RecordFormatException(
        "byte offset " + at + where + ": expected " + expected + ", found " + found, at);
  }

  /**
   * Turns an exception a streaming consumer got from {@link #parser()} into the error this reader
   * would have thrown: truncation or invalid CBOR, with its byte offset. Other exceptions are
   * returned as they are.
   */
  public IOException translate(IOException e) {
    if (e instanceof JsonProcessingException) return invalid((JsonProcessingException) e);
    return e;
  }

  private RecordFormatException truncated(JsonProcessingException e) {
    long end = input.count();
    return new RecordFormatException(
        "truncated record at byte offset " + recordStart + ": input ends at byte offset " + end
            + " inside it",
        recordStart,
        e);
  }

  /**
   * A cut is an error met once the input has ended, whatever Jackson calls it: some cuts it reports
   * as parse errors ("missed 1 before end-of-input"), and some parse errors, a text chunk ending
   * inside a character, as an end of input. Well-formed items beyond the parser's limits (nesting
   * depth, key length) are no CBOR error, but the stream is still unreadable here.
   */
  private RecordFormatException invalid(JsonProcessingException e) {
    if (input.ended()) return truncated(e);
    long at = e.getLocation() != null
        ? e.getLocation().getByteOffset()
        : parser.currentTokenLocation().getByteOffset();
    String what = e instanceof StreamConstraintsException ? "" : "invalid CBOR: ";
    return new RecordFormatException("byte offset " + at + ": " + what + e.getOriginalMessage(), at, e);
  }

  @Override
  public void close() throws IOException {
    parser.close();
  }
}
