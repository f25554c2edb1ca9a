package dev.recpipe.fanout.lines;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonParser.NumberType;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.io.NumberOutput;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * A record's value as the text of one line, by {@code writer -f lines}'s rules (writer's {@code
 * PlainLinesFormat}, {@code ScalarText} and {@code JsonText}), so that {@code fanout --lines CMD}
 * gives CMD the lines {@code writer -f lines} would: text as it is, null as an empty line, integers
 * in plain decimal of any size, floats as the shortest decimal that reads back the same, decimal
 * fractions in plain notation, byte strings in base64, booleans as {@code true} and {@code false},
 * arrays and maps as compact JSON (byte strings base64, NaN and the infinities {@code null}).
 *
 * <p>Those rules live in writer's package, for its own streaming; this copy reads Jackson's tokens
 * the same way and is held to writer's output by {@code LinesIT}. Text is the common case and never
 * comes here: {@link LineEncoder} copies its bytes as they are.
 */
final class LineText {
  private static final int MAX_PLAIN_SCALE = 1000;
  private static final String[] CONTROL_ESCAPES = controlEscapes();

  private LineText() {}

  /** Writes the value whose first token {@code parser} stands on, leaving it on the value's last token. */
  static void write(JsonParser parser, ByteArrayOutputStream out) throws IOException {
    switch (parser.currentToken()) {
      case VALUE_NULL:
        return;
      case VALUE_STRING:
        writeUtf8(parser.getText(), out);
        return;
      case START_ARRAY:
      case START_OBJECT:
        writeJson(parser, out);
        return;
      default:
        writePlain(parser, out);
    }
  }

  private static void writePlain(JsonParser parser, ByteArrayOutputStream out) throws IOException {
    switch (parser.currentToken()) {
      case VALUE_NUMBER_INT:
        writeAscii(parser.getNumberType() == NumberType.BIG_INTEGER
            ? parser.getBigIntegerValue().toString() : Long.toString(parser.getLongValue()), out);
        break;
      case VALUE_NUMBER_FLOAT:
        writeAscii(floatText(parser), out);
        break;
      case VALUE_EMBEDDED_OBJECT:
        out.write(Base64.getEncoder().encode(parser.getBinaryValue()));
        break;
      case VALUE_TRUE:
        writeAscii("true", out);
        break;
      case VALUE_FALSE:
        writeAscii("false", out);
        break;
      default:
        throw new IllegalStateException("not a plain scalar: " + parser.currentToken());
    }
  }

  private static String floatText(JsonParser parser) throws IOException {
    if (parser.getNumberType() != NumberType.BIG_DECIMAL) return NumberOutput.toString(parser.getDoubleValue(), true);
    BigDecimal decimal = parser.getDecimalValue();
    return Math.abs(decimal.scale()) <= MAX_PLAIN_SCALE ? decimal.toPlainString() : decimal.toString();
  }

  /** The value as compact JSON, iteratively, as writer's {@code JsonText} writes it. */
  private static void writeJson(JsonParser parser, ByteArrayOutputStream out) throws IOException {
    JsonToken previous = null;
    int depth = 0;
    for (JsonToken token = parser.currentToken(); ; token = parser.nextToken()) {
      if (previous != null && !previous.isStructStart() && previous != JsonToken.FIELD_NAME && !token.isStructEnd()) {
        out.write(',');
      }
      depth += writeToken(parser, token, out);
      if (depth == 0) return;
      previous = token;
    }
  }

  private static int writeToken(JsonParser parser, JsonToken token, ByteArrayOutputStream out) throws IOException {
    switch (token) {
      case START_ARRAY:
        out.write('[');
        return 1;
      case START_OBJECT:
        out.write('{');
        return 1;
      case END_ARRAY:
        out.write(']');
        return -1;
      case END_OBJECT:
        out.write('}');
        return -1;
      case FIELD_NAME:
        writeString(parser.currentName(), out);
        out.write(':');
        return 0;
      case VALUE_STRING:
        writeString(parser.getText(), out);
        return 0;
      case VALUE_NULL:
        writeAscii("null", out);
        return 0;
      case VALUE_NUMBER_FLOAT:
        if (parser.getNumberType() != NumberType.BIG_DECIMAL && !Double.isFinite(parser.getDoubleValue())) {
          writeAscii("null", out);
        } else {
          writePlain(parser, out);
        }
        return 0;
      case VALUE_EMBEDDED_OBJECT:
        out.write('"');
        writePlain(parser, out);
        out.write('"');
        return 0;
      default:
        writePlain(parser, out);
        return 0;
    }
  }

  private static void writeString(String text, ByteArrayOutputStream out) {
    out.write('"');
    int runStart = 0;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      String escape = c == '"' ? "\\\"" : c == '\\' ? "\\\\" : c < 0x20 ? CONTROL_ESCAPES[c] : null;
      if (escape == null) continue;
      writeUtf8(text.substring(runStart, i), out);
      writeAscii(escape, out);
      runStart = i + 1;
    }
    writeUtf8(text.substring(runStart), out);
    out.write('"');
  }

  private static String[] controlEscapes() {
    String[] escapes = new String[0x20];
    for (int c = 0; c < escapes.length; c++) escapes[c] = String.format("\\u%04x", c);
    escapes['\b'] = "\\b";
    escapes['\t'] = "\\t";
    escapes['\n'] = "\\n";
    escapes['\f'] = "\\f";
    escapes['\r'] = "\\r";
    return escapes;
  }

  private static void writeUtf8(String text, ByteArrayOutputStream out) {
    out.writeBytes(text.getBytes(StandardCharsets.UTF_8));
  }

  private static void writeAscii(String text, ByteArrayOutputStream out) {
    out.writeBytes(text.getBytes(StandardCharsets.US_ASCII));
  }
}
