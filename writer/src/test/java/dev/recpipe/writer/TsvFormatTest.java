package dev.recpipe.writer;

import static dev.recpipe.writer.Records.map;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.recpipe.common.testing.ToolRun;
import java.math.BigInteger;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@code --format tsv}: tab-separated, backslash escapes in text, never quoted. */
class TsvFormatTest {
  private static String tsv(byte[] records) {
    ToolRun run = ToolRun.of(new WriterCommand(), records, "--format", "tsv");
    assertEquals("", run.stderr());
    assertEquals(0, run.status());
    return run.stdout();
  }

  @Test
  void integersAndArrays() {
    assertEquals("0\t6\n1\t1\t2\t3\n2\t-18446744073709551617\n",
        tsv(Records.of(6L, List.of(1L, 2L, 3L), BigInteger.ONE.shiftLeft(64).negate().subtract(BigInteger.ONE))));
  }

  @Test
  void tabLineBreaksAndBackslashAreEscaped() {
    assertEquals("0\ta\\tb\n1\tx\\ny\\r\\\\z\n2\t\\\\t is not a tab\n",
        tsv(Records.of("a\tb", "x\ny\r\\z", "\\t is not a tab")));
  }

  @Test
  void commasAndQuotesNeedNothing() {
    assertEquals("0\ta,b\t\"q\"\n", tsv(Records.of(List.of("a,b", "\"q\""))));
  }

  @Test
  void nestedJsonTextIsEscapedToo() {
    // JSON ["a\"b\tc"] with its backslashes doubled
    assertEquals("0\t1\t[\"a\\\\\"b\\\\tc\"]\t{\"k\":null}\n",
        tsv(Records.of(List.of(1L, List.of("a\"b\tc"), map("k", null)))));
  }

  @Test
  void otherScalarsAsInCsv() {
    assertEquals("0\t\ttrue\tfalse\t2.0\tNaN\tAAEC\n",
        tsv(Records.of(Arrays.asList(null, true, false, 2.0, Double.NaN, new byte[] {0, 1, 2}))));
  }
}
