package dev.recpipe.fanout.each;

import dev.recpipe.common.RecordFramer;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;

/**
 * fanout's stdin as {@code --each --skip-failed} reads it, keeping the bytes of the record being
 * read, so that a record skipped goes to the rejects file byte for byte as it came in, whatever CBOR
 * encoding its writer chose (a {@link dev.recpipe.common.RecordReader} above it hands out only the
 * decoded text, and its framer writes over some tag heads in its own buffer, not in this one). It
 * keeps what has been read from the current record's start on: the reader's read-ahead, no more.
 */
final class RawRecords extends FilterInputStream {
  private byte[] kept = new byte[8192];
  /** Where kept[0] is in the stream. */
  private long base;
  private int count;

  RawRecords(InputStream in) {
    super(in);
  }

  @Override
  public int read(byte[] b, int off, int len) throws IOException {
    int n = in.read(b, off, len);
    if (n > 0) keep(b, off, n);
    return n;
  }

  @Override
  public int read() throws IOException {
    int b = in.read();
    if (b >= 0) keep(new byte[] {(byte) b}, 0, 1);
    return b;
  }

  /** Skipped bytes are read, and kept, like the others: FilterInputStream's skip would pass them by. */
  @Override
  public long skip(long n) throws IOException {
    byte[] skipped = new byte[(int) Math.min(n, 8192)];
    return n <= 0 ? 0 : Math.max(0, read(skipped, 0, skipped.length));
  }

  private void keep(byte[] b, int off, int n) {
    if (count + n > kept.length) kept = Arrays.copyOf(kept, Math.max(kept.length * 2, count + n));
    System.arraycopy(b, off, kept, count, n);
    count += n;
  }

  /**
   * The bytes of the record that starts at stream offset {@code offset}, which the reader has framed
   * whole (so they have all been read), and the bytes before it let go.
   */
  byte[] record(long offset) throws IOException {
    int start = Math.toIntExact(offset - base);
    if (start < 0 || start > count) throw new IllegalStateException("offset " + offset + " not kept");
    System.arraycopy(kept, start, kept, 0, count - start);
    count -= start;
    base = offset;
    int length = new RecordFramer().frame(kept, 0, count, offset);
    if (length < 0) throw new IllegalStateException("record at offset " + offset + " not read whole");
    return Arrays.copyOf(kept, length);
  }
}
