package dev.recpipe.common;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

/**
 * Counts the bytes read through it, so an error at end of input can say where the input ended. Over
 * a {@link StreamTail} it counts from the tail's offset: the whole stream's count.
 */
final class CountingInputStream extends FilterInputStream {
  private long count;
  private boolean ended;

  CountingInputStream(InputStream in) {
    super(in);
    this.count = StreamTail.offsetOf(in);
  }

  @Override
  public int read() throws IOException {
    int b = in.read();
    if (b >= 0) count++;
    else ended = true;
    return b;
  }

  @Override
  public int read(byte[] b, int off, int len) throws IOException {
    int n = in.read(b, off, len);
    if (n > 0) count += n;
    else if (n < 0) ended = true;
    return n;
  }

  @Override
  public long skip(long n) throws IOException {
    long skipped = in.skip(n);
    count += skipped;
    return skipped;
  }

  /** Whether a read has met the end of the input. */
  boolean ended() {
    return ended;
  }

  long count() {
    return count;
  }
}
