package dev.recpipe.common;

import com.fasterxml.jackson.core.JsonParser;
import dev.recpipe.common.CommonShapeDecoder.Shape;
import java.io.IOException;
import java.io.InputStream;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Reads a record stream as {@link RecordReader} does, the same records, values and errors, but
 * decodes the shapes most stages read, {@code [seq, [integers]]}, {@code [seq, "text"]} and {@code
 * [seq, integer]}, straight from the bytes ({@link CommonShapeDecoder}). At the first record of any other shape, or
 * that is not well-formed, or ends the input early, it hands the rest of the stream to a
 * RecordReader and reads through it from there on: every odd case is RecordReader's to decide.
 *
 * <p>Why: a {@code fanout} worker is a JVM that starts, reads its share, and exits. RecordReader's
 * Jackson parser costs such a worker more than its share of the work: its classes, loaded at start,
 * and its general decoding code, run in the interpreter until the JIT gets to it. Most workers read
 * only the common shapes, and never load Jackson at all.
 *
 * <pre>{@code
 * FastRecordReader records = new FastRecordReader(System.in);
 * while (records.next()) {
 *   records.readIntegers(sum); // or readText(), or readValue() for any value
 * }
 * }</pre>
 *
 * <p>A record of a common shape is decoded whole before {@link #next()} returns, so a value that
 * turns out malformed part-way goes to RecordReader before the stage sees any of it. Memory: a
 * 64 KiB window on the input, grown to hold a record of up to 1 MiB (larger ones are RecordReader's,
 * which streams them), and its integers; the record before stays in the window too, for a hand-over
 * to start at. Does not close {@code in}.
 */
public final class FastRecordReader {
  private static final int READ_SIZE = 64 * 1024;

  private final InputStream in;
  private final CommonShapeDecoder record = new CommonShapeDecoder();
  private byte[] window = new byte[READ_SIZE + CommonShapeDecoder.SLACK];
  /** Where in the window the current record starts, and where the next one does. */
  private int recordPosition;
  private int position;
  private int limit;
  /** The offset of {@code window[0]} in the input. */
  private long windowOffset;
  private boolean ended;
  private boolean started;
  private boolean valuePending;
  /** Set once RecordReader reads the rest of the stream. */
  private RecordReader handedOver;

  public FastRecordReader(InputStream in) {
    this.in = in;
  }

  /**
   * Advances to the next record and returns true, or returns false at the clean end of the stream.
   *
   * @throws RecordFormatException the input is not a record stream or ends inside a record
   */
  public boolean next() throws IOException {
    if (handedOver != null) return handedOver.next();
    valuePending = false;
    int decodeAt = 1; // doubles with each try that needs more bytes: reads of any size cost no more than one
    while (true) {
      int available = limit - position;
      if (available >= decodeAt || available > CommonShapeDecoder.MAX_RECORD || ended) {
        int end = available > 0 ? record.decode(window, position, limit) : CommonShapeDecoder.NEED_MORE;
        if (end >= 0) {
          recordPosition = position;
          position = end;
          started = true;
          valuePending = true;
          return true;
        }
        if (ended && available == 0) return false; // the clean end, between two records
        if (end == CommonShapeDecoder.OTHER || ended || available > CommonShapeDecoder.MAX_RECORD) {
          return handOver(position).next(); // RecordReader reads it, or says what is wrong with it
        }
        decodeAt = 2 * available;
      }
      fill();
    }
  }

  /** The current record's seq. */
  public long seq() {
    if (handedOver != null) return handedOver.seq();
    if (!started) throw notStarted(); // a method of its own: C1 compiles this one into its callers
    return record.seq;
  }

  private static IllegalStateException notStarted() {
    return new IllegalStateException("next() has not returned true");
  }

  /** Where the current record starts in the input, counted from 0. */
  public long recordOffset() {
    if (handedOver != null) return handedOver.recordOffset();
    return started ? windowOffset + recordPosition : -1;
  }

  /** The current value as a plain Java object, as {@link RecordReader#readValue()} returns it. */
  public Object readValue() throws IOException {
    if (handedOver != null) return handedOver.readValue();
    takeValue();
    if (record.shape == Shape.INTEGER) return record.integer;
    if (record.shape == Shape.TEXT) {
      String text = text();
      return text != null ? text : handOverCurrent().readValue();
    }
    List<Object> list = new ArrayList<>(record.count);
    for (int i = 0; i < record.count; i++) list.add(integerObject(i));
    return list;
  }

  /**
   * Streams the current value, which must be an array of integers, into {@code sink}, as {@link
   * RecordReader#readIntegers} does.
   */
  public void readIntegers(IntegerSink sink) throws IOException {
    if (handedOver != null) {
      handedOver.readIntegers(sink);
      return;
    }
    takeValue();
    if (record.shape != Shape.INTEGERS) { // RecordReader says what it is instead
      handOverCurrent().readIntegers(sink);
      return;
    }
    long[] integers = record.integers;
    BigInteger[] bigs = record.bigs;
    int count = record.count;
    if (bigs == null) {
      sink.addAll(integers, count);
      return;
    }
    for (int i = 0; i < count; i++) {
      if (bigs[i] != null) {
        sink.add(bigs[i]);
      } else {
        sink.add(integers[i]);
      }
    }
  }

  /** The current value, which must be a text string, as {@link RecordReader#readText()} reads it. */
  public String readText() throws IOException {
    if (handedOver != null) return handedOver.readText();
    if (!valuePending) throw new IllegalStateException("the value was already read");
    String text = record.shape == Shape.TEXT ? text() : null;
    if (text == null) return handOverCurrent().readText();
    valuePending = false;
    return text;
  }

  /**
   * Reads the current value, a text string that {@link #hasText()} said is decoded here, as its
   * UTF-8 bytes where they lie: {@code textBytes()[textOffset(), textOffset() + textLength())},
   * valid until the next call to {@link #next()}. The bytes are well-formed UTF-8 (the decoder
   * checked them), so a stage that writes the text out as bytes needs no String, nor a second check.
   */
  public void readTextBytes() {
    if (!hasText()) throw new IllegalStateException("the value is not a text decoded here, or was read");
    valuePending = false;
  }

  /** The array that holds the text {@link #readTextBytes()} read. */
  public byte[] textBytes() {
    return window;
  }

  /** Where the text {@link #readTextBytes()} read starts in {@link #textBytes()}. */
  public int textOffset() {
    return record.textFrom;
  }

  /** The length in bytes of the text {@link #readTextBytes()} read. */
  public int textLength() {
    return record.textLength;
  }

  /** Whether the current value, not read yet, is an integer that {@link #readInteger()} reads. */
  public boolean hasInteger() {
    return handedOver == null && valuePending && record.shape == Shape.INTEGER;
  }

  /** Whether the current value, not read yet, is a text string that {@link #readText()} reads here, without RecordReader. */
  public boolean hasText() {
    return handedOver == null && valuePending && record.shape == Shape.TEXT;
  }

  /** The current value, an integer within a long: after {@link #hasInteger()} said so. */
  public long readInteger() {
    if (!hasInteger()) throw new IllegalStateException("the value is not an integer decoded here, or was read");
    valuePending = false;
    return record.integer;
  }

  /**
   * The parser of a {@link RecordReader} standing on the current value's first token, as {@link
   * RecordReader#parser()}: for a consumer that streams values of every kind. It reads the rest of
   * the stream: from here on this reader is RecordReader, at its speed.
   */
  public JsonParser parser() throws IOException {
    if (handedOver != null) return handedOver.parser();
    takeValue();
    return handOverCurrent().parser();
  }

  /** As {@link RecordReader#translate}, for an exception got from {@link #parser()}. */
  public IOException translate(IOException e) {
    return handedOver != null ? handedOver.translate(e) : e;
  }

  /** Whether RecordReader reads the stream now: for tests, which check that the fast path is taken. */
  boolean handedOver() {
    return handedOver != null;
  }

  /**
   * The current text, or null unless it is well-formed UTF-8, for RecordReader to decide what such
   * bytes are. The JDK's decoder puts U+FFFD for what is not; a U+FFFD that was in the text encodes
   * back to the same bytes, one that stands for bad bytes does not.
   */
  private String text() {
    int from = record.textFrom;
    int to = from + record.textLength;
    String text = new String(window, from, to - from, StandardCharsets.UTF_8);
    if (text.indexOf('\uFFFD') < 0) return text;
    byte[] again = text.getBytes(StandardCharsets.UTF_8);
    return Arrays.equals(again, 0, again.length, window, from, to) ? text : null;
  }

  /** As RecordReader's readValue: integers beyond 64 bits as BigInteger, others as Long. */
  private Object integerObject(int i) {
    BigInteger big = record.bigs != null ? record.bigs[i] : null;
    if (big == null) return record.integers[i];
    return big.bitLength() < 64 ? (Object) big.longValue() : big;
  }

  private void takeValue() {
    if (!valuePending) throw new IllegalStateException("the value was already read");
    valuePending = false;
  }

  /** RecordReader, from the current record on, standing where this reader stood: on its value. */
  private RecordReader handOverCurrent() throws IOException {
    RecordReader reader = handOver(recordPosition);
    if (!reader.next()) throw new IllegalStateException("a record decoded here vanished on the hand-over");
    return reader;
  }

  /**
   * RecordReader, reading the input from the record at {@code window[from]} on. For the record after
   * the current one, it starts at the current one and reads it again: then its parser is in the state
   * the reference's would be in, which some of Jackson's messages name ("... for `JsonToken.END_ARRAY`").
   */
  private RecordReader handOver(int from) throws IOException {
    boolean afterCurrent = started && from == position;
    int start = afterCurrent ? recordPosition : from;
    handedOver = new RecordReader(new StreamTail(window, start, limit, ended ? null : in, windowOffset + start));
    if (afterCurrent) handedOver.next();
    return handedOver;
  }

  /** Reads more input after {@code limit}, or sets {@code ended}. */
  private void fill() throws IOException {
    if (window.length - CommonShapeDecoder.SLACK - limit < READ_SIZE / 2) makeRoom();
    int read;
    do {
      read = in.read(window, limit, window.length - CommonShapeDecoder.SLACK - limit);
    } while (read == 0);
    if (read < 0) {
      ended = true;
    } else {
      limit += read;
    }
  }

  /**
   * Moves the current record and the bytes after it to the window's start, into a larger window if
   * they fill most of it. The current record stays for a hand-over to start at.
   */
  private void makeRoom() {
    int from = started ? recordPosition : position;
    int kept = limit - from;
    byte[] target = window;
    if (window.length - CommonShapeDecoder.SLACK - kept < READ_SIZE / 2) {
      target = new byte[Math.max(2 * window.length, kept + READ_SIZE) + CommonShapeDecoder.SLACK];
    }
    System.arraycopy(window, from, target, 0, kept);
    window = target;
    windowOffset += from;
    recordPosition -= from;
    position -= from;
    limit = kept;
  }
}
