package dev.recpipe.writer;

import dev.recpipe.common.text.TextBuffer;
import dev.recpipe.common.text.JsonText;
import com.fasterxml.jackson.core.JsonParser;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

/**
 * jsonl (JSON Lines): one object per record, {@code {"seq":0,"value":[1,2,3]}}, the value as
 * {@link JsonText} writes it.
 */
final class JsonLinesFormat implements LineFormat {
  private static final byte[] SEQ = "{\"seq\":".getBytes(StandardCharsets.US_ASCII);
  private static final byte[] VALUE = ",\"value\":".getBytes(StandardCharsets.US_ASCII);
  private static final byte[] END = "}\n".getBytes(StandardCharsets.US_ASCII);

  @Override
  public void writeLine(long seq, JsonParser value, TextBuffer out) throws IOException {
    startLine(seq, out);
    JsonText.writeValue(value, out);
    out.write(END);
  }

  @Override
  public void writeLine(long seq, String value, TextBuffer out) {
    startLine(seq, out);
    JsonText.writeString(value, out);
    out.write(END);
  }

  @Override
  public void writeLine(long seq, long value, TextBuffer out) {
    startLine(seq, out);
    out.writeDecimal(value);
    out.write(END);
  }

  /** {@code {"seq":SEQ,"value":}: what every line has before its value. */
  private static void startLine(long seq, TextBuffer out) {
    out.write(SEQ);
    out.writeDecimal(seq);
    out.write(VALUE);
  }
}
