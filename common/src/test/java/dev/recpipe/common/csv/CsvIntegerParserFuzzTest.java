package dev.recpipe.common.csv;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.recpipe.common.testing.Hex;
import dev.recpipe.common.testing.ThrottledInputStream;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.Arrays;
import java.util.List;

/**
 * Fuzzing {@link CsvIntegerParser} against {@link ReferenceParser} (docs/fuzzing.md): for any bytes
 * and each delimiter, the fast parser finds the rows, values, bad fields and their
 * {@code file:line:field} messages the slow, obvious one finds, and fails only with the
 * {@link CsvException} it would throw, whether the bytes arrive whole, one at a time or in random
 * reads, and with a header row skipped too. DifferentialTest does the same on random inputs; this
 * lets coverage steer them.
 *
 * <p>The normal test run replays the files under {@code CsvIntegerParserFuzzTestInputs/} in the test
 * resources; {@code JAZZER_FUZZ=1} looks for new ones.
 */
class CsvIntegerParserFuzzTest {
  private static final byte[] DELIMITERS = {',', ';', '\t', ' '};

  @FuzzTest
  void rowsAreTheReferenceParsersRows(byte[] input) throws IOException {
    for (byte delimiter : DELIMITERS) {
      List<String> expected = ReferenceParser.parse(input, delimiter);
      CsvFormat format = CsvFormat.DEFAULT.withDelimiter(delimiter);
      String what = "delimiter " + delimiter + ", input " + Hex.encode(input);
      assertEquals(expected, parse(input, format, 0), what);
      assertEquals(expected, parse(input, format, 1), what);
      assertEquals(expected, parse(input, format, 16), what);
      assertEquals(withoutHeader(expected), parse(input, format.withHeader(true), 16), what);
    }
  }

  /** Rows in reads of at most {@code maxRead} bytes, 0 for all at once; see {@link CsvRows#describe}. */
  private static List<String> parse(byte[] input, CsvFormat format, int maxRead) throws IOException {
    ByteArrayInputStream whole = new ByteArrayInputStream(input);
    return CsvRows.parseUntilError(maxRead == 0 ? whole
        : maxRead == 1 ? ThrottledInputStream.oneByteAtATime(whole)
        : ThrottledInputStream.randomChunks(whole, maxRead, Arrays.hashCode(input)), format);
  }

  /** A header is the first row, good or bad, whose line numbers count on; an open quote in it still ends the input. */
  private static List<String> withoutHeader(List<String> rows) {
    return rows.isEmpty() || rows.get(0).startsWith("throws ") ? rows : rows.subList(1, rows.size());
  }
}
