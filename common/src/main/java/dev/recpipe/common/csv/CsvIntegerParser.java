package dev.recpipe.common.csv;

import dev.recpipe.common.Limits;
import java.io.IOException;
import java.io.InputStream;

/**
 * Reads CSV (RFC 4180) whose fields are integers, one row at a time, straight from the bytes of an
 * input stream.
 *
 * <p>Why not a CSV library or a {@code BufferedReader}: recpipe's inputs are large tables of numbers,
 * and the reader stage must keep up with the rest of the pipeline. This parser scans 64 KiB reads in
 * place, accumulates digits into a {@code long}, and fills a reused {@link IntegerRow}: no
 * {@code String}, {@code Reader} or allocation per line or field. The usual field, a plain integer of
 * up to 16 digits, is read 8 bytes at a time ({@link DigitWords}); the rest byte by byte. A value
 * beyond 64 bits, which the digit count reveals, takes a slower path to a {@link
 * java.math.BigInteger}.
 *
 * <pre>{@code
 * CsvIntegerParser parser = new CsvIntegerParser(in, "rows.csv", CsvFormat.DEFAULT);
 * IntegerRow row = new IntegerRow();
 * while (parser.next(row)) {
 *   if (row.isBad()) throw row.error();   // rows.csv:17:3: expected an integer, found "abc"
 *   use(row.longs(), row.size());
 * }
 * }</pre>
 *
 * <p>What is accepted:
 *
 * <ul>
 *   <li>Fields in double quotes, which may hold delimiters and line ends; {@code ""} inside them is
 *       a literal quote (so such a field is not an integer). A field is quoted only when the quote is
 *       its first byte, and only a delimiter or a line end may follow its closing quote.
 *   <li>An integer is an optional {@code +} or {@code -} and ASCII digits, of any size; spaces and
 *       tabs around it are ignored, unless they are the delimiter.
 *   <li>LF or CRLF line ends; the last line may lack one. A UTF-8 byte order mark at the start of
 *       line 1 is skipped.
 *   <li>Empty lines (no bytes, or only a CR) are skipped: they are not rows.
 * </ul>
 *
 * <p>A field that is not an integer makes the row bad ({@link IntegerRow#isBad()}), and reading goes
 * on with the next row, so a caller may skip bad rows. So does a row longer than {@link
 * Limits#MAX_ROW_BYTES}, its line end not counted ({@code rows.csv:7:3: row longer than 8388592 bytes,
 * the limit}, naming the field where it passed the limit): its record would not fit in a record's 8
 * MiB, and its integers in a heap of 256 MiB; the rest of it is skipped without being kept. A quoted
 * field left open at the end of the input ends the input: {@link #next} throws a {@link
 * CsvException}.
 *
 * <p>Does not close {@code in}: the caller owns it.
 */
public final class CsvIntegerParser extends CsvParser<IntegerRow> {
  // What ends a field. NOT_SIMPLE: the one-pass scan gave up, scan the field again in full.
  private static final int MORE_FIELDS = 0;
  private static final int END_OF_ROW = 1;
  private static final int NEED_MORE = 2;
  private static final int NOT_SIMPLE = 3;
  private static final int NOT_AN_END = 4;

  /** 10^0 to 10^8. */
  private static final long[] POWERS_OF_TEN = {1, 10, 100, 1_000, 10_000, 100_000, 1_000_000, 10_000_000, 100_000_000};

  private final byte blank;
  private final byte otherBlank;
  private final boolean plainFields;
  /** Where the row being read starts in the input. */
  private long rowStart;
  /** The index in the window of the delimiter or line end that ended the last field. */
  private int fieldEnd;

  /**
   * @param source the input's name for error messages: a file name as the user gave it, or
   *     {@code stdin}
   */
  public CsvIntegerParser(InputStream in, String source, CsvFormat format) {
    this(in, source, format, 1);
  }

  /**
   * A parser for a part of a larger input, e.g. the lines a Spark partition holds: messages name
   * the lines of the whole, so they point where a reader of the whole input would.
   *
   * @param firstLine the number of the input's first line in the whole, from 1. A byte order mark
   *     is skipped only at line 1: anywhere else those bytes are not a byte order mark.
   */
  public CsvIntegerParser(InputStream in, String source, CsvFormat format, long firstLine) {
    this(in, source, format, firstLine, true);
  }

