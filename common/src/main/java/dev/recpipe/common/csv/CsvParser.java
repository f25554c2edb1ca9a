package dev.recpipe.common.csv;

import java.io.IOException;
import java.io.InputStream;

/**
 * What the two CSV parsers do alike around their rows, so that {@link CsvIntegerParser} and {@link
 * CsvTextParser} differ only in how they read one: the input and its name, the physical line they
 * have reached, and the start of the input (a byte order mark at line 1, the header row) and of each
 * row (empty lines, which are not rows, skipped), as jackson-core's {@code ParserBase} holds its
 * parsers' input and location.
 *
 * <p>Does not close {@code in}: the caller owns it.
 *
 * @param <R> the row a {@link #next} call fills
 */
abstract class CsvParser<R> {
  final InputBuffer input;
  /** The input's name for error messages: a file name as the user gave it, or {@code stdin}. */
  final String source;
  final CsvFormat format;
  final byte delimiter;
  /** The physical line of the byte at {@code input.position()}, from 1 (or the first line given). */
  long line;
  /** A row past the row limit throws at once: {@link #stopAtARowPastTheLimit()}. */
  boolean stopPastLimit;
  private boolean started;

  /** @param firstLine the number of the input's first line in a larger input it is a part of, from 1 */
  CsvParser(InputStream in, String source, CsvFormat format, long firstLine) {
    this(in, source, format, firstLine, 0);
  }

  /** @param firstByte the offset of the input's first byte in that larger input, from 0 */
  CsvParser(InputStream in, String source, CsvFormat format, long firstLine, long firstByte) {
    if (firstLine < 1) throw new IllegalArgumentException("firstLine " + firstLine + " < 1");
    if (firstByte < 0) throw new IllegalArgumentException("firstByte " + firstByte + " < 0");
    this.input = new InputBuffer(in, source, firstByte);
    this.source = source;
    this.format = format;
    this.delimiter = format.delimiter();
    this.line = firstLine;
  }

  /**
   * Reads the next row into {@code row} and returns true, or returns false at the end of the input.
   * A bad row is returned too, marked bad ({@code row.isBad()}), and reading goes on with the next.
   *
   * @throws CsvException a quoted field is still open at the end of the input; the header can't be
   *     read (for {@link CsvTextParser}, it is bad or names a field twice)
   * @throws dev.recpipe.common.RecpipeException reading the input failed; the message names it
   */
  public boolean next(R row) throws IOException {
    start();
    if (!skipEmptyLines()) return false;
    readRow(row);
    return true;
  }

  /**
   * For a caller that stops at the first bad row: a row that passes the row limit then throws its
   * error there, instead of being read on to its end (keeping nothing) and returned bad so that a
   * caller may skip it. A row need not end, as in a file with no line end or {@code reader
   * /dev/zero}, where reading it to its end takes as long as the input, or for ever. The error is
   * the one the returned row would have had ({@code row.error()}), and applies to the header too.
   */
  public final void stopAtARowPastTheLimit() {
    stopPastLimit = true;
  }

  /** The physical line the parser has reached, from 1 (or the first line given): where the next row would start. */
  public long line() {
    return line;
  }

  /** Reads one row, which starts at {@code input.position()}, up to and over its line end. */
  abstract void readRow(R row) throws IOException;

  /** Reads the header row, which starts at {@code input.position()}, up to and over its line end. */
  abstract void readHeader() throws IOException;

  /** Steps over the byte order mark and the header, once, before the first row. */
  final void start() throws IOException {
    if (started) return;
    started = true;
    if (line == 1) input.skipByteOrderMark();
    if (format.header() && skipEmptyLines()) readHeader();
  }

  /** Skips lines with no bytes or only a CR; returns false at the end of the input. */
  private boolean skipEmptyLines() throws IOException {
    while (true) {
      while (input.available() < 2 && !input.exhausted()) input.fill();
      if (input.available() == 0) return false;
      byte[] b = input.bytes();
      int p = input.position();
      if (b[p] == '\n') {
        input.position(p + 1);
      } else if (b[p] == '\r' && b[p + 1] == '\n' && p + 1 < input.limit()) {
        input.position(p + 2);
      } else {
        return true;
      }
      line++;
    }
  }
}
