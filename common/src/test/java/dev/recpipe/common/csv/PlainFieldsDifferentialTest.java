package dev.recpipe.common.csv;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.recpipe.common.Limits;
import dev.recpipe.common.testing.ThrottledInputStream;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * {@link CsvIntegerParser}'s loop over plain integer fields, 8 bytes at a time, against its general
 * scan (the parser with that loop off) and {@link ReferenceParser}: generated tables of every kind
 * of field next to each other (plain integers of 1 to 20 digits, signs, leading zeros, the edges of
 * a long and one past them, empty fields, quotes, blanks, text, fields longer than a read), LF and
 * CRLF, empty lines, with and without a last line end, read whole and in random reads. Every row, value
 * and {@code file:line:field} message must be the same. DifferentialTest's inputs are a few bytes; these
 * are hundreds of kilobytes, so rows cross the window's reads and its end.
 */
class PlainFieldsDifferentialTest {
  /** Fields next to which the loop must stop, or must not. */
  private static final String[] EDGES = {
    "", "0", "-0", "+0", "007", "-007", "+12", "-", "+", "--1", "1-", "1+2", "1a", "a1", "abc", "1 2",
    " 12", "12 ", "\t-3\t", "\"12\"", "\"-12\"", "\"1,2\"", "\"1\n2\"", "\"\"", "\"12\"x", "\"a\"\"b\"",
    "9223372036854775807", "-9223372036854775808", "9223372036854775808", "-9223372036854775809",
    "09223372036854775807", "-00009223372036854775808", "18446744073709551616",
    "99999999", "100000000", "12345678", "-12345678", "123456789", "9999999999999999",
    "10000000000000000", "-9999999999999999", "00000000000000001", "0000000000000000",
  };

  @Test
  void commaDelimited() throws IOException {
    compare((byte) ',', 11);
  }

  @Test
  void semicolonDelimited() throws IOException {
    compare((byte) ';', 12);
  }

  @Test
  void tabDelimited() throws IOException {
    compare((byte) '\t', 13);
  }

  @Test
  void spaceDelimited() throws IOException {
    compare((byte) ' ', 14);
  }

  /**
   * A row whose plain fields pass the row limit in a window that holds more than the limit: the loop
   * stops at the field that passes, which the row's message names. The window grows to 8 MiB to hold
   * row 1's long field, and the input's first read ends with row 1, so row 2 starts at the window's
   * start and the next read fills the window with it: a field of its 8-byte fields passes the limit
   * where the loop still reads (it stops 17 bytes before the window's end, and the window holds 16
   * bytes more than the limit).
   */
  @Test
  void plainFieldsPassingTheLimitInAGrownWindow() throws IOException {
    String row1 = "\"" + "a".repeat(Limits.MAX_ROW_BYTES - 10) + "\"\n";
    String row2 = "12345," + "1234567,".repeat(Limits.MAX_ROW_BYTES / 8 + 4) + "1\n";
    int passingField = (Limits.MAX_ROW_BYTES + 3) / 8 + 1; // field k > 1 ends at 8k - 3
    List<String> rows = summaries(twoReads(row1, row2 + "7\n"), true);
    assertEquals(List.of(
        "2: bad: rows.csv:2:" + passingField + ": row longer than " + Limits.MAX_ROW_BYTES + " bytes, the limit",
        "3: 1 values"), rows.subList(1, 3));
    assertEquals(summaries(twoReads(row1, row2 + "7\n"), false), rows);
  }

  /** {@code first}, then {@code rest}: a read returns bytes of one of them only. */
  private static InputStream twoReads(String first, String rest) {
    return new SequenceInputStream(new ByteArrayInputStream(first.getBytes(StandardCharsets.US_ASCII)),
        new ByteArrayInputStream(rest.getBytes(StandardCharsets.US_ASCII)));
  }

  /** Each row's line, and its count of values or what is wrong with it: rows too long to describe. */
  private static List<String> summaries(InputStream in, boolean plainFields) throws IOException {
    CsvIntegerParser parser = new CsvIntegerParser(in, "rows.csv", CsvFormat.DEFAULT, 1, plainFields);
    IntegerRow row = new IntegerRow();
    List<String> rows = new ArrayList<>();
    while (parser.next(row)) {
      rows.add(row.line() + ": " + (row.isBad() ? "bad: " + row.error().getMessage() : row.size() + " values"));
    }
    return rows;
  }

