package dev.recpipe.common.csv;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Parses a whole input into one line of text per row, {@code line: [values]} or
 * {@code line: bad: message}, so a test can assert everything the parser saw with one equals.
 */
final class CsvRows {
  private CsvRows() {}

  static List<String> parse(String csv) throws IOException {
    return parse(csv, CsvFormat.DEFAULT);
  }

  static List<String> parse(String csv, CsvFormat format) throws IOException {
    return parse(new ByteArrayInputStream(csv.getBytes(StandardCharsets.UTF_8)), format);
  }

  static List<String> parse(InputStream in, CsvFormat format) throws IOException {
    CsvIntegerParser parser = new CsvIntegerParser(in, "rows.csv", format);
    IntegerRow row = new IntegerRow();
    List<String> rows = new ArrayList<>();
    while (parser.next(row)) rows.add(describe(row));
    return rows;
  }

  /** Like {@link #parse(InputStream, CsvFormat)}, but a {@link CsvException} is the last line, after the rows before it. */
  static List<String> parseUntilError(InputStream in, CsvFormat format) throws IOException {
    CsvIntegerParser parser = new CsvIntegerParser(in, "rows.csv", format);
    IntegerRow row = new IntegerRow();
    List<String> rows = new ArrayList<>();
    try {
      while (parser.next(row)) rows.add(describe(row));
    } catch (CsvException e) {
      rows.add("throws " + e.getMessage());
    }
    return rows;
  }

  static String describe(IntegerRow row) {
    if (row.isBad()) return row.line() + ": bad: " + row.error().getMessage();
    return row.line() + ": " + row.values();
  }
}
