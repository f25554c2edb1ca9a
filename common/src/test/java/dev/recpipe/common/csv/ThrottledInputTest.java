package dev.recpipe.common.csv;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.recpipe.common.testing.ThrottledInputStream;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Random;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/**
 * The parser must see the same rows however the input is split into reads: a field, a CRLF, a
 * doubled quote or the byte order mark may be cut anywhere.
 */
class ThrottledInputTest {
  private static final CsvFormat FORMAT = CsvFormat.DEFAULT;

  @Test
  void oneByteAtATime() throws IOException {
    assertSameRows(ThrottledInputStream::oneByteAtATime);
  }

  @Test
  void randomSmallChunks() throws IOException {
    for (long seed = 1; seed <= 5; seed++) {
      long s = seed;
      assertSameRows(in -> ThrottledInputStream.randomChunks(in, 17, s));
    }
  }

  @Test
  void randomLargeChunks() throws IOException {
    for (long seed = 1; seed <= 5; seed++) {
      long s = seed;
      assertSameRows(in -> ThrottledInputStream.randomChunks(in, 100_000, s));
    }
  }

  @Test
  void unterminatedQuoteOneByteAtATime() {
    byte[] csv = "1,2\r\n\"3\r\n4".getBytes(StandardCharsets.US_ASCII);
    CsvException e = assertThrows(CsvException.class,
        () -> CsvRows.parse(ThrottledInputStream.oneByteAtATime(new ByteArrayInputStream(csv)), FORMAT));
    assertEquals("rows.csv:3:1: unterminated quoted field (opened at line 2)", e.getMessage());
  }

  private static void assertSameRows(Function<InputStream, InputStream> throttle) throws IOException {
    byte[] csv = generate(3000, 42);
    List<String> expected = CsvRows.parse(new ByteArrayInputStream(csv), FORMAT);
    assertEquals(3000, expected.size());
    List<String> actual = CsvRows.parse(throttle.apply(new ByteArrayInputStream(csv)), FORMAT);
    assertEquals(expected, actual);
  }

  /** Rows of every kind the parser treats differently, with LF and CRLF ends and empty lines. */
  static byte[] generate(int rows, long seed) {
    Random random = new Random(seed);
    StringBuilder csv = new StringBuilder("\uFEFF");
    for (int i = 0; i < rows; i++) {
      int fields = 1 + random.nextInt(8);
      for (int f = 0; f < fields; f++) {
        if (f > 0) csv.append(',');
        csv.append(field(random));
      }
      csv.append(random.nextBoolean() ? "\r\n" : "\n");
      if (random.nextInt(10) == 0) csv.append(random.nextBoolean() ? "\r\n" : "\n");
    }
    return csv.toString().getBytes(StandardCharsets.UTF_8);
  }

  private static String field(Random random) {
    switch (random.nextInt(12)) {
      case 0:
        return "\"" + random.nextInt() + "\"";
      case 1:
        return "\" " + random.nextLong() + "\t\"";
      case 2:
        return "\"1\"\"2\"";
      case 3:
        return "\"3\r\n4\n\"";
      case 4:
        return "-" + "9".repeat(19 + random.nextInt(30));
      case 5:
        return " +" + random.nextInt(1000) + " ";
      case 6:
        return "abc";
      case 7:
        return "\"5\"x";
      case 8:
        return Long.toString(random.nextLong());
      default:
        return Integer.toString(random.nextInt(1_000_000));
    }
  }
}