  /**
   * With {@code plainFields} false, every field goes through the general scan: the reference that
   * {@link #readPlainFields}' loop is tested against.
   */
  CsvIntegerParser(InputStream in, String source, CsvFormat format, long firstLine, boolean plainFields) {
    super(in, source, format, firstLine);
    this.blank = format.blank();
    this.otherBlank = format.otherBlank();
    this.plainFields = plainFields;
  }

  /** The header's fields are names, not integers: it is skipped, whatever they are. */
  @Override
  void readHeader() throws IOException {
    readRow(new IntegerRow());
  }

  @Override
  void readRow(IntegerRow row) throws IOException {
    row.reset(line);
    rowStart = input.offset(input.position());
    int field = plainFields ? readPlainFields(row) : 1;
    if (field == 0) return;
    while (readField(row, field) == MORE_FIELDS) field++;
  }

  /**
   * Reads the row's leading fields that are plain integers, an optional minus and 1 to 16 digits
   * right before a delimiter or an LF, in one loop over the window, 8 bytes at a time ({@link
   * DigitWords}): most rows are all such fields. Returns 0 when that was the whole row, else the
   * number of the field it left for {@link #readField}, which reads any field (blanks, a plus,
   * quotes, a CR, the end of the window, a row past the limit) and says what is wrong with a bad
   * one. Leaves the window at the first field it did not read, as if readField had read the others.
   */
  private int readPlainFields(IntegerRow row) {
    byte[] b = input.bytes();
    int p = input.position();
    int limit = input.limit();
    int lastStart = Math.min(limit, b.length - 2 * DigitWords.BYTES - 1); // a sign, then two words
    long lastEnd = rowStart - input.offset(0) + Limits.MAX_ROW_BYTES; // a field end beyond passes the limit
    int field = 1;
    while (p < lastStart) {
      boolean negative = b[p] == '-';
      int from = negative ? p + 1 : p;
      int digits = DigitWords.leadingDigits(DigitWords.word(b, from));
      if (digits == DigitWords.BYTES) digits += DigitWords.leadingDigits(DigitWords.word(b, from + DigitWords.BYTES));
      int end = from + digits;
      byte c = b[end];
      if (digits == 0 || end > lastEnd || c != delimiter && (c != '\n' || end == limit)) break; // a 17th digit too
      long value = plainValue(b, from, digits);
      row.add(negative ? -value : value);
      p = end + 1;
      if (c == '\n') {
        input.position(p);
        line++;
        return 0;
      }
      field++;
    }
    input.position(p);
    return field;
  }

  /** The value of {@code digits} digits, 1 to 16, from {@code b[from]}. */
  private static long plainValue(byte[] b, int from, int digits) {
    if (digits <= DigitWords.BYTES) return DigitWords.value(DigitWords.word(b, from), digits);
    int more = digits - DigitWords.BYTES;
    long high = DigitWords.value(DigitWords.word(b, from), DigitWords.BYTES);
    return high * POWERS_OF_TEN[more] + DigitWords.value(DigitWords.word(b, from + DigitWords.BYTES), more);
  }

  /**
   * Reads one field into the row; returns MORE_FIELDS or END_OF_ROW. A row that passes the limit,
   * with this field or while it is still being read, is skipped to its end.
   */
  private int readField(IntegerRow row, int field) throws IOException {
    while (true) {
      int outcome = scanSimpleField(row);
      if (outcome == NOT_SIMPLE) outcome = scanField(row, field);
      if (outcome != NEED_MORE) {
        if (input.offset(fieldEnd) - rowStart <= Limits.MAX_ROW_BYTES) return outcome;
        tooLong(row, field);
        if (outcome == MORE_FIELDS) skipRestOfRow(field + 1);
        return END_OF_ROW;
      }
      // The field goes on past the window, whose last byte may be the CR of a CRLF
      if (input.offset(input.limit() - 1) - rowStart > Limits.MAX_ROW_BYTES) {
        tooLong(row, field);
        skipRestOfRow(field);
        return END_OF_ROW;
      }
      readMore();
    }
  }

