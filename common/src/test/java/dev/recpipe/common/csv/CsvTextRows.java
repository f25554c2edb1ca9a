package dev.recpipe.common.csv;

import dev.recpipe.common.Limits;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Parses a whole input with {@link CsvTextParser} into one line of text per row, {@code line: "a"
 * "b"} or {@code line: bad: message}, the header as {@code header: "a" "b"}, and an exception as a
 * last {@code throws message}, so a test can assert everything the parser saw with one equals.
 */
final class CsvTextRows {
  private CsvTextRows() {}

  static List<String> parse(String csv, CsvFormat format) throws IOException {
    return parse(new ByteArrayInputStream(csv.getBytes(StandardCharsets.UTF_8)), format, Limits.MAX_ROW_BYTES);
  }

  static List<String> parse(InputStream in, CsvFormat format, int maxRowBytes) throws IOException {
    CsvTextParser parser = new CsvTextParser(in, "rows.csv", format, 1, 0, maxRowBytes);
    TextRow row = new TextRow();
    List<String> rows = new ArrayList<>();
    try {
      if (parser.header() != null) rows.add("header: " + quoted(parser.header()));
      while (parser.next(row)) rows.add(describe(row));
    } catch (CsvException e) {
      rows.add("throws " + e.getMessage());
    }
    return rows;
  }

  static String describe(TextRow row) {
    if (row.isBad()) return row.line() + ": bad: " + row.error().getMessage();
    return row.line() + ": " + quoted(row.texts());
  }

  /** Each field in double quotes, backslash and quote escaped, so that no two rows look alike. */
  static String quoted(List<String> fields) {
    StringBuilder text = new StringBuilder();
    for (String field : fields) {
      if (text.length() > 0) text.append(' ');
      text.append('"').append(field.replace("\\", "\\\\").replace("\"", "\\\"")).append('"');
    }
    return text.toString();
  }
}
