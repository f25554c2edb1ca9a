package dev.recpipe.bench;

import java.io.OutputStream;

/**
 * An output stream that keeps nothing and counts the bytes written to it: a sink that costs next to
 * nothing, so a benchmark measures the writer and not the destination, and whose count a benchmark
 * returns so the JIT cannot drop the writing.
 */
final class CountingSink extends OutputStream {
  private long count;

  @Override
  public void write(int b) {
    count++;
  }

  @Override
  public void write(byte[] b, int off, int len) {
    count += len;
  }

  long count() {
    return count;
  }

  void reset() {
    count = 0;
  }
}