  /**
   * Marks the row bad, naming its first line and the field where it passed the limit, and throws
   * the row's error if the caller stops there ({@link #stopAtARowPastTheLimit()}).
   */
  private void tooLong(IntegerRow row, int field) throws CsvException {
    row.markBad(source, row.line(), field, "row longer than " + Limits.MAX_ROW_BYTES + " bytes, the limit");
    if (stopPastLimit) throw row.error();
  }

  /**
   * Skips to the end of the row, from the start of a field, keeping nothing: the window does not
   * grow, whatever the length of a field. Quoted fields may hold delimiters and line ends, as in
   * {@link #scanField}.
   */
  private void skipRestOfRow(int field) throws IOException {
    boolean fieldStart = true;
    boolean quoted = false;
    long quoteLine = line;
    while (true) {
      byte[] b = input.bytes();
      int p = input.position();
      int limit = input.limit();
      for (; p < limit; p++) {
        byte c = b[p];
        if (quoted) {
          if (c == '"') {
            if (p + 1 == limit) break; // whether "" or a closing quote: the next read tells
            if (b[p + 1] == '"') p++;
            else quoted = false;
          } else if (c == '\n') {
            line++;
          }
        } else if (fieldStart && c == '"') {
          quoted = true;
          quoteLine = line;
          fieldStart = false;
        } else if (c == delimiter) {
          fieldStart = true;
          field++;
        } else if (c == '\n') {
          input.position(p + 1);
          line++;
          return;
        } else {
          fieldStart = false;
        }
      }
      input.position(p);
      if (!input.fill()) {
        // The window's last byte was the input's final line feed, which ends the last line
        throw new CsvException(source, line - 1, field, "unterminated quoted field (opened at line " + quoteLine + ")");
      }
    }
  }

  /**
   * A field {@link #readPlainFields} left, in one pass if it is simple: blanks, an optional sign, 1
   * to 18 digits (which cannot overflow a {@code long}), blanks, then a delimiter or a line end, at
   * any place in the window. Anything else is NOT_SIMPLE, and
   * {@link #scanField} starts the field over. Changes nothing unless it returns a field end.
   */
  private int scanSimpleField(IntegerRow row) {
    byte[] b = input.bytes();
    int p = input.position();
    byte c = b[p];
    while (c == blank || c == otherBlank) c = b[++p];
    boolean negative = c == '-';
    if (negative || c == '+') c = b[++p];
    int digits = p;
    long value = 0;
    while (c >= '0' && c <= '9') {
      value = value * 10 + (c - '0');
      c = b[++p];
    }
    digits = p - digits;
    if (digits == 0 || digits > 18) return NOT_SIMPLE;
    while (c == blank || c == otherBlank) c = b[++p];
    int end = fieldEndAt(p);
    if (end == NOT_AN_END) return NOT_SIMPLE;
    if (end == NEED_MORE) return NEED_MORE;
    row.add(negative ? -value : value);
    return consumeFieldEnd(p, end);
  }

  /** Any field, quoted or not, good or bad. Changes nothing if it returns NEED_MORE. */
  private int scanField(IntegerRow row, int field) throws CsvException {
    return input.bytes()[input.position()] == '"' ? scanQuotedField(row, field) : scanUnquotedField(row, field);
  }

  private int scanUnquotedField(IntegerRow row, int field) {
    int start = input.position();
    int end = findFieldEnd(start);
    if (end < 0) return NEED_MORE;
    addValue(row, field, start, end);
    return consumeFieldEnd(end, fieldEndAt(end));
  }

  private int scanQuotedField(IntegerRow row, int field) throws CsvException {
    int start = input.position();
    int close = findClosingQuote(start + 1, field);
    if (close < 0) return NEED_MORE;
    int after = close + 1;
    int end = fieldEndAt(after);
    if (end == NEED_MORE) return NEED_MORE;
    if (end == NOT_AN_END) return junkAfterClosingQuote(row, field, start, after);
    addValue(row, field, start + 1, close);
    line += countLineFeeds(start, close);
    return consumeFieldEnd(after, end);
  }

