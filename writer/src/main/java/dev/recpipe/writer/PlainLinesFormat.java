package dev.recpipe.writer;

import com.fasterxml.jackson.core.JsonParser;
import java.io.IOException;

/**
 * lines: the value alone on its line, no seq, for tools that read plain lines (what
 * {@code reader --lines} reads back). Text as it is; other scalars as csv writes them, null as an
 * empty line; arrays and maps as JSON text, as jsonl writes them.
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
    switch (value.currentToken()) {
      case VALUE_NULL:
        break;
      case VALUE_STRING:
        writeText(value.getText(), out);
        break;
      case START_ARRAY:
      case START_OBJECT:
        JsonText.writeValue(value, out);
        break;
      default:
        ScalarText.writePlain(value, out);
    }
    out.writeByte('\n');
  }

  private static void writeText(String text, TextBuffer out) throws UnwritableValueException {
    if (text.indexOf('\n') >= 0) {
      throw new UnwritableValueException("-f lines cannot write text that contains a newline; use -f jsonl");
    }
    out.writeUtf8(text);
  }
}
