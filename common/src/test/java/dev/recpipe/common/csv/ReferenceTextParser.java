package dev.recpipe.common.csv;

import dev.recpipe.common.Utf8;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * {@link CsvTextParser}'s rules written the slow, obvious way, on the whole input at once, to check
 * the fast parser against: each field's content is gathered byte by byte with each byte's offset in
 * the input, so a bad byte's offset is read off, not computed. Output as {@link CsvTextRows}.
 */
final class ReferenceTextParser {
  private final byte[] b;
  private final byte delimiter;
  private final int maxRowBytes;
  private final long lastLine;
  private int p;
  private long line = 1;

  private ReferenceTextParser(byte[] input, byte delimiter, int maxRowBytes) {
    boolean bom = input.length >= 3 && (input[0] & 0xff) == 0xef && (input[1] & 0xff) == 0xbb && (input[2] & 0xff) == 0xbf;
    boolean newline = input.length > 0 && input[input.length - 1] != '\n'; // the last line may lack its line end
    this.b = new byte[input.length + (newline ? 1 : 0)];
    System.arraycopy(input, 0, b, 0, input.length);
    if (newline) b[input.length] = '\n';
    this.p = bom ? 3 : 0;
    this.delimiter = delimiter;
    this.maxRowBytes = maxRowBytes;
    long lineFeeds = 0;
    for (byte c : b) {
      if (c == '\n') lineFeeds++;
    }
    this.lastLine = lineFeeds;
  }

  static List<String> parse(byte[] input, CsvFormat format, int maxRowBytes) {
    ReferenceTextParser parser = new ReferenceTextParser(input, format.delimiter(), maxRowBytes);
    List<String> rows = new ArrayList<>();
    try {
      if (format.header() && parser.skipEmptyLines()) rows.add(parser.header());
      while (parser.skipEmptyLines()) rows.add(parser.row().describe());
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

  private String header() {
    Row row = row();
    if (row.problem() != null) throw new IllegalStateException(row.problem());
    Map<String, Integer> seen = new HashMap<>();
    for (int i = 0; i < row.fields.size(); i++) {
      Integer earlier = seen.putIfAbsent(row.fields.get(i), i + 1);
      if (earlier != null) {
        byte[] name = row.fields.get(i).getBytes(StandardCharsets.UTF_8);
        throw new IllegalStateException("rows.csv:" + row.fieldLines.get(i) + ":" + (i + 1) + ": the header names "
            + FieldText.quote(name, 0, name.length) + " twice, as field " + earlier + " and " + (i + 1));
      }
    }
    return "header: " + CsvTextRows.quoted(row.fields);
  }

  /** One row: its fields, the line each starts on, and its problem. */
  private static final class Row {
    long line;
    List<String> fields = new ArrayList<>();
    List<Long> fieldLines = new ArrayList<>();
    String error;
    String tooLong;

    /** A row past the limit is reported as such, whatever else is wrong in it. */
    String problem() {
      return tooLong != null ? tooLong : error;
    }

    String describe() {
      String problem = problem();
      return line + ": " + (problem != null ? "bad: " + problem : CsvTextRows.quoted(fields));
    }
  }

  private Row row() {
    Row row = new Row();
    row.line = line;
    int rowStart = p;
    for (int field = 1; ; field++) {
      long fieldLine = line;
      row.fieldLines.add(fieldLine);
      ByteArrayOutputStream content = new ByteArrayOutputStream();
      List<Integer> offsets = new ArrayList<>();
      if (b[p] == '"') {
        p++;
        while (true) {
          if (p == b.length) {
            throw new IllegalStateException("rows.csv:" + fieldLine + ":" + field
                + ": unterminated quoted field: the input ends at line " + lastLine + " before its closing quote");
          }
          if (b[p] == '"' && p + 1 < b.length && b[p + 1] == '"') {
            content.write('"');
            offsets.add(p);
            p += 2;
          } else if (b[p] == '"') {
            break;
          } else {
            if (b[p] == '\n') line++;
            content.write(b[p]);
            offsets.add(p);
            p++;
          }
        }
        p++; // the closing quote
        checkUtf8(row, field, fieldLine, content.toByteArray(), offsets);
        if (!isFieldEnd(p)) {
          problem(row, field, fieldLine, "expected a delimiter or end of line after a closing quote, found "
              + FieldText.quote(b, p, p + 1));
          while (!isFieldEnd(p)) p++;
        }
      } else {
        while (!isFieldEnd(p)) {
          content.write(b[p]);
          offsets.add(p);
          p++;
        }
        checkUtf8(row, field, fieldLine, content.toByteArray(), offsets);
      }
      row.fields.add(new String(content.toByteArray(), StandardCharsets.UTF_8));
      if (row.tooLong == null && p - rowStart > maxRowBytes) {
        row.tooLong = "rows.csv:" + row.line + ":" + field + ": row longer than " + maxRowBytes + " bytes, the limit";
      }
      if (b[p] == delimiter) {
        p++;
        continue;
      }
      p += b[p] == '\r' ? 2 : 1;
      line++;
      return row;
    }
  }

  private boolean isFieldEnd(int at) {
    return b[at] == delimiter || b[at] == '\n' || (b[at] == '\r' && b[at + 1] == '\n');
  }

  private void checkUtf8(Row row, int field, long fieldLine, byte[] content, List<Integer> offsets) {
    int bad = Utf8.firstInvalid(content, 0, content.length);
    if (bad < 0) return;
    problem(row, field, fieldLine, "invalid UTF-8 at byte offset " + offsets.get(bad) + ": "
        + Utf8.problemAt(content, bad, content.length, "the end of the field"));
  }

  private static void problem(Row row, int field, long fieldLine, String problem) {
    if (row.error == null) row.error = "rows.csv:" + fieldLine + ":" + field + ": " + problem;
  }
}
