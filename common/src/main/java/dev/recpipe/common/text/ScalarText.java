package dev.recpipe.common.text;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.io.NumberOutput;
import com.fasterxml.jackson.core.JsonParser.NumberType;
import java.io.IOException;
import java.math.BigDecimal;
import java.util.Base64;

/**
 * The text of the scalar items every format writes alike: integers in plain decimal of any size,
 * floats as the shortest decimal that reads back as the same double, decimal fractions in plain
 * notation, byte strings in base64.
 */
public final class ScalarText {
  private static final byte[] TRUE = {'t', 'r', 'u', 'e'};
  private static final byte[] FALSE = {'f', 'a', 'l', 's', 'e'};

  /** Beyond this scale a decimal fraction goes out in scientific notation: its plain text would be huge. */
  private static final int MAX_PLAIN_SCALE = 1000;

  private ScalarText() {}

  /**
   * The parser stands on a scalar other than text and null: an integer, a float, a byte string or a
   * boolean, written as csv writes a field: {@code 12}, {@code 2.0}, {@code NaN}, {@code AAEC/w==},
   * {@code true}.
   */
  public static void writePlain(JsonParser parser, TextBuffer out) throws IOException {
    switch (parser.currentToken()) {
      case VALUE_NUMBER_INT:
        writeInteger(parser, out);
        break;
      case VALUE_NUMBER_FLOAT:
        writeFloat(parser, out);
        break;
      case VALUE_EMBEDDED_OBJECT:
        writeBase64(parser, out);
        break;
      case VALUE_TRUE:
        out.write(TRUE);
        break;
      case VALUE_FALSE:
        out.write(FALSE);
        break;
      default:
        throw new IllegalStateException("not a plain scalar: " + parser.currentToken());
    }
  }

  /** The parser stands on a {@code VALUE_NUMBER_INT}. */
  private static void writeInteger(JsonParser parser, TextBuffer out) throws IOException {
    if (parser.getNumberType() == NumberType.BIG_INTEGER) {
      out.writeAscii(parser.getBigIntegerValue().toString());
    } else {
      out.writeDecimal(parser.getLongValue());
    }
  }

  /**
   * The parser stands on a {@code VALUE_NUMBER_FLOAT}. Doubles go out as the shortest decimal that
   * reads back the same, in {@link Double#toString}'s form, whatever width the CBOR float had:
   * {@code 2.0}, {@code 0.1}, {@code 1.0E23}, {@code NaN}, {@code -Infinity}. Jackson's Schubfach
   * writer, not {@code Double.toString}: before Java 19 that is not always shortest ({@code 1e23}
   * came out as {@code 9.999999999999999E22}), so the output would differ between JDKs.
   */
  private static void writeFloat(JsonParser parser, TextBuffer out) throws IOException {
    if (parser.getNumberType() == NumberType.BIG_DECIMAL) {
      out.writeAscii(decimalText(parser.getDecimalValue()));
    } else {
      out.writeAscii(NumberOutput.toString(parser.getDoubleValue(), true));
    }
  }

  /** True for NaN and the infinities, which JSON has no number for. */
  public static boolean isNonFinite(JsonParser parser) throws IOException {
    return parser.getNumberType() != NumberType.BIG_DECIMAL && !Double.isFinite(parser.getDoubleValue());
  }

  private static String decimalText(BigDecimal decimal) {
    return Math.abs(decimal.scale()) <= MAX_PLAIN_SCALE ? decimal.toPlainString() : decimal.toString();
  }

  /** The parser stands on a {@code VALUE_EMBEDDED_OBJECT}, a byte string. */
  public static void writeBase64(JsonParser parser, TextBuffer out) throws IOException {
    out.write(Base64.getEncoder().encode(parser.getBinaryValue()));
  }
}
