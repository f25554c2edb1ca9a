package dev.recpipe.common;

import java.io.IOException;
import java.io.InputStream;

/**
 * The rest of a stream, from byte offset {@link #offset()} on: the bytes a reader had buffered
 * past that point, then the stream itself. How {@link FastRecordReader} hands a stream over to
 * {@link RecordReader} part-way: {@link CountingInputStream} starts counting at the offset, so every
 * offset RecordReader reports counts from the start of the whole stream, as if it had read it all.
 *
 * <p>Does not close the stream.
 */
final class StreamTail extends InputStream {
  private final byte[] buffered;
  private int position;
  private final int limit;
  private final InputStream rest;
  private final long offset;

  /**
   * {@code buffered[from, limit)} then {@code rest}, or nothing more when {@code rest} is null (it
   * has ended: a terminal would wait for a second end of input).
   */
  StreamTail(byte[] buffered, int from, int limit, InputStream rest, long offset) {
    if (from < 0 || from > limit || limit > buffered.length) {
      throw new IndexOutOfBoundsException("from " + from + ", limit " + limit + " in " + buffered.length);
    }
    this.buffered = buffered;
    this.position = from;
    this.limit = limit;
    this.rest = rest;
    this.offset = offset;
  }

  /** Where in the whole stream this tail starts. */
  long offset() {
    return offset;
  }

  /** The offset a stream starts at: a tail's, else 0. */
  static long offsetOf(InputStream in) {
    return in instanceof StreamTail ? ((StreamTail) in).offset : 0;
  }

  @Override
  public int read() throws IOException {
    if (position < limit) return buffered[position++] & 0xff;
    return rest == null ? -1 : rest.read();
  }

  @Override
  public int read(byte[] into, int off, int len) throws IOException {
    if (len == 0) return 0;
    if (position < limit) {
      int n = Math.min(len, limit - position);
      System.arraycopy(buffered, position, into, off, n);
      position += n;
      return n;
    }
    return rest == null ? -1 : rest.read(into, off, len);
  }
}
