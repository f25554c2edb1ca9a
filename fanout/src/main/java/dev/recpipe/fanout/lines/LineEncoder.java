package dev.recpipe.fanout.lines;

import dev.recpipe.common.Limits;
import dev.recpipe.common.text.LineValue;
import dev.recpipe.common.text.TextBuffer;
import dev.recpipe.common.RecordReader;
import dev.recpipe.fanout.records.BatchEncoder;
import dev.recpipe.fanout.records.Chunk;
import dev.recpipe.fanout.records.UndealableRecordException;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.util.Arrays;

/**
 * The outlet's half of a {@link LineCodec}: each record of a batch as one line, as {@code writer -f
 * lines} writes it, and its seq noted in the lane's {@link DealtSeqs} for the line that answers it.
 *
 * <p>A record whose value is a text string (what {@code reader --lines} makes) is copied from its
 * bytes with no decoding: the framer has checked them for UTF-8 already. Any other value is decoded
 * and written as common's {@link dev.recpipe.common.text.LineValue} says (writer -f lines's rules). A value that can't be one line
 * is refused ({@link UndealableRecordException}), named by its seq: text with a line feed, as two
 * lines, would shift the answer of every record after it, and text ending in a CR would come back
 * without it, the CR read as half of a CRLF line end.
 */
final class LineEncoder implements BatchEncoder {
  private static final int ARRAY_OF_TWO = 0x82;
  private static final int MAJOR_UNSIGNED = 0;
  private static final int MAJOR_TEXT = 3;

  private final DealtSeqs seqs;

  LineEncoder(DealtSeqs seqs) {
    this.seqs = seqs;
  }

  @Override
  public ByteBuffer deal(Chunk batch) throws IOException {
    ByteBuffer lines = dealAgain(batch, 0); // first, so a refused record leaves nothing noted
    seqs.dealt(batch);
    return lines;
  }

  @Override
  public void restart() {
    seqs.clear();
  }

  @Override
  public ByteBuffer dealAgain(Chunk batch, int from) throws IOException {
    // a text record's line is at least 2 bytes shorter than the record: its 3 heads or more for one line feed
    Lines out = new Lines(batch.bytes().length - batch.start(from));
    for (int i = from; i < batch.records(); i++) {
      if (!copyText(batch, i, out)) {
        decode(batch, i, out);
        out.write('\n');
      }
    }
    return ByteBuffer.wrap(out.array(), 0, out.size());
  }

  /**
   * Copies record {@code i}'s text and its line feed if it is {@code [seq, text]} with definite
   * lengths; false if it is anything else.
   */
  private static boolean copyText(Chunk batch, int i, Lines out) throws UndealableRecordException {
    byte[] bytes = batch.bytes();
    int at = batch.start(i);
    int end = batch.start(i + 1);
    int seqHead = bytes[at + 1] & 0xff;
    if ((bytes[at] & 0xff) != ARRAY_OF_TWO || seqHead > 27) return false; // major 0 is 0x00-0x1b
    at += 1 + headLength(seqHead);
    if (at >= end) return false;
    int textHead = bytes[at] & 0xff;
    if (textHead >>> 5 != MAJOR_TEXT || (textHead & 0x1f) > 27) return false;
    int text = at + headLength(textHead);
    if (text + argument(bytes, at) != end) return false;
    for (int p = text; p < end; p++) {
      if (bytes[p] == '\n') throw hasLineFeed(batch, i);
    }
    if (end > text && bytes[end - 1] == '\r') throw endsInCarriageReturn(batch, i);
    if (end - text > Limits.MAX_ROW_BYTES) throw tooLong(batch, i, end - text);
    out.writeLine(bytes, text, end - text);
    return true;
  }

  /** Decodes records {@code i} and writes its value's line. */
  private static void decode(Chunk batch, int i, Lines out) throws IOException {
    int start = batch.start(i);
    RecordReader record = new RecordReader(new ByteArrayInputStream(batch.bytes(), start, batch.start(i + 1) - start));
    record.next();
    TextBuffer line = new TextBuffer(64);
    LineValue.write(record.parser(), line);
    for (int p = 0; p < line.size(); p++) {
      if (line.byteAt(p) == '\n') throw hasLineFeed(batch, i);
    }
    if (line.size() > 0 && line.byteAt(line.size() - 1) == '\r') throw endsInCarriageReturn(batch, i);
    if (line.size() > Limits.MAX_ROW_BYTES) throw tooLong(batch, i, line.size());
    line.writeTo(out);
  }

  private static UndealableRecordException hasLineFeed(Chunk batch, int i) {
    return new UndealableRecordException(batch, i,
        "text with a line feed can't be one line for a --lines worker (it would read two, and every later"
            + " line would get the wrong seq); make it one line first, or use a record worker");
  }

  private static UndealableRecordException endsInCarriageReturn(Chunk batch, int i) {
    return new UndealableRecordException(batch, i,
        "text ending in a carriage return can't be one line for a --lines worker (its CR would be read back as"
            + " part of a CRLF line end, and dropped); take the CR off first, or use a record worker");
  }

  /**
   * A line longer than the worker's answer may be: dealt, it failed the run blaming the worker, whose
   * line it was not ('worker 1 (cat):1: line longer than 8388592 bytes'). A value's JSON can be
   * longer than its record (an array of small integers, a bignum, a byte string in base64).
   */
  private static UndealableRecordException tooLong(Chunk batch, int i, long length) {
    return new UndealableRecordException(batch, i, "its line, " + length + " bytes, is longer than a --lines worker's"
        + " line may be (" + Limits.MAX_ROW_BYTES + " bytes); use a record worker");
  }

  /** The bytes of a head whose additional information is at most 27. */
  private static int headLength(int head) {
    int info = head & 0x1f;
    return info < 24 ? 1 : 1 + (1 << (info - 24));
  }

  /** The argument of a text head at {@code at}: its length; -1 for one that can't be this record's. */
  private static long argument(byte[] bytes, int at) {
    int info = bytes[at] & 0x1f;
    if (info < 24) return info;
    long value = 0;
    for (int k = 1; k < headLength(bytes[at]); k++) value = value << 8 | (bytes[at + k] & 0xff);
    return value < 0 ? -1 : value;
  }

  /**
   * The lines of a batch: a byte array output stream without its locks (two a record were a tenth of
   * the encoder's time under C1), whose array is read without a copy.
   */
  private static final class Lines extends OutputStream {
    private byte[] bytes;
    private int size;

    Lines(int capacity) {
      bytes = new byte[Math.max(16, capacity)];
    }

    @Override
    public void write(int b) {
      if (size == bytes.length) grow(1);
      bytes[size++] = (byte) b;
    }

    /** Appends {@code length} bytes and a line feed. */
    void writeLine(byte[] from, int offset, int length) {
      if (length >= bytes.length - size) grow(length + 1); // a decoded line may be longer than its record
      System.arraycopy(from, offset, bytes, size, length);
      size += length;
      bytes[size++] = '\n';
    }

    @Override
    public void write(byte[] from, int offset, int length) {
      if (length > bytes.length - size) grow(length);
      System.arraycopy(from, offset, bytes, size, length);
      size += length;
    }

    private void grow(int more) {
      bytes = Arrays.copyOf(bytes, Math.max(bytes.length * 2, size + more));
    }

    byte[] array() {
      return bytes;
    }

    int size() {
      return size;
    }
  }
}
