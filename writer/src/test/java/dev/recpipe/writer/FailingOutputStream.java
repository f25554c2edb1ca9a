package dev.recpipe.writer;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;

/** A sink that keeps what it is given and fails on the Nth write, as okio's tests script theirs. */
final class FailingOutputStream extends OutputStream {
  private final ByteArrayOutputStream written = new ByteArrayOutputStream();
  private final int failingWrite;
  private final String message;
  private int writes;

  /** Write number {@code failingWrite}, counted from 1, and every later one throw {@code IOException(message)}. */
  FailingOutputStream(int failingWrite, String message) {
    this.failingWrite = failingWrite;
    this.message = message;
  }

  @Override
  public void write(int b) throws IOException {
    write(new byte[] {(byte) b}, 0, 1);
  }

  @Override
  public void write(byte[] bytes, int offset, int length) throws IOException {
    if (++writes >= failingWrite) throw new IOException(message);
    written.write(bytes, offset, length);
  }

  byte[] written() {
    return written.toByteArray();
  }
}
