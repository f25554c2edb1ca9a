package dev.recpipe.common.csv;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.io.IOException;

/**
 * Fuzzing {@link CsvTextParser} (reader --text and --typed) against {@link ReferenceTextParser}
 * (docs/fuzzing.md): for any bytes, each delimiter, with a header or not and a small row limit,
 * whole, one byte at a time and in random reads, the same rows, fields, bad rows and {@code
 * file:line:field} messages, and no exception but a {@link CsvException}; {@link TypedFields} types
 * every good field as {@link ReferenceTypes} does; {@link RowValues} makes every row's value or
 * refuses it with a CsvException. {@link CsvTextDifferentialTest} does the same on random inputs.
 *
 * <p>The normal test run replays the files under {@code CsvTextParserFuzzTestInputs/} in the test
 * resources; {@code JAZZER_FUZZ=1} looks for new ones.
 */
class CsvTextParserFuzzTest {
  @FuzzTest
  void rowsAreTheReferenceParsersRows(byte[] input) throws IOException {
    CsvTextChecks.check(input);
  }
}
