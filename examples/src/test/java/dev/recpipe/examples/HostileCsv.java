package dev.recpipe.examples;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Generated CSV of the kind that breaks naive readers, the same for a given seed: quoted delimiters,
 * doubled and stray quotes, LF, CRLF and CR inside quotes, empty fields and an empty last field,
 * empty lines, LF or CRLF row ends, a byte order mark, no final line end, text from every UTF-8
 * length, control characters, and numbers of every shape {@code reader --typed} tells apart.
 *
 * <p>Only CSV that Python's {@code csv} module and reader read alike: a field that holds a
 * delimiter, a quote at its start, a CR or an LF is quoted (a bare CR outside quotes ends a row for
 * Python, and is text for reader, as RFC 4180 has it).
 */
final class HostileCsv {
  private static final String[] TEXTS = {
    "apple", "kiwi gold", " padded ", "say \"hi\"", "5\"", "\"quoted\"", "a,b", "a;b", "tab\there", "two\nlines",
    "crlf\r\ninside", "cr\ronly", "", "naïve", "東京", "🍎 and 🍐", "e\u0301", "line\u2028separator", "nul\u0000byte",
    "\u0001\u001f\u007f", "\\back\\slash", "{\"json\": [1]}", "\uFEFFbom inside", "trailing cr\r",
  };
  private static final String[] NUMBERS = {
    "0", "-0", "+5", "007", "12", " 12 ", "-3", "9223372036854775807", "9223372036854775808", "-9223372036854775809",
    "123456789012345678901234567890", "0.1", "19.99", "1.50", "-2e-3", ".5", "3.", "1E+5", "-0.0", "1e-300", "1e-310",
    "0.30000000000000004", "3.14159265358979323846", "1e400", "1e-400", "9007199254740993.0", "1_000", "NaN", "inf",
    "0x1f", "1,5", "12 kg", "1e", ".", "-", "1.2.3", "1e1234567890",
  };

  private final Random random;
  private final char delimiter;

  private HostileCsv(long seed, char delimiter) {
    this.random = new Random(seed);
    this.delimiter = delimiter;
  }

  /**
   * {@code rows} rows of random width, or, with {@code header}, a header of distinct names and rows of
   * its width ({@code ragged}: of about its width).
   */
  static byte[] generate(long seed, char delimiter, int rows, boolean header, boolean ragged) {
    return new HostileCsv(seed, delimiter).csv(rows, header, ragged).getBytes(StandardCharsets.UTF_8);
  }

  private String csv(int rows, boolean header, boolean ragged) {
    StringBuilder csv = new StringBuilder(random.nextInt(4) == 0 ? "\uFEFF" : "");
    int width = 1 + random.nextInt(8);
    if (header) row(csv, names(width));
    for (int i = 0; i < rows; i++) {
      int fields = !header ? 1 + random.nextInt(8) : ragged ? Math.max(1, width - 2 + random.nextInt(5)) : width;
      List<String> row = new ArrayList<>();
      for (int f = 0; f < fields; f++) row.add(random.nextBoolean() ? pick(NUMBERS) : pick(TEXTS));
      row(csv, row);
      if (random.nextInt(20) == 0) csv.append(lineEnd());
    }
    if (random.nextBoolean() && csv.length() > 0) csv.setLength(csv.length() - (csv.charAt(csv.length() - 2) == '\r' ? 2 : 1));
    return csv.toString();
  }

  private List<String> names(int width) {
    List<String> names = new ArrayList<>();
    for (int i = 0; i < width; i++) names.add(pick(TEXTS) + " " + i);
    return names;
  }

  private void row(StringBuilder csv, List<String> fields) {
    for (int i = 0; i < fields.size(); i++) {
      if (i > 0) csv.append(delimiter);
      csv.append(encode(fields.get(i)));
    }
    csv.append(lineEnd());
  }

  private String encode(String field) {
    boolean mustQuote = field.startsWith("\"") || field.indexOf(delimiter) >= 0 || field.contains("\r") || field.contains("\n");
    if (!mustQuote && random.nextInt(4) != 0) return field;
    return "\"" + field.replace("\"", "\"\"") + "\"";
  }

  private String lineEnd() {
    return random.nextBoolean() ? "\n" : "\r\n";
  }

  private String pick(String[] values) {
    return values[random.nextInt(values.length)];
  }
}
