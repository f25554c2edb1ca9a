package dev.recpipe.common.csv;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class FieldTextTest {
  @Test
  void printableAsciiAsIs() {
    assertEquals("\"abc \"~\"", quote("abc \"~"));
    assertEquals("\"a,b\"", quote("a,b"));
  }

  @Test
  void otherBytesInHex() {
    assertEquals("\"\\x00\\x09\\x7f\\xc3\\xa9\"", quote("\0\t\u007fé"));
  }

  @Test
  void backslashDoubled() {
    assertEquals("\"a\\\\x41\"", quote("a\\x41"));
  }

  @Test
  void fortyBytesShownWhole() {
    assertEquals("\"" + "x".repeat(40) + "\"", quote("x".repeat(40)));
  }

  @Test
  void longerCutToFortyWithEllipsis() {
    assertEquals("\"" + "x".repeat(37) + "...\"", quote("x".repeat(41)));
  }

  private static String quote(String text) {
    byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
    return FieldText.quote(bytes, 0, bytes.length);
  }
}
