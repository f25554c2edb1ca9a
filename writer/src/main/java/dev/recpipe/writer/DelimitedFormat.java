package dev.recpipe.writer;

import dev.recpipe.common.text.TextBuffer;
import dev.recpipe.common.text.ScalarText;
import dev.recpipe.common.text.JsonText;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;

/**
 * csv and tsv: the seq, then the value's fields. An array value is spread over one field per
 * element; any other value is one field. Text goes through the {@link FieldEncoding}; a map, or an
 * array inside the array, is one field holding its JSON text.
 *
 * <pre>{@code
 * [0, [1, "a,b", null, true, [2, 3]]]   ->   0,1,"a,b",,true,"[2,3]"
 * }</pre>
 */
final class DelimitedFormat implements LineFormat {
  private final FieldEncoding encoding;
  private final TextBuffer field = new TextBuffer(256);

  DelimitedFormat(FieldEncoding encoding) {
    this.encoding = encoding;
  }

  @Override
  public void writeLine(long seq, JsonParser value, TextBuffer out) throws IOException {
    out.writeDecimal(seq);
    if (value.currentToken() == JsonToken.START_ARRAY) {
      while (value.nextToken() != JsonToken.END_ARRAY) writeField(value, out);
    } else {
      writeField(value, out);
    }
    out.writeByte('\n');
  }

  @Override
  public void writeLine(long seq, long value, TextBuffer out) {
    out.writeDecimal(seq);
    out.writeByte(encoding.delimiter());
    out.writeDecimal(value);
    out.writeByte('\n');
  }

  @Override
  public void writeLine(long seq, String value, TextBuffer out) {
    out.writeDecimal(seq);
    out.writeByte(encoding.delimiter());
    writeText(value, out);
    out.writeByte('\n');
  }

  /** The text's bytes go into the field as they are: what {@link TextBuffer#writeUtf8} would put there. */
  @Override
  public void writeLine(long seq, byte[] utf8, int offset, int length, TextBuffer out) {
    out.writeDecimal(seq);
    out.writeByte(encoding.delimiter());
    field.clear();
    field.write(utf8, offset, length);
    encoding.writeText(field, out);
    out.writeByte('\n');
  }

  private void writeText(String text, TextBuffer out) {
    field.clear();
    field.writeUtf8(text);
    encoding.writeText(field, out);
  }

  private void writeField(JsonParser value, TextBuffer out) throws IOException {
    out.writeByte(encoding.delimiter());
    switch (value.currentToken()) {
      case VALUE_NULL:
        break;
      case VALUE_STRING:
        writeText(value.getText(), out);
        break;
      case START_ARRAY:
      case START_OBJECT:
        field.clear();
        JsonText.writeValue(value, field);
        encoding.writeText(field, out);
        break;
      default:
        ScalarText.writePlain(value, out);
    }
  }
}
