package dev.recpipe.common.csv;

/**
 * How a CSV input is laid out: the field delimiter, and whether each input starts with a header row.
 *
 * <p>A value, so a command can build it once from its options and hand it to a
 * {@link CsvIntegerParser} per input file.
 *
 * <pre>{@code
 * CsvFormat format = CsvFormat.DEFAULT.withDelimiter(CsvFormat.parseDelimiter("tab")).withHeader(true);
 * }</pre>
 *
 * @param delimiter the byte between fields: one ASCII character that cannot start or continue an
 *     integer and is not a quote or a line end; see {@link #parseDelimiter(String)}
 * @param header true to skip the first row of every input
 */
public record CsvFormat(byte delimiter, boolean header) {
  /** Comma-separated, no header: RFC 4180. */
  public static final CsvFormat DEFAULT = new CsvFormat((byte) ',', false);

  public CsvFormat {
    String problem = delimiterProblem(delimiter);
    if (problem != null) throw new IllegalArgumentException("delimiter " + delimiter + ": " + problem);
  }

  /**
   * The blanks around a field's value, which are trimmed: space and tab, less the delimiter when it
   * is one of them. {@link #blank()} and {@link #otherBlank()} are the two (the same byte twice
   * when the delimiter takes one), so a scanning loop compares against two fields.
   */
  public byte blank() {
    return delimiter == ' ' ? (byte) '\t' : (byte) ' ';
  }

  /** See {@link #blank()}. */
  public byte otherBlank() {
    return delimiter == '\t' ? (byte) ' ' : (byte) '\t';
  }

  /** Where the field {@code [from, to)} of {@code b} starts once its leading blanks are trimmed. */
  public int trimStart(byte[] b, int from, int to) {
    while (from < to && isBlank(b[from])) from++;
    return from;
  }

  /** Where the field {@code [from, to)} of {@code b} ends once its trailing blanks are trimmed. */
  public int trimEnd(byte[] b, int from, int to) {
    while (to > from && isBlank(b[to - 1])) to--;
    return to;
  }

  private boolean isBlank(byte c) {
    return c == blank() || c == otherBlank();
  }

  public CsvFormat withDelimiter(byte delimiter) {
    return new CsvFormat(delimiter, header);
  }

  public CsvFormat withHeader(boolean header) {
    return new CsvFormat(delimiter, header);
  }

  /**
   * The delimiter a user typed: one character, or {@code \t} or {@code tab} for a tab (a literal
   * tab is awkward to type in a shell).
   *
   * @throws IllegalArgumentException with a message fit for the user, without the value itself
   */
  public static byte parseDelimiter(String text) {
    if (text.equals("\\t") || text.equalsIgnoreCase("tab")) return '\t';
    if (text.length() != 1) {
      throw new IllegalArgumentException("expected one character, or \\t or tab for a tab");
    }
    char c = text.charAt(0);
    String problem = c > 0x7f ? "a delimiter must be an ASCII character" : delimiterProblem((byte) c);
    if (problem != null) throw new IllegalArgumentException(problem);
    return (byte) c;
  }

  /** Why {@code delimiter} cannot separate integer fields, or null if it can. */
  private static String delimiterProblem(byte delimiter) {
    if (delimiter < 0) return "a delimiter must be an ASCII character";
    if (delimiter == '"') return "a quote cannot be a delimiter";
    if (delimiter == '\r' || delimiter == '\n') return "a line end cannot be a delimiter";
    if (delimiter >= '0' && delimiter <= '9') return "a digit cannot be a delimiter";
    if (delimiter == '+' || delimiter == '-') return "a sign cannot be a delimiter";
    return null;
  }
}
