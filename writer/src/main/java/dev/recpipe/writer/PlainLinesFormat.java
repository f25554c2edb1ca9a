package dev.recpipe.writer;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import dev.recpipe.common.text.LineValue;
import dev.recpipe.common.text.TextBuffer;
import java.io.IOException;

/**
 * lines: the value alone on its line ({@link LineValue}'s rules, which fanout --lines shares), no
 * seq, for tools that read plain lines (what {@code reader --lines} reads back).
 *
 * <pre>{@code
 * [0, "runs/a.csv"]   ->   runs/a.csv
 * [1, 6]              ->   6
 * [2, [1, "x"]]       ->   [1,"x"]
 * }</pre>
 *
 * <p>Text with a line feed in it cannot be one line: it is an {@link UnwritableValueException}, not
 * two lines that would shift every line after them.
 */
final class PlainLinesFormat implements LineFormat {
  @Override
  public void writeLine(long seq, JsonParser value, TextBuffer out) throws IOException {
    if (value.currentToken() == JsonToken.VALUE_STRING) {
      writeLine(seq, value.getText(), out);
      return;
    }
    LineValue.write(value, out);
    out.writeByte('\n');
  }

  @Override
  public void writeLine(long seq, String value, TextBuffer out) throws UnwritableValueException {
    if (value.indexOf('\n') >= 0) throw hasNewline();
    out.writeUtf8(value);
    out.writeByte('\n');
  }

  /** The text's bytes as they are: a copy, after a look for a line feed. */
  @Override
  public void writeLine(long seq, byte[] utf8, int offset, int length, TextBuffer out) throws UnwritableValueException {
    for (int p = offset; p < offset + length; p++) {
      if (utf8[p] == '\n') throw hasNewline();
    }
    out.write(utf8, offset, length);
    out.writeByte('\n');
  }

  @Override
  public void writeLine(long seq, long value, TextBuffer out) {
    out.writeDecimal(value);
    out.writeByte('\n');
  }

  private static UnwritableValueException hasNewline() {
    return new UnwritableValueException("-f lines cannot write text that contains a newline; use -f jsonl");
  }
}