  /** {@code "12"x,...}: the row is bad; the field runs on to the next delimiter or line end. */
  private int junkAfterClosingQuote(IntegerRow row, int field, int start, int after) {
    int end = findFieldEnd(after);
    if (end < 0) return NEED_MORE;
    row.markBad(source, line, field, "expected a delimiter or end of line after a closing quote, found "
        + FieldText.quote(input.bytes(), after, after + 1));
    line += countLineFeeds(start, end);
    return consumeFieldEnd(end, fieldEndAt(end));
  }

  /**
   * The index of the quote that closes a quoted field whose content starts at {@code from}, or -1
   * when it is not in the window yet.
   *
   * @throws CsvException the input ends inside the field
   */
  private int findClosingQuote(int from, int field) throws CsvException {
    byte[] b = input.bytes();
    int limit = input.limit();
    for (int p = from; ; p++) {
      byte c = b[p];
      if (c == '"') {
        if (p + 1 == limit) return -1;
        if (b[p + 1] != '"') return p;
        p++;
      } else if (c == '\n' && p == limit) {
        if (input.exhausted()) throw unterminated(from - 1, field);
        return -1;
      }
    }
  }

  private CsvException unterminated(int quote, int field) {
    // The window ends with the input's final line feed, which ends the last line rather than
    // starting a new one.
    long lastLine = line + countLineFeeds(quote, input.limit() - 1);
    return new CsvException(source, lastLine, field, "unterminated quoted field (opened at line " + line + ")");
  }

  /** The index of the delimiter or line end after an unquoted field from {@code from}, or -1. */
  private int findFieldEnd(int from) {
    for (int p = from; ; p++) {
      int end = fieldEndAt(p);
      if (end == NEED_MORE) return -1;
      if (end != NOT_AN_END) return p;
    }
  }

  /** Whether a field ends at {@code p}: MORE_FIELDS, END_OF_ROW, NEED_MORE or NOT_AN_END. */
  private int fieldEndAt(int p) {
    return input.bytes()[p] == delimiter ? MORE_FIELDS : lineEndAt(p);
  }

  /** Whether a line ends at {@code p}, with LF or CRLF: END_OF_ROW, NEED_MORE or NOT_AN_END. */
  private int lineEndAt(int p) {
    byte[] b = input.bytes();
    if (b[p] == '\r') p++;
    if (b[p] != '\n') return NOT_AN_END;
    return p == input.limit() ? NEED_MORE : END_OF_ROW;
  }

  /** Steps over the delimiter or line end at {@code p}, and returns what it was. */
  private int consumeFieldEnd(int p, int end) {
    fieldEnd = p;
    if (end == END_OF_ROW) {
      if (input.bytes()[p] == '\r') p++;
      line++;
    }
    input.position(p + 1);
    return end;
  }

  /** Adds the field with content {@code [from, to)} to the row, or marks the row bad. */
  private void addValue(IntegerRow row, int field, int from, int to) {
    byte[] b = input.bytes();
    int start = format.trimStart(b, from, to);
    int end = format.trimEnd(b, start, to);
    if (!IntegerText.isInteger(b, start, end)) {
      row.markBad(source, line, field, "expected an integer, found " + FieldText.quote(b, from, to));
    } else if (IntegerText.fitsLong(b, start, end)) {
      row.add(IntegerText.parseLong(b, start, end));
    } else {
      row.add(IntegerText.parseBig(b, start, end));
    }
  }

  private int countLineFeeds(int from, int to) {
    byte[] b = input.bytes();
    int count = 0;
    for (int p = from; p < to; p++) {
      if (b[p] == '\n') count++;
    }
    return count;
  }

  /**
   * Reads more for a scan that met the end of the window. If that finds the end of the input, the
   * scan runs once more and then cannot ask again: the window ends with a line feed by then.
   */
  private void readMore() throws IOException {
    if (input.exhausted()) throw new IllegalStateException("unreachable: a scan wants more after the end of " + source);
    input.fill();
  }
}
