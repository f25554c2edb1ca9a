package dev.recpipe.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Which lines make a record: reader's rules (docs/reader.md), which the first pass's counts follow. */
class ReaderOptionsTest {
  private static final ReaderOptions CSV = new ReaderOptions(false, false, null);
  private static final ReaderOptions LINES = new ReaderOptions(true, false, null);

  @ParameterizedTest(name = "\"{0}\" at the input's start: {1}; CSV record: {2}")
  @CsvSource(delimiter = '|', value = {
    "''                | false | false",
    "'\\r'             | false | false",
    "'1'               | false | true",
    "' '               | false | true",
    "'\\r\\r'          | false | true",
    "'\\uFEFF'         | true  | false",
    "'\\uFEFF\\r'      | true  | false",
    "'\\uFEFF1'        | true  | true",
    "'\\uFEFF'         | false | true",
  })
  void csvRecordsAreTheLinesThatAreNotEmpty(String escaped, boolean atInputStart, boolean record) {
    byte[] line = unescape(escaped).getBytes(StandardCharsets.UTF_8);
    assertEquals(record, CSV.makesRecord(line, line.length, atInputStart));
    assertEquals(true, LINES.makesRecord(line, line.length, atInputStart), "with --lines every line is a record");
  }

  private static String unescape(String text) {
    return text.replace("\\r", "\r").replace("\\uFEFF", "\uFEFF");
  }
}
