package dev.recpipe.common.csv;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The parser's rules written the slow, obvious way, on the whole input at once, to check the fast
 * parser against. Output as {@link CsvRows}, or the message of the exception it would throw.
 */
final class ReferenceParser {
  private static final Pattern INTEGER = Pattern.compile("[+-]?[0-9]+");

  private final byte[] b;
  private final byte delimiter;
  private final String blanks;
  private int p;
  private long line = 1;

  private ReferenceParser(byte[] input, byte delimiter) {
    boolean bom = input.length >= 3 && (input[0] & 0xff) == 0xef && (input[1] & 0xff) == 0xbb && (input[2] & 0xff) == 0xbf;
    String text = new String(input, bom ? 3 : 0, input.length - (bom ? 3 : 0), StandardCharsets.ISO_8859_1);
    if (!text.isEmpty() && !text.endsWith("\n")) text += "\n"; // the last line may lack its newline
    this.b = text.getBytes(StandardCharsets.ISO_8859_1);
    this.delimiter = delimiter;
    this.blanks = delimiter == ' ' ? "\t" : delimiter == '\t' ? " " : " \t";
  }

  static List<String> parse(byte[] input, byte delimiter) {
    ReferenceParser parser = new ReferenceParser(input, delimiter);
    List<String> rows = new ArrayList<>();
    try {
      while (parser.skipEmptyLines()) rows.add(parser.row());
    } catch (IllegalStateException e) {
      rows.add("throws " + e.getMessage());
    }
    return rows;
  }

  private boolean skipEmptyLines() {
    while (p < b.length) {
      if (b[p] == '\n') {
        p++;
      } else if (b[p] == '\r' && b[p + 1] == '\n') {
        p += 2;
      } else {
        return true;
      }
      line++;
    }
    return false;
  }

  private String row() {
    long rowLine = line;
    List<Object> values = new ArrayList<>();
    String error = null;
    for (int field = 1; ; field++) {
      String problem = b[p] == '"' ? quotedField(field, values) : unquotedField(values);
      if (error == null && problem != null) error = "rows.csv:" + line + ":" + field + ": " + problem;
      line += newlinesSinceFieldStart;
      if (b[p] == delimiter) {
        p++;
        continue;
      }
      p += b[p] == '\r' ? 2 : 1;
      line++;
      return rowLine + ": " + (error != null ? "bad: " + error : values.toString());
    }
  }

  private int newlinesSinceFieldStart;

  private String unquotedField(List<Object> values) {
    newlinesSinceFieldStart = 0;
    int start = p;
    p = fieldEnd(p);
    return value(start, p, values);
  }

  private String quotedField(int field, List<Object> values) {
    int start = p;
    int q = p + 1;
    while (true) {
      if (q == b.length) {
        long last = line + count(start, b.length - 1);
        throw new IllegalStateException("rows.csv:" + last + ":" + field + ": unterminated quoted field (opened at line " + line + ")");
      }
      if (b[q] == '"' && q + 1 < b.length && b[q + 1] == '"') {
        q += 2;
      } else if (b[q] == '"') {
        break;
      } else {
        q++;
      }
    }
    p = q + 1;
    if (isFieldEnd(p)) {
      newlinesSinceFieldStart = count(start, q);
      return value(start + 1, q, values);
    }
    String found = FieldText.quote(b, p, p + 1);
    p = fieldEnd(p);
    newlinesSinceFieldStart = count(start, p);
    return "expected a delimiter or end of line after a closing quote, found " + found;
  }

  private int fieldEnd(int from) {
    int q = from;
    while (!isFieldEnd(q)) q++;
    return q;
  }

  private boolean isFieldEnd(int q) {
    return b[q] == delimiter || b[q] == '\n' || (b[q] == '\r' && b[q + 1] == '\n');
  }

  private String value(int from, int to, List<Object> values) {
    String content = new String(b, from, to - from, StandardCharsets.ISO_8859_1);
    String trimmed = trim(content);
    if (!INTEGER.matcher(trimmed).matches()) return "expected an integer, found " + FieldText.quote(b, from, to);
    BigInteger value = new BigInteger(trimmed);
    values.add(value.bitLength() < 64 ? (Object) value.longValue() : value);
    return null;
  }

  private String trim(String s) {
    int start = 0;
    int end = s.length();
    while (start < end && blanks.indexOf(s.charAt(start)) >= 0) start++;
    while (end > start && blanks.indexOf(s.charAt(end - 1)) >= 0) end--;
    return s.substring(start, end);
  }

  private int count(int from, int to) {
    int n = 0;
    for (int i = from; i < to; i++) if (b[i] == '\n') n++;
    return n;
  }
}
