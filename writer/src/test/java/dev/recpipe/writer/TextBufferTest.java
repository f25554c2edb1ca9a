package dev.recpipe.writer;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

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
  void utf8LikeTheJdkIncludingLoneSurrogates() throws IOException {
    String text = "a\u00e9\u07ff\u0800\u20ac\uffff\uD83D\uDE00 lone \uD83D high, lone \uDE00 low, end \uD83D";
    TextBuffer buffer = new TextBuffer(1);
    buffer.writeUtf8(text);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    buffer.writeTo(out);
    assertEquals(new String(text.getBytes(StandardCharsets.UTF_8), StandardCharsets.UTF_8), out.toString(StandardCharsets.UTF_8));
    assertEquals(text.getBytes(StandardCharsets.UTF_8).length, out.size());
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
