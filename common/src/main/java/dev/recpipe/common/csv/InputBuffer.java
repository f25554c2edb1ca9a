package dev.recpipe.common.csv;

import dev.recpipe.common.IoErrors;
import java.io.IOException;
import java.io.InputStream;

/**
 * A window on an input stream that a parser scans in place: bytes {@code [position, limit)} of
 * {@link #bytes} are read but not yet consumed.
 *
 * <p>Two guarantees keep the parser's inner loops short. {@code bytes[limit]} is always a {@code '\n'}
 * sentinel, so a loop over a field stops at the window's end without a bounds check and checks
 * {@code position == limit} only when it meets a line feed. And input that does not end with a line
 * feed gets one added at its end, so the last line is no special case.
 *
 * <p>Reads 64 KiB at a time. The window grows only when one field does not fit, so memory stays
 * bounded by the largest field, not the input (and the parser stops a row at {@link
 * dev.recpipe.common.Limits#MAX_ROW_BYTES}). Does not close the stream.
 */
final class InputBuffer {
  static final int READ_SIZE = 64 * 1024;

  private final InputStream in;
  private final String source;
  byte[] bytes = new byte[READ_SIZE + 1];
  int position;
  int limit;
  /** Where {@code bytes[0]} is in the input, counted from 0. */
  private long start;
  private boolean exhausted;
  private boolean needsFinalNewline;

  InputBuffer(InputStream in, String source) {
    this.in = in;
    this.source = source;
    bytes[0] = '\n';
  }

  /** Where {@code bytes[index]} is in the input, counted from 0. */
  long offset(int index) {
    return start + index;
  }

  /** Unconsumed bytes in the window. */
  int available() {
    return limit - position;
  }

  /** True once the stream has ended; then the window ends with a line feed. */
  boolean exhausted() {
    return exhausted;
  }

  /**
   * Reads more input after {@code limit}, keeping the bytes from {@code position} on (they may move).
   * Returns false, adding nothing, once the input has ended.
   */
  boolean fill() throws IOException {
    if (exhausted) return false;
    compact();
    int read = IoErrors.read(in, bytes, limit, bytes.length - 1 - limit, source);
    if (read < 0) return finish();
    needsFinalNewline = bytes[limit + read - 1] != '\n';
    limit += read;
    bytes[limit] = '\n';
    return true;
  }

  private boolean finish() {
    exhausted = true;
    if (!needsFinalNewline) return false;
    bytes[limit++] = '\n';
    bytes[limit] = '\n';
    return true;
  }

  /** Moves the unconsumed bytes to the start, and makes room for a full read after them. */
  private void compact() {
    int unconsumed = available();
    System.arraycopy(bytes, position, bytes, 0, unconsumed);
    start += position;
    position = 0;
    limit = unconsumed;
    if (bytes.length - 1 - limit < READ_SIZE / 2) {
      byte[] larger = new byte[Math.max(2 * (bytes.length - 1), limit + READ_SIZE) + 1];
      System.arraycopy(bytes, 0, larger, 0, limit);
      bytes = larger;
    }
    bytes[limit] = '\n';
  }

  /** Steps over a UTF-8 byte order mark at {@code position}, if there is one. */
  void skipByteOrderMark() throws IOException {
    while (available() < 3 && fill()) {}
    if (available() >= 3 && bytes[position] == (byte) 0xef && bytes[position + 1] == (byte) 0xbb
        && bytes[position + 2] == (byte) 0xbf) {
      position += 3;
    }
  }
}
