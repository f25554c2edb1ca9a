package dev.recpipe.common.text;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class TextBufferTest {
  private static String text(TextBuffer buffer) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    buffer.writeTo(out);
    return out.toString(StandardCharsets.UTF_8);
  }

  @Test
  void decimalsAtEveryDigitCount() throws IOException {
    long[] values = {0, 9, 10, 99, 100, -1, -10, Long.MAX_VALUE, Long.MIN_VALUE, Long.MIN_VALUE + 1};
    TextBuffer buffer = new TextBuffer(1);
    StringBuilder expected = new StringBuilder();
    for (long value : values) {
      buffer.writeDecimal(value);
      buffer.writeByte(' ');
      expected.append(value).append(' ');
    }
    for (long power = 1; power > 0 && power <= Long.MAX_VALUE / 10; power *= 10) {
      for (long value : new long[] {power - 1, power, power + 1, -power}) {
        buffer.writeDecimal(value);
        buffer.writeByte(' ');
        expected.append(value).append(' ');
      }
    }
    assertEquals(expected.toString(), text(buffer));
  }

  @Test
  void utf8LikeTheJdk() throws IOException {
    String text = "a\u00e9\u07ff\u0800\u20ac\uffff\uD83D\uDE00 \uDBFF\uDFFF end";
    TextBuffer buffer = new TextBuffer(1);
    buffer.writeUtf8(text);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    buffer.writeTo(out);
    assertArrayEquals(text.getBytes(StandardCharsets.UTF_8), out.toByteArray());
    TextBuffer again = new TextBuffer(1);
    again.writeUtf8(text);
    assertEquals(text, again.toUtf8String());
  }

  /** The JDK writes a lone surrogate as '?': a silent change of the text, refused here. */
  @ParameterizedTest
  @ValueSource(strings = {"lone \uD83D high", "lone \uDE00 low", "end \uD83D", "\uDE00\uD83D reversed"})
  void loneSurrogatesAreRefusedNotWrittenAsQuestionMarks(String text) {
    TextBuffer buffer = new TextBuffer(1);
    assertThrows(IllegalArgumentException.class, () -> buffer.writeUtf8(text));
  }

  @Test
  void truncateTakesBackAPartLine() throws IOException {
    TextBuffer buffer = new TextBuffer(4);
    buffer.writeAscii("0,6\n");
    int lineStart = buffer.size();
    buffer.writeAscii("1,1");
    buffer.truncate(lineStart);
    assertEquals("0,6\n", text(buffer));
  }
}
