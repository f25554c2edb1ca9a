package dev.recpipe.common.text;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;

/**
 * Streams one CBOR value, token by token, as compact JSON text.
 *
 * <p>Written by hand rather than with Jackson's {@code JsonGenerator}: the JSON goes into the same
 * {@link TextBuffer} as the rest of the line (or into a field that is then quoted), with no second
 * buffer and stream per line; and the rules differ from the generator's defaults: byte strings as
 * standard base64, NaN and the infinities as {@code null}, numbers of any size as plain digits.
 * Iterative, so deep nesting cannot overflow the stack.
 */
public final class JsonText {
  private static final byte[] NULL = {'n', 'u', 'l', 'l'};
  private static final String[] CONTROL_ESCAPES = controlEscapes();

  private JsonText() {}

  /**
   * Writes the value whose first token the parser stands on, and leaves it on the value's last
   * token. A map key is written as the JSON string of its name: the decoder names an integer key in
   * decimal.
   */
  public static void writeValue(JsonParser value, TextBuffer out) throws IOException {
    JsonToken previous = null;
    int depth = 0;
    for (JsonToken token = value.currentToken(); ; token = value.nextToken()) {
      if (needsComma(previous, token)) out.writeByte(',');
      depth += writeToken(value, token, out);
      if (depth == 0) return;
      previous = token;
    }
  }

  private static boolean needsComma(JsonToken previous, JsonToken token) {
    return previous != null && !previous.isStructStart() && previous != JsonToken.FIELD_NAME
        && !token.isStructEnd();
  }

  /** Writes one token and returns how it changes the nesting depth. */
  private static int writeToken(JsonParser value, JsonToken token, TextBuffer out) throws IOException {
    switch (token) {
      case START_ARRAY:
        out.writeByte('[');
        return 1;
      case START_OBJECT:
        out.writeByte('{');
        return 1;
      case END_ARRAY:
        out.writeByte(']');
        return -1;
      case END_OBJECT:
        out.writeByte('}');
        return -1;
      case FIELD_NAME:
        writeString(value.currentName(), out);
        out.writeByte(':');
        return 0;
      case VALUE_STRING:
        writeString(value.getText(), out);
        return 0;
      default:
        writeScalar(value, token, out);
        return 0;
    }
  }

  /** Writes a scalar as {@link ScalarText} does, but for those JSON spells otherwise: NaN, infinities, bytes, null. */
  private static void writeScalar(JsonParser parser, JsonToken token, TextBuffer out) throws IOException {
    if (token == JsonToken.VALUE_NULL || token == JsonToken.VALUE_NUMBER_FLOAT && ScalarText.isNonFinite(parser)) {
      out.write(NULL);
    } else if (token == JsonToken.VALUE_EMBEDDED_OBJECT) {
      out.writeByte('"');
      ScalarText.writeBase64(parser, out);
      out.writeByte('"');
    } else {
      ScalarText.writePlain(parser, out);
    }
  }

  /** Writes {@code text} as a JSON string: quoted, with {@code "}, {@code \} and control characters escaped. */
  public static void writeString(String text, TextBuffer out) {
    out.writeByte('"');
    int runStart = 0;
    for (int i = 0; i < text.length(); i++) {
      String escape = escapeFor(text.charAt(i));
      if (escape == null) continue;
      out.writeUtf8(text, runStart, i);
      out.writeAscii(escape);
      runStart = i + 1;
    }
    out.writeUtf8(text, runStart, text.length());
    out.writeByte('"');
  }

  private static String escapeFor(char c) {
    if (c == '"') return "\\\"";
    if (c == '\\') return "\\\\";
    return c < 0x20 ? CONTROL_ESCAPES[c] : null;
  }

  private static String[] controlEscapes() {
    String[] escapes = new String[0x20];
    // not String.format: its format parser loads the regex package, and lambdas with it, at a start
    for (int c = 0; c < escapes.length; c++) {
      escapes[c] = new String(new char[] {'\\', 'u', '0', '0', Character.forDigit(c >> 4, 16), Character.forDigit(c & 0xf, 16)});
    }
    escapes['\b'] = "\\b";
    escapes['\t'] = "\\t";
    escapes['\n'] = "\\n";
    escapes['\f'] = "\\f";
    escapes['\r'] = "\\r";
    return escapes;
  }
}