  private static void compare(byte delimiter, long seed) throws IOException {
    Random random = new Random(seed);
    CsvFormat format = CsvFormat.DEFAULT.withDelimiter(delimiter);
    for (int i = 0; i < 8; i++) {
      byte[] input = table(random, delimiter, 2_000 + random.nextInt(4_000));
      String what = "seed " + seed + ", table " + i;
      List<String> general = parse(new ByteArrayInputStream(input), format, false);
      assertEquals(ReferenceParser.parse(input, delimiter), general, what);
      assertEquals(general, parse(new ByteArrayInputStream(input), format, true), what);
      InputStream chunks = ThrottledInputStream.randomChunks(new ByteArrayInputStream(input), 1 + random.nextInt(100_000), seed + i);
      assertEquals(general, parse(chunks, format, true), what + ", random reads");
    }
  }

  /** Rows as {@link CsvRows#describe} puts them, and a {@link CsvException} as the last line. */
  private static List<String> parse(InputStream in, CsvFormat format, boolean plainFields) throws IOException {
    CsvIntegerParser parser = new CsvIntegerParser(in, "rows.csv", format, 1, plainFields);
    IntegerRow row = new IntegerRow();
    List<String> rows = new ArrayList<>();
    try {
      while (parser.next(row)) rows.add(CsvRows.describe(row));
    } catch (CsvException e) {
      rows.add("throws " + e.getMessage());
    }
    return rows;
  }

  private static byte[] table(Random random, byte delimiter, int rows) {
    StringBuilder csv = new StringBuilder();
    int width = 1 + random.nextInt(12);
    for (int r = 0; r < rows; r++) {
      int fields = random.nextInt(10) == 0 ? 1 + random.nextInt(30) : width;
      for (int f = 0; f < fields; f++) {
        if (f > 0) csv.append((char) delimiter);
        csv.append(field(random));
      }
      csv.append(lineEnd(random));
    }
    if (random.nextBoolean()) csv.setLength(csv.length() - 1); // no line end, or a CR alone, at the end
    return csv.toString().getBytes(StandardCharsets.ISO_8859_1);
  }

  private static String field(Random random) {
    int kind = random.nextInt(1000);
    if (kind < 600) return plainInteger(random, 1 + random.nextInt(7));
    if (kind < 750) return plainInteger(random, 8 + random.nextInt(13));
    if (kind < 970) return EDGES[random.nextInt(EDGES.length)];
    if (kind < 999) return "0".repeat(random.nextInt(20)) + plainInteger(random, 1 + random.nextInt(300));
    // longer than a read (64 KiB): leading zeros, then a value within a long or of a few thousand
    // digits (whose text is quick to make), or text
    String zeros = "0".repeat(70_000);
    int longKind = random.nextInt(3);
    return longKind == 0 ? "-" + zeros + plainInteger(random, 1 + random.nextInt(19)).replace("-", "")
        : longKind == 1 ? zeros + plainInteger(random, 1 + random.nextInt(1_000)).replace("-", "")
        : zeros + "x";
  }

  /** An optional sign, sometimes leading zeros, then digits. */
  private static String plainInteger(Random random, int digits) {
    StringBuilder text = new StringBuilder();
    int sign = random.nextInt(10);
    if (sign < 3) text.append('-');
    if (sign == 3) text.append('+');
    boolean leadingZeros = random.nextInt(8) == 0;
    for (int d = 0; d < digits; d++) text.append((char) ('0' + (d == 0 && !leadingZeros ? 1 + random.nextInt(9) : random.nextInt(10))));
    return text.toString();
  }

  private static String lineEnd(Random random) {
    int kind = random.nextInt(20);
    if (kind < 13) return "\n";
    if (kind < 17) return "\r\n";
    if (kind < 18) return "\n\n";
    if (kind < 19) return "\r\n\r\n";
    return "\n \n"; // a line of one blank: a row of one empty field
  }
}
