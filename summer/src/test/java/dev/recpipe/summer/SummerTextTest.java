package dev.recpipe.summer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.recpipe.common.testing.ThrottledInputStream;
import dev.recpipe.common.testing.ToolRun;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** {@code summer --text}: CSV rows in, one decimal sum per line out. */
class SummerTextTest {
  @Test
  void sums() {
    assertOutput("3\n7\n", "1,2\n3,4\n");
  }

  @Test
  void oneField() {
    assertOutput("-5\n", "-5\n");
  }

  @Test
  void emptyLinesSkipped() {
    assertOutput("3\n7\n", "\n1,2\r\n\r\n3,4");
  }

  @Test
  void quotedFieldsAndBlanks() {
    assertOutput("6\n", "\"1\", 2 ,\t3\n");
  }

  @Test
  void sumBeyondLong() {
    assertOutput("18446744073709551614\n-9223372036854775809\n",
        "9223372036854775807,9223372036854775807\n-9223372036854775808,-1\n");
  }

  @Test
  void bignumFields() {
    String big = "123456789012345678901234567890";
    assertOutput("123456789012345678901234567891\n0\n", big + ",1\n" + big + ",-" + big + "\n");
  }

  @Test
  void sumFallsBackIntoLongRange() {
    assertOutput("1\n", "9223372036854775807,9223372036854775807,-9223372036854775807,-9223372036854775806\n");
  }

  @Test
  void delimiter() {
    assertOutput("3\n", "1;2\n", "-d", ";");
    assertOutput("3\n", "1\t2\n", "--delimiter", "tab");
  }

  @Test
  void oneByteAtATime() {
    byte[] csv = "1,2\r\n\"3\",4\n\n5".getBytes(StandardCharsets.US_ASCII);
    ToolRun run = ToolRun.of(new SummerCommand(), ThrottledInputStream.oneByteAtATime(new ByteArrayInputStream(csv)), "--text");
    assertEquals(0, run.status(), run.stderr());
    assertEquals("3\n7\n5\n", run.stdout());
  }

  @Test
  void badField() {
    ToolRun run = text("1,2\n3,x\n5\n");
    assertEquals(1, run.status());
    assertEquals("summer: stdin:2:2: expected an integer, found \"x\"\n", run.stderr());
    assertEquals("3\n", run.stdout()); // the sums before, nothing after
  }

  @Test
  void unterminatedQuote() {
    ToolRun run = text("1\n\"2\n");
    assertEquals(1, run.status());
    assertEquals("summer: stdin:2:1: unterminated quoted field (opened at line 2)\n", run.stderr());
    assertEquals("1\n", run.stdout());
  }

  @Test
  void badDelimiter() {
    ToolRun run = text("1\n", "-d", "12");
    assertEquals(2, run.status());
    assertEquals(
        "summer: -d: '12' is not one character; give one ASCII character, or \\t or tab for a tab\n"
            + "Try 'summer --help' for more information.\n",
        run.stderr());
  }

  @Test
  void delimiterNeedsText() {
    ToolRun run = ToolRun.of(new SummerCommand(), new byte[0], "-d", ";");
    assertEquals(2, run.status());
    assertEquals("summer: -d works with --text only; add --text, or leave -d out\nTry 'summer --help' for more information.\n",
        run.stderr());
  }

  @Test
  void helpDescribesText() {
    ToolRun run = ToolRun.of(new SummerCommand(), new byte[0], "--help");
    assertEquals(0, run.status());
    assertTrue(run.stdout().contains("--text"), run.stdout());
  }

  private static void assertOutput(String expected, String csv, String... options) {
    ToolRun run = text(csv, options);
    assertEquals(0, run.status(), run.stderr());
    assertEquals("", run.stderr());
    assertEquals(expected, run.stdout());
  }

  private static ToolRun text(String csv, String... options) {
    String[] args = new String[options.length + 1];
    args[0] = "--text";
    System.arraycopy(options, 0, args, 1, options.length);
    return ToolRun.of(new SummerCommand(), csv.getBytes(StandardCharsets.UTF_8), args);
  }
}
