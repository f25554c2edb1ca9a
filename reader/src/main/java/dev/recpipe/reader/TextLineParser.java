package dev.recpipe.reader;

import dev.recpipe.common.Limits;
import dev.recpipe.common.LocatedException;
import dev.recpipe.common.Location;
import dev.recpipe.common.RecpipeException;
import dev.recpipe.common.Utf8;
import dev.recpipe.common.io.ByteWindow;
import java.io.IOException;
import java.io.InputStream;

/**
 * Splits an input stream into lines of UTF-8 text, for {@code reader --lines}: every line, empty
 * ones too, so a line's index is its record's seq.
 *
 * <p>The line feed that ends a line is not part of it, and neither is a CR just before that line
 * feed (a CRLF line end); any other CR is text. The last line may lack a line feed; an input that
 * ends with one has no empty line after it. Each line is checked for well-formed UTF-8 before it is
 * returned.
 *
 * <p>Why not a {@code BufferedReader}: a line goes out as the bytes it came in, so there is no
 * decoding to chars and back, and no {@code String} per line. The parser scans 64 KiB reads in
 * place and hands out each line as a range of its window, valid until the next call to
 * {@link #next()}.
 *
 * <pre>{@code
 * TextLineParser lines = new TextLineParser(in, "names.txt");
 * while (lines.next()) {
 *   out.writeText(seq++, lines.bytes(), lines.start(), lines.length());
 * }
 * }</pre>
 *
 * <p>The window grows only when one line does not fit, so memory is bounded by the longest line,
 * not the input; and a line may be at most {@link Limits#MAX_ROW_BYTES} long, line end left out, so
 * that its record fits a record's 8 MiB ({@code names.txt:3: line longer than 8388592 bytes, the
 * limit}). Does not close {@code in}: the caller owns it.
 */
final class TextLineParser {
  private final InputStream in;
  private final String source;
  /** Bytes not yet returned; {@code bytes()[limit()]} is a '\n' sentinel. */
  private final ByteWindow window;
  private boolean exhausted;
  private int lineStart;
  private int lineEnd;
  private long lineNumber;
  /** The bits of every byte the current line's scans went over, OR-ed: negative if one is not ASCII. */
  private int scannedBits;

  /**
   * @param source the input's name for error messages: a file name as the user gave it, or
   *     {@code stdin}
   */
  TextLineParser(InputStream in, String source) {
    this(in, source, 1, 0);
  }

  /**
   * A parser for a part of a larger input, whose messages name the line and byte offset in the
   * whole.
   *
   * @param firstLine the number of the input's first line in the whole, from 1
   * @param firstByte the offset of the input's first byte in the whole, from 0
   */
  TextLineParser(InputStream in, String source, long firstLine, long firstByte) {
    this.in = in;
    this.source = source;
    this.lineNumber = firstLine - 1;
    this.window = new ByteWindow(Integer.MAX_VALUE - 16, 1, firstByte);
    window.bytes()[0] = '\n';
  }

  /**
   * Advances to the next line and returns true, or returns false at the end of the input.
   *
   * @throws RecpipeException the line is not UTF-8, or reading failed; the message names the input
   */
  boolean next() throws IOException {
    int scanFrom = window.position();
    scannedBits = 0;
    while (true) {
      int end = indexOfLineFeed(scanFrom);
      int limit = window.limit();
      if (end < limit) return lineEndingAt(end, end + 1);
      if (exhausted) return window.available() > 0 && lineEndingAt(limit, limit);
      int scanned = window.available();
      if (scanned > Limits.MAX_ROW_BYTES + 1) throw tooLong(lineNumber + 1); // + 1: a CR of a CRLF
      fill();
      scanFrom = window.position() + scanned;
    }
  }

  /** The window holding the line; valid until the next call to {@link #next()}. */
  byte[] bytes() {
    return window.bytes();
  }

  /** Where the line starts in {@link #bytes()}. */
  int start() {
    return lineStart;
  }

  /** The line's length in bytes, its line end left out. */
  int length() {
    return lineEnd - lineStart;
  }

  /** The line's number in the input, from 1. */
  long lineNumber() {
    return lineNumber;
  }

  /**
   * The first '\n' from {@code from} on: {@code limit} if there is none in the window (the
   * sentinel). Notes in {@link #scannedBits} whether the bytes before it are ASCII, so that the
   * line's UTF-8 is checked in the pass that finds its end, but for lines with other bytes.
   */
  private int indexOfLineFeed(int from) {
    byte[] b = window.bytes();
    int p = from;
    int bits = 0;
    byte c;
    while ((c = b[p]) != '\n') {
      bits |= c;
      p++;
    }
    scannedBits |= bits;
    return p;
  }

  /** Makes {@code [position, end)} the current line, less a CR before a line feed, and checks it. */
  private boolean lineEndingAt(int end, int next) throws RecpipeException {
    byte[] bytes = window.bytes();
    lineStart = window.position();
    lineEnd = end < next && end > lineStart && bytes[end - 1] == '\r' ? end - 1 : end;
    lineNumber++;
    window.position(next);
    if (lineEnd - lineStart > Limits.MAX_ROW_BYTES) throw tooLong(lineNumber);
    if (scannedBits >= 0) return true; // ASCII: UTF-8
    int invalid = Utf8.firstInvalid(bytes, lineStart, lineEnd);
    if (invalid >= 0) throw invalidUtf8(invalid);
    return true;
  }

  private RecpipeException tooLong(long line) {
    return new LocatedException(Location.ofLine(source, line), "line longer than " + Limits.MAX_ROW_BYTES + " bytes, the limit");
  }

  private RecpipeException invalidUtf8(int at) {
    return new LocatedException(Location.ofLine(source, lineNumber),
        Utf8.invalidAt(window.offset(at), Utf8.problemAt(window.bytes(), at, lineEnd, "the end of the line")));
  }

  /** Reads more after the bytes not yet returned (they may move), and puts the sentinel after them. */
  private void fill() throws IOException {
    if (window.read(in, source) < 0) exhausted = true;
    window.bytes()[window.limit()] = '\n';
  }
}
