package dev.recpipe.fanout.each;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class OutputValueTest {
  private static Object value(byte[] bytes) {
    return OutputValue.of(bytes, bytes.length);
  }

  @Test
  void oneFinalNewlineGoesAndNoMore() {
    assertEquals("12 a.csv", value("12 a.csv\n".getBytes(UTF_8)));
    assertEquals("a\n", value("a\n\n".getBytes(UTF_8)));
    assertEquals("a\r", value("a\r\n".getBytes(UTF_8)));
    assertEquals("two\nlines", value("two\nlines".getBytes(UTF_8)));
    assertEquals("", value(new byte[0]));
    assertEquals("", value("\n".getBytes(UTF_8)));
  }

  @Test
  void utf8IsTextAndAnythingElseIsABytesValueLessTheNewlineToo() {
    assertEquals("naïve 日本", value("naïve 日本\n".getBytes(UTF_8)));
    assertArrayEquals(new byte[] {(byte) 0xff, 0, 'a'}, (byte[]) value(new byte[] {(byte) 0xff, 0, 'a', '\n'}));
    // a character cut at the end is not UTF-8
    assertArrayEquals(new byte[] {'a', (byte) 0xc3}, (byte[]) value(new byte[] {'a', (byte) 0xc3}));
  }

  @Test
  void onlyTheGivenLengthCounts() {
    assertEquals("ab", OutputValue.of("ab\nzz".getBytes(UTF_8), 3));
    assertEquals(2, OutputValue.valueLength("ab\n".getBytes(UTF_8), 3));
  }
}
