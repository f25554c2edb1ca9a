package dev.recpipe.common.csv;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.recpipe.common.Limits;
import dev.recpipe.common.RecordReader;
import dev.recpipe.common.RecordWriter;
import dev.recpipe.common.testing.Allocations;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The CSV row limit, {@link Limits#MAX_ROW_BYTES} (docs/FORMAT.md, docs/reader.md). Issue 10: one
 * 24 MB row made reader die of OutOfMemoryError, with no file or line, under the launcher's 256 MiB
 * heap. Now a row up to the limit is read, and its record fits the record limit; a longer one is a
 * bad row naming file, line and field, skipped without being kept, and the next row is read.
 */
class RowLimitTest {
  private static final String TOO_LONG = "row longer than " + Limits.MAX_ROW_BYTES + " bytes, the limit";

  /**
   * An integer as long as a row may be, 8,388,591 digits and a sign, is read, as FORMAT.md promises
   * integers of any size up to the limit. Digits became a {@code BigInteger} through its decimal
   * constructor, whose time grows with the square of the digits: 23 s for a million, some 25 minutes
   * for the longest row, a reader that looked hung. The timeout only catches that hang (the row takes
   * about a second now).
   */
  @Test
  @Timeout(value = 120, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
  void anIntegerAsLongAsTheRowLimitIsRead() throws IOException {
    String digits = "1" + "0".repeat(Limits.MAX_ROW_BYTES - 2);
    CsvIntegerParser parser = new CsvIntegerParser(concat("-" + digits + "\n"), "rows.csv", CsvFormat.DEFAULT);
    IntegerRow row = new IntegerRow();
    assertTrue(parser.next(row));
    assertFalse(row.isBad(), () -> row.error().getMessage());
    assertEquals(BigInteger.TEN.pow(Limits.MAX_ROW_BYTES - 2).negate(), row.bigValue(0));
  }

  @Test
  void rowOfExactlyTheLimitIsReadAndItsRecordFitsTheRecordLimit() throws IOException {
    for (String lineEnd : List.of("\n", "\r\n")) {
      // "24," takes 3 bytes, its integer 2 in CBOR (18 18); padding blanks make the length exact
      int fields = Limits.MAX_ROW_BYTES / 3;
      String padding = " ".repeat(Limits.MAX_ROW_BYTES - 3 * fields + 1);
      InputStream in = concat("24,".repeat(fields - 1) + "24" + padding + lineEnd + "7" + lineEnd);
      CsvIntegerParser parser = new CsvIntegerParser(in, "rows.csv", CsvFormat.DEFAULT);
      IntegerRow row = new IntegerRow();
      assertTrue(parser.next(row));
      assertFalse(row.isBad(), () -> row.error().getMessage());
      assertEquals(fields, row.size());

      ByteArrayOutputStream out = new ByteArrayOutputStream();
      RecordWriter writer = new RecordWriter(out);
      writer.writeIntegers(Long.MAX_VALUE, row.longs(), row.size());
      writer.flush();
      assertTrue(out.size() <= Limits.MAX_RECORD_BYTES, () -> out.size() + " bytes");
      RecordReader reader = new RecordReader(new ByteArrayInputStream(out.toByteArray()));
      assertTrue(reader.next());
      assertEquals(Long.MAX_VALUE, reader.seq());

      assertTrue(parser.next(row));
      assertEquals("2: [7]", describe(row));
      assertFalse(parser.next(row));
    }
  }

  @Test
  void rowOneByteLongerIsBadNamingTheFieldThatPassedTheLimitAndTheNextRowIsRead() throws IOException {
    int fields = Limits.MAX_ROW_BYTES / 3;
    String padding = " ".repeat(Limits.MAX_ROW_BYTES - 3 * fields + 2);
    List<String> rows = parse(concat("1\n" + "24,".repeat(fields - 1) + "24" + padding + "\r\n7\n"));
    assertEquals(List.of("1: [1]", "2: bad: rows.csv:2:" + fields + ": " + TOO_LONG, "3: [7]"), rows);
  }

  /** The field that passes the limit, while the row goes on: the rest is skipped, delimiters and all. */
  @Test
  void rowLongerThanTheLimitIsSkippedToItsEnd() throws IOException {
    String row = "9,".repeat(Limits.MAX_ROW_BYTES / 2) + "\"12\",\"a,\nb\"\"\",\"\"\"\n\",x\"y,\"c\"d\n";
    List<String> rows = parse(concat(row + "5,6\n"));
    assertEquals(List.of("1: bad: rows.csv:1:" + (Limits.MAX_ROW_BYTES / 2 + 1) + ": " + TOO_LONG,
        "4: [5, 6]"), rows);
  }

  @Test
  void quoteLeftOpenInTheSkippedPartEndsTheInput() {
    String row = "9,".repeat(Limits.MAX_ROW_BYTES / 2) + "1,\"a\nb\n";
    CsvException e = assertThrows(CsvException.class, () -> parse(concat(row)));
    assertEquals("rows.csv:2:" + (Limits.MAX_ROW_BYTES / 2 + 2) + ": unterminated quoted field (opened at line 1)",
        e.getMessage());
  }

  /** The rows of issue 10: 24 MB of "1," (twelve million fields), and one field of 24 MB of digits. */
  @Test
  void rowsOf24MegabytesAreBadRowsInBoundedMemory() throws Exception {
    int bytes = 24_000_000;
    List<String> rows = Allocations.atMost(200L << 20, () -> parse(new SequenceInputStream(
        repeat("1,", bytes / 2), concat("1\n2\n"))), () -> "24 MB of 1,");
    assertEquals(List.of("1: bad: rows.csv:1:" + (Limits.MAX_ROW_BYTES / 2 + 1) + ": " + TOO_LONG, "2: [2]"), rows);

    rows = Allocations.atMost(64L << 20, () -> parse(new SequenceInputStream(
        repeat("7", bytes), concat("\n2\n"))), () -> "a field of 24 MB");
    assertEquals(List.of("1: bad: rows.csv:1:1: " + TOO_LONG, "2: [2]"), rows);
  }

  /**
   * A caller that stops at the first bad row (reader without --skip-bad, summer --csv) is told at
   * the limit, not at the row's end, which may never come: {@code reader /dev/zero} ran for ever, and
   * a 2 GB file with no line end was read whole before its first line was named. The input here has
   * no end at all; the parser must throw having read no more than the limit and a window.
   */
  @Test
  @Timeout(value = 120, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
  void aParserThatStopsAtTheFirstBadRowThrowsAtTheLimitOfARowWithNoEnd() {
    String[][] cases = { // the input's start, the unit repeated after it, the error
      {"3\n", "1,", "rows.csv:2:" + (Limits.MAX_ROW_BYTES / 2 + 1) + ": " + TOO_LONG}, // fields without end
      {"3\n", "7", "rows.csv:2:1: " + TOO_LONG}, // one field without end
      {"3\n\"", "1,\n", "rows.csv:2:1: " + TOO_LONG}, // a quoted field without end, over many lines
      {"3\nx,", "1,", "rows.csv:2:1: expected an integer, found \"x\""}, // the row's first problem, as ever
    };
    for (String[] c : cases) {
      Endless in = new Endless(c[0], c[1]);
      CsvIntegerParser parser = new CsvIntegerParser(in, "rows.csv", CsvFormat.DEFAULT);
      parser.stopAtARowPastTheLimit();
      IntegerRow row = new IntegerRow();
      CsvException e = assertThrows(CsvException.class, () -> {
        while (parser.next(row)) assertFalse(row.isBad(), () -> row.error().getMessage());
      }, c[1]);
      assertEquals(c[2], e.getMessage());
      assertTrue(in.read < Limits.MAX_ROW_BYTES + (1 << 20), () -> c[1] + ": read " + in.read + " bytes");
    }

    for (String[] c : new String[][] {{"3\n", "a,"}, {"3\n\"", "\u00e9,\n"}}) { // and --text's parser, at its limit
      String unit = c[1];
      Endless in = new Endless(c[0], unit);
      CsvTextParser parser = new CsvTextParser(in, "rows.csv", CsvFormat.DEFAULT, 1, 0, 1000);
      parser.stopAtARowPastTheLimit();
      TextRow row = new TextRow();
      CsvException e = assertThrows(CsvException.class, () -> {
        while (parser.next(row)) assertFalse(row.isBad(), () -> row.error().getMessage());
      }, unit);
      assertTrue(e.getMessage().matches("rows\\.csv:2:[0-9]+: row longer than 1000 bytes, the limit"), e.getMessage());
      assertTrue(in.read < 1000 + (1 << 20), () -> unit + ": read " + in.read + " bytes");
    }
  }

  /** {@code head}, then {@code unit} over and over, for ever; counts the bytes read. */
  private static final class Endless extends InputStream {
    private final byte[] head;
    private final byte[] unit;
    long read;

    Endless(String head, String unit) {
      this.head = head.getBytes(StandardCharsets.UTF_8);
      this.unit = unit.getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public int read() {
      byte b = read < head.length ? head[(int) read] : unit[(int) ((read - head.length) % unit.length)];
      read++;
      return b & 0xff;
    }

    @Override
    public int read(byte[] b, int off, int len) {
      for (int i = 0; i < len; i++) b[off + i] = (byte) read();
      return len;
    }
  }

  private static List<String> parse(InputStream in) throws IOException {
    CsvIntegerParser parser = new CsvIntegerParser(in, "rows.csv", CsvFormat.DEFAULT);
    IntegerRow row = new IntegerRow();
    List<String> rows = new ArrayList<>();
    while (parser.next(row)) rows.add(describe(row));
    return rows;
  }

  private static String describe(IntegerRow row) {
    if (row.isBad()) return row.line() + ": bad: " + row.error().getMessage();
    return row.line() + ": " + row.values();
  }

  private static InputStream concat(String text) {
    return new ByteArrayInputStream(text.getBytes(StandardCharsets.US_ASCII));
  }

  /** {@code unit} {@code times} times, made as it is read. */
  private static InputStream repeat(String unit, int times) {
    byte[] chunk = unit.repeat(Math.max(1, 65536 / unit.length())).getBytes(StandardCharsets.US_ASCII);
    int units = chunk.length / unit.length();
    List<InputStream> parts = new ArrayList<>();
    for (int left = times; left > 0; left -= units) {
      parts.add(new ByteArrayInputStream(chunk, 0, Math.min(left, units) * unit.length()));
    }
    return new SequenceInputStream(Collections.enumeration(parts));
  }
}
