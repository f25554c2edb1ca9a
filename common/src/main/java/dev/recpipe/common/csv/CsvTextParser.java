package dev.recpipe.common.csv;

import dev.recpipe.common.Limits;
import dev.recpipe.common.Utf8;
import java.io.IOException;
import java.io.InputStream;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads any CSV (RFC 4180), one row at a time, as fields of text: what {@code reader --text} and
 * {@code reader --typed} read, where {@link CsvIntegerParser} reads integers only.
 *
 * <pre>{@code
 * CsvTextParser parser = new CsvTextParser(in, "fruit.csv", CsvFormat.DEFAULT.withHeader(true));
 * List<String> names = parser.header();   // [name, price], or null for an input with no rows
 * TextRow row = new TextRow();
 * while (parser.next(row)) {
 *   if (row.isBad()) throw row.error();   // fruit.csv:7:2: invalid UTF-8 at byte offset 93: ...
 *   use(row.text(0), row.text(1));
 * }
 * }</pre>
 *
 * <p>What is read:
 *
 * <ul>
 *   <li>A field in double quotes may hold delimiters, quotes (doubled: {@code ""} is one quote) and
 *       line ends, LF or CRLF, kept as they are. A field is quoted only when the quote is its first
 *       byte; only a delimiter or a line end may follow the closing quote.
 *   <li>In a field not in quotes every byte is text, spaces and a stray quote ({@code 5"}) too, as
 *       Python's {@code csv} and most readers take it; it ends at the delimiter or line end.
 *   <li>Rows end in LF or CRLF; the last may lack one. A CR not before an LF is text. A UTF-8 byte
 *       order mark at the start of line 1 is skipped. Empty lines (no bytes, or only a CR) are not
 *       rows.
 *   <li>Fields must be UTF-8.
 * </ul>
 *
 * <p>Line numbers count physical lines: a line end inside quotes starts a new line, so an error
 * names the line an editor shows. A row whose text after a closing quote is not a delimiter, whose
 * field is not UTF-8, or which is longer than {@link Limits#MAX_ROW_BYTES} is <em>bad</em>
 * ({@link TextRow#isBad()}) and reading goes on with the next row, so a caller may skip it; a row
 * past the limit is reported as such whatever else is wrong in it, else the row's first problem is.
 * A quoted field still open at the end of the input ends the input: {@link #next} throws a
 * {@link CsvException} naming the line where the field starts.
 *
 * <p>Memory: the parser consumes its 64 KiB read window as it goes, copying each field's content
 * into the row, and keeps no more than {@link Limits#MAX_ROW_BYTES} of a row, however long it is. Does not
 * close {@code in}: the caller owns it.
 */
public final class CsvTextParser extends CsvParser<TextRow> {
  private final int maxRowBytes;
  private List<String> header;
  /** Where the row being read starts in the input. */
  private long rowStart;
  /** False once the row being read passed the limit: the rest of it is skipped, not kept. */
  private boolean keeping;

  /**
   * @param source the input's name for error messages: a file name as the user gave it, or
   *     {@code stdin}
   */
  public CsvTextParser(InputStream in, String source, CsvFormat format) {
    this(in, source, format, 1);
  }

  /**
   * A parser for a part of a larger input: messages name the lines of the whole.
   *
   * @param firstLine the number of the input's first line in the whole, from 1. A byte order mark
   *     is skipped only at line 1.
   */
  public CsvTextParser(InputStream in, String source, CsvFormat format, long firstLine) {
    this(in, source, format, firstLine, 0);
  }

  /**
   * A parser for a part of a larger input: messages name the lines and the byte offsets (of a
   * character that is not UTF-8) of the whole.
   *
   * @param firstByte the offset of the input's first byte in the whole, from 0
   */
  public CsvTextParser(InputStream in, String source, CsvFormat format, long firstLine, long firstByte) {
    this(in, source, format, firstLine, firstByte, Limits.MAX_ROW_BYTES);
  }

  /** With another row limit, so that tests can reach it with small inputs. */
  CsvTextParser(InputStream in, String source, CsvFormat format, long firstLine, long firstByte, int maxRowBytes) {
    super(in, source, format, firstLine, firstByte);
    if (maxRowBytes < 1) throw new IllegalArgumentException("maxRowBytes " + maxRowBytes + " < 1");
    this.maxRowBytes = maxRowBytes;
  }

  /**
   * The names in the header row, when the format has one: distinct, in their order. Null without a
   * header, and for an input with no rows at all.
   *
   * @throws CsvException the header is bad, or names a field twice
   */
  public List<String> header() throws IOException {
    start();
    return header;
  }

  /** The header's fields name the fields of the rows: distinct, or the input is an error. */
  @Override
  void readHeader() throws IOException {
    TextRow row = new TextRow();
    readRow(row);
    if (row.isBad()) throw row.error();
    Map<String, Integer> fields = new HashMap<>();
    for (int i = 0; i < row.size(); i++) {
      Integer earlier = fields.putIfAbsent(row.text(i), i + 1);
      if (earlier != null) {
        throw new CsvException(source, row.line(i), i + 1, "the header names "
            + FieldText.quote(row.bytes(), row.start(i), row.end(i)) + " twice, as field " + earlier + " and " + (i + 1));
      }
    }
    header = List.copyOf(row.texts());
  }

  @Override
  void readRow(TextRow row) throws IOException {
    row.reset(source, line);
    rowStart = input.offset(input.position());
    keeping = true;
    for (int field = 1; readField(row, field); field++) {}
  }

  /** Reads one field into the row; true if another field follows it. */
  private boolean readField(TextRow row, int field) throws IOException {
    while (input.available() == 0 && input.fill()) {} // the byte at position is read, not the sentinel
    row.startField(line);
    if (input.bytes()[input.position()] == '"') return readQuoted(row, field);
    long start = input.offset(input.position());
    boolean more = readUnquoted(row, field);
    checkUtf8(row, field, start, false);
    return more;
  }

  /**
   * The rest of a field not in quotes, from {@code input.position()} to the delimiter or line end,
   * which it steps over; true if it was a delimiter.
   */
  private boolean readUnquoted(TextRow row, int field) throws IOException {
    byte[] b = input.bytes();
    int from = input.position();
    for (int p = from; ; p++) {
      byte c = b[p];
      if (c == delimiter) {
        endField(row, field, b, from, p, p + 1);
        return true;
      }
      if (c == '\n' && p < input.limit()) {
        endField(row, field, b, from, p, p + 1);
        line++;
        return false;
      }
      if (c == '\r' && p + 1 < input.limit() && b[p + 1] == '\n') {
        endField(row, field, b, from, p, p + 2);
        line++;
        return false;
      }
      if (p + 1 >= input.limit() && (c == '\r' || p == input.limit())) {
        // The window ends in this field, or with a CR that may start a CRLF: read more, from p on
        if (!readMore(row, field, b, from, p)) throw new IllegalStateException("unreachable: the end of " + source + " outside quotes");
        b = input.bytes();
        from = input.position();
        p = from - 1;
      }
    }
  }

  /**
   * A field in quotes, from its opening quote at {@code input.position()} to the delimiter or line end
   * after its closing quote; true if it was a delimiter.
   */
  private boolean readQuoted(TextRow row, int field) throws IOException {
    long quoteLine = line;
    long start = input.offset(input.position());
    byte[] b = input.bytes();
    int from = input.position() + 1;
    for (int p = from; ; p++) {
      byte c = b[p];
      if (c == '"') {
        if (p + 1 == input.limit()) {
          // A quote at the end of the window: "" or the closing quote, the next byte tells
          if (!readMore(row, field, b, from, p)) throw new IllegalStateException("unreachable: the end of " + source + " after a quote");
          b = input.bytes();
          from = input.position();
          p = from - 1;
        } else if (b[p + 1] == '"') {
          keep(row, field, b, from, p + 1);
          from = ++p + 1;
        } else {
          keep(row, field, b, from, p);
          checkUtf8(row, field, start, true);
          input.position(p + 1);
          return afterClosingQuote(row, field);
        }
      } else if (c == '\n') {
        if (p < input.limit()) {
          line++;
        } else {
          // The window's last byte was the input's final line feed, which ends the last line
          if (!readMore(row, field, b, from, p)) throw unterminated(quoteLine, field, line - 1);
          b = input.bytes();
          from = input.position();
          p = from - 1;
        }
      }
    }
  }

  /**
   * Steps over the delimiter or line end after a closing quote, and returns true for a delimiter.
   * Anything else makes the row bad, and the field runs on, unquoted, to the next delimiter or line
   * end, as in {@code "4"x,5}.
   */
  private boolean afterClosingQuote(TextRow row, int field) throws IOException {
    while (input.available() < 2 && !input.exhausted()) input.fill();
    byte[] b = input.bytes();
    int p = input.position();
    if (b[p] == delimiter || (b[p] == '\n' && p < input.limit()) || (b[p] == '\r' && b[p + 1] == '\n' && p + 1 < input.limit())) {
      return readUnquoted(row, field); // an empty run: just the field's end
    }
    row.markBad(new CsvException(source, row.line(field - 1), field,
        "expected a delimiter or end of line after a closing quote, found " + FieldText.quote(b, p, p + 1)));
    return readUnquoted(row, field);
  }

  /**
   * Keeps {@code [from, to)} as the end of the field's content, checks the row's length up to
   * {@code to}, and steps over the delimiter or line end, to {@code next}.
   */
  private void endField(TextRow row, int field, byte[] b, int from, int to, int next) throws CsvException {
    keep(row, field, b, from, to);
    input.position(next);
  }

  /** Adds {@code [from, to)} to the field's content, as far as the row limit allows. */
  private void keep(TextRow row, int field, byte[] b, int from, int to) throws CsvException {
    if (!keeping) return;
    long over = input.offset(to) - rowStart - maxRowBytes;
    if (over <= 0) {
      row.append(b, from, to);
    } else {
      row.append(b, from, (int) Math.max(from, to - over));
      passLimit(row, field);
    }
  }

  /** Marks the row too long, and throws that if the caller stops there ({@link #stopAtARowPastTheLimit()}). */
  private void passLimit(TextRow row, int field) throws CsvException {
    keeping = false;
    row.markTooLong(new CsvException(source, row.line(), field, "row longer than " + maxRowBytes + " bytes, the limit"));
    if (stopPastLimit) throw row.error();
  }

  /**
   * Checks that the field just read is UTF-8. Its content is in the row; {@code start} is where the
   * field starts in the input, so a bad byte's offset there is found again: in a quoted field, past
   * the opening quote and one more byte for each quote before it (each was two, {@code ""}).
   */
  private void checkUtf8(TextRow row, int field, long start, boolean quoted) {
    if (!keeping) return; // the field is cut short at the limit, and that is the row's problem
    byte[] content = row.bytes();
    int from = row.start(field - 1);
    int to = row.end(field - 1);
    int bad = Utf8.firstInvalid(content, from, to);
    if (bad < 0) return;
    long offset = start + bad - from;
    if (quoted) offset += 1 + count(content, from, bad, (byte) '"');
    row.markBad(new CsvException(source, row.line(field - 1), field,
        Utf8.invalidAt(offset, Utf8.problemAt(content, bad, to, "the end of the field"))));
  }

  private static int count(byte[] bytes, int from, int to, byte b) {
    int count = 0;
    for (int i = from; i < to; i++) {
      if (bytes[i] == b) count++;
    }
    return count;
  }

  private CsvException unterminated(long quoteLine, int field, long lastLine) {
    return new CsvException(source, quoteLine, field,
        "unterminated quoted field: the input ends at line " + lastLine + " before its closing quote");
  }

  /**
   * For a scan that met the end of the window at {@code p}: keeps the field's content {@code [from,
   * p)}, and reads more from {@code p} on; false at the end of the input. Outside quotes, and after a
   * quote, the input cannot end there: an input that has ended leaves a line feed at the end of the
   * window.
   */
  private boolean readMore(TextRow row, int field, byte[] b, int from, int p) throws IOException {
    keep(row, field, b, from, p);
    input.position(p);
    return input.fill();
  }
}
