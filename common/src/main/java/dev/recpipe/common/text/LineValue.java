package dev.recpipe.common.text;

import com.fasterxml.jackson.core.JsonParser;
import java.io.IOException;

/**
 * A record's value as the text of one line: what {@code writer -f lines} writes and what {@code
 * fanout --lines} gives its workers, so the two never differ. Text as it is; null as an empty line;
 * other scalars as {@link ScalarText} writes them (integers of any size in plain decimal, floats as
 * the shortest decimal that reads back the same, byte strings in base64); arrays and maps as compact
 * JSON ({@link JsonText}).
 *
 * <pre>{@code
 * [0, "runs/a.csv"]   ->   runs/a.csv
 * [1, 6]              ->   6
 * [2, [1, "x"]]       ->   [1,"x"]
 * }</pre>
 *
 * <p>Text with a line feed in it is written as it is: it is the caller's to refuse, in its own words,
 * as two lines would shift every line after them.
 */
public final class LineValue {
  private LineValue() {}

  /** Writes the value whose first token {@code value} stands on, leaving it on the value's last token; no line end. */
  public static void write(JsonParser value, TextBuffer out) throws IOException {
    switch (value.currentToken()) {
      case VALUE_NULL:
        break;
      case VALUE_STRING:
        out.writeUtf8(value.getText());
        break;
      case START_ARRAY:
      case START_OBJECT:
        JsonText.writeValue(value, out);
        break;
      default:
        ScalarText.writePlain(value, out);
    }
  }
}
