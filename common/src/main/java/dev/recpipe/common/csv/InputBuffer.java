package dev.recpipe.common.csv;

import dev.recpipe.common.io.ByteWindow;
import java.io.IOException;
import java.io.InputStream;

/**
 * The CSV parsers' view of their input: a {@link ByteWindow}, bytes {@code [position, limit)} of
 * {@link #bytes()} read but not yet consumed, with two guarantees that keep the parsers' inner loops
 * short. {@code bytes()[limit]} is always a {@code '\n'} sentinel, so a loop over a field stops at the
 * window's end without a bounds check and checks {@code position == limit} only when it meets a line
 * feed. And input that does not end with a line feed gets one added at its end, so the last line is
 * no special case.
 *
 * <p>The window grows only when one field does not fit, so memory stays bounded by the largest field,
 * not the input (and the parser stops a row at {@link dev.recpipe.common.Limits#MAX_ROW_BYTES}). Does
 * not close the stream.
 */
final class InputBuffer {
  private final InputStream in;
  private final String source;
  private final ByteWindow window;
  private boolean exhausted;
  private boolean needsFinalNewline;

  InputBuffer(InputStream in, String source) {
    this(in, source, 0);
  }

  /** For an input whose first byte is at {@code firstByte} of a larger whole: {@link #offset} counts from there. */
  InputBuffer(InputStream in, String source, long firstByte) {
    this.in = in;
    this.source = source;
    this.window = new ByteWindow(Integer.MAX_VALUE - 16, 1, firstByte);
    window.bytes()[0] = '\n';
  }

  /** The window's bytes: take them again after {@link #fill()}, which may move them. */
  byte[] bytes() {
    return window.bytes();
  }

  /** The first unconsumed byte. */
  int position() {
    return window.position();
  }

  /** Consumes the bytes before {@code position}. */
  void position(int position) {
    window.position(position);
  }

  /** The end of the bytes read; {@code bytes()[limit()]} is {@code '\n'}. */
  int limit() {
    return window.limit();
  }

  /** Where {@code bytes()[index]} is in the input, counted from 0 (or from the whole's first byte). */
  long offset(int index) {
    return window.offset(index);
  }

  /** Unconsumed bytes in the window. */
  int available() {
    return window.available();
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
    int read = window.read(in, source);
    boolean more = read > 0 ? lineFeedLast() : finish();
    window.bytes()[window.limit()] = '\n';
    return more;
  }

  private boolean lineFeedLast() {
    needsFinalNewline = window.bytes()[window.limit() - 1] != '\n';
    return true;
  }

  private boolean finish() {
    exhausted = true;
    if (!needsFinalNewline) return false;
    window.append((byte) '\n');
    return true;
  }

  /** Steps over a UTF-8 byte order mark at {@code position}, if there is one. */
  void skipByteOrderMark() throws IOException {
    while (available() < 3 && fill()) {}
    byte[] bytes = bytes();
    int at = position();
    if (available() >= 3 && bytes[at] == (byte) 0xef && bytes[at + 1] == (byte) 0xbb && bytes[at + 2] == (byte) 0xbf) {
      position(at + 3);
    }
  }
}
