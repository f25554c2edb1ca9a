package dev.recpipe.common.csv;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.recpipe.common.Limits;
import dev.recpipe.common.testing.Hex;
import dev.recpipe.common.testing.ThrottledInputStream;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * What must hold for {@link CsvTextParser}, {@link TypedFields} and {@link RowValues} on any input,
 * for the fuzz test and the random differential test alike.
 */
final class CsvTextChecks {
  static final byte[] DELIMITERS = {',', ';', '\t', ' '};
  /** A row limit that short inputs reach. */
  static final int SMALL_LIMIT = 8;

  private CsvTextChecks() {}

  /**
   * For each delimiter, with and without a header and with a small row limit, whole, one byte at a
   * time and in random reads: the rows, fields, bad rows and messages of {@link ReferenceTextParser},
   * and nothing thrown but the {@link CsvException} it would throw. Then each good row's typed values
   * are {@link ReferenceTypes}', and its record value is made or refused with a CsvException.
   */
  static void check(byte[] input) throws IOException {
    for (byte delimiter : DELIMITERS) {
      CsvFormat format = CsvFormat.DEFAULT.withDelimiter(delimiter);
      String what = "delimiter " + delimiter + ", input " + Hex.encode(input);
      for (CsvFormat each : List.of(format, format.withHeader(true))) {
        for (int limit : new int[] {Limits.MAX_ROW_BYTES, SMALL_LIMIT}) {
          List<String> expected = ReferenceTextParser.parse(input, each, limit);
          String case_ = what + (each.header() ? ", header" : "") + ", limit " + limit;
          assertEquals(expected, CsvTextRows.parse(new ByteArrayInputStream(input), each, limit), case_ + ", whole");
          assertEquals(expected, CsvTextRows.parse(oneByteAtATime(input), each, limit), case_ + ", one byte at a time");
          assertEquals(expected, CsvTextRows.parse(randomReads(input), each, limit), case_ + ", random reads");
        }
      }
      checkValues(input, format, what);
    }
  }

  private static void checkValues(byte[] input, CsvFormat format, String what) throws IOException {
    CsvTextParser parser = new CsvTextParser(new ByteArrayInputStream(input), "rows.csv", format);
    TypedFields types = new TypedFields(format);
    TextRow row = new TextRow();
    List<String> header = null;
    try {
      while (parser.next(row)) {
        if (row.isBad()) continue;
        for (int i = 0; i < row.size(); i++) {
          assertEquals(ReferenceTypes.valueOf(row.text(i), format.delimiter()), types.valueOf(row, i), what + ", field " + row.text(i));
        }
        if (header == null) header = row.texts();
        assertValue(row, RowValues.text(null, false), row.texts());
        assertValue(row, RowValues.typed(null, false, format), null);
        if (header.stream().distinct().count() == header.size()) {
          assertValue(row, RowValues.text(header, false), null);
          assertValue(row, RowValues.typed(header, true, format), null);
        }
      }
    } catch (CsvException e) {
      // an unterminated quote: the parse above compared it
    }
  }

  /** The row's value is made, or refused with a CsvException, and holds each field once. */
  private static void assertValue(TextRow row, RowValues values, List<String> expected) {
    try {
      Object value = values.valueOf(row, Long.MAX_VALUE);
      int size = value instanceof Map ? ((Map<?, ?>) value).size() : ((List<?>) value).size();
      assertEquals(row.size(), size);
      if (expected != null) assertEquals(expected, value);
    } catch (CsvException e) {
      assertEquals(true, e.getMessage().startsWith("rows.csv:"), e.getMessage());
    }
  }

  private static InputStream oneByteAtATime(byte[] input) {
    return ThrottledInputStream.oneByteAtATime(new ByteArrayInputStream(input));
  }

  private static InputStream randomReads(byte[] input) {
    return ThrottledInputStream.randomChunks(new ByteArrayInputStream(input), 16, Arrays.hashCode(input));
  }
}
