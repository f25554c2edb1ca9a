package dev.recpipe.common.csv;

import com.fasterxml.jackson.core.io.NumberOutput;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;

/**
 * What {@code reader --typed} makes of a field: a number when its text is one, null when it is
 * empty, else the text itself. So a stage gets numbers it need not parse, in any language.
 *
 * <ul>
 *   <li>Empty (no bytes, quoted or not): {@code null}.
 *   <li>An <b>integer</b>, {@code [+-]?[0-9]+}, of any size: a {@link Long}, or a {@link
 *       java.math.BigInteger} beyond 64 bits (a CBOR bignum), as {@code reader} reads integer rows.
 *   <li>A <b>decimal</b>, {@code [+-]?([0-9]+.[0-9]*|.[0-9]+|[0-9]+)([eE][+-]?[0-9]{1,9})?} with a
 *       point or an exponent: a {@link Double} when that loses nothing, that is when the double's
 *       shortest decimal form is the field's number ({@code 0.1}, {@code 19.99}, {@code 1.50},
 *       {@code 2e-3}: any decimal of up to 15 significant digits, in range); else a {@link
 *       BigDecimal} (a CBOR decimal fraction, tag 4) holding the field's digits exactly ({@code
 *       3.14159265358979323846}, {@code 1e400}).
 *   <li>Anything else is text, as it is: {@code 1,5}, {@code 1_000}, {@code 0x1f}, {@code NaN},
 *       {@code inf}, {@code 12 kg}, a field of spaces.
 * </ul>
 *
 * <p>Spaces and tabs around a number are ignored, as in integer rows (but not the delimiter, when
 * it is a space or a tab). Quotes don't change a field's type: {@code "12"} is 12. There is no
 * locale: the decimal point is {@code .}, and there are no thousands separators.
 *
 * <p>Why a double when it is exact, and a decimal fraction only when not: every CBOR library reads
 * floats as numbers, while decimal fractions are rarer (Python's {@code cbor2} reads them as
 * {@code Decimal}, Jackson as {@code BigDecimal}); and no digit of the input may be lost, which a
 * double alone would do to a long decimal.
 */
public final class TypedFields {
  /**
   * Up to 15 significant digits (DBL_DIG) a decimal always survives a double, within these powers of
   * ten, where doubles are normal; beyond 17 it never does (a double's shortest form has at most 17).
   */
  private static final int SAFE_DIGITS = 15;
  private static final int MAX_DOUBLE_DIGITS = 17;
  private static final int SAFE_EXPONENT = 300;
  private static final int MAX_EXPONENT_DIGITS = 9;

  private final CsvFormat format;

  /** For fields in {@code format}, whose blanks around a number it trims (never its delimiter). */
  public TypedFields(CsvFormat format) {
    this.format = format;
  }

  /**
   * The value of field {@code index} of {@code row}: null, {@link Long}, {@link java.math.BigInteger},
   * {@link Double}, {@link BigDecimal} or {@link String}.
   */
  public Object valueOf(TextRow row, int index) {
    byte[] b = row.bytes();
    int start = row.start(index);
    int end = row.end(index);
    if (start == end) return null;
    int from = format.trimStart(b, start, end);
    int to = format.trimEnd(b, from, end);
    Object number = numberOf(b, from, to);
    return number != null ? number : row.text(index);
  }

  /** The number that bytes {@code [from, to)} are, or null if they are not one. */
  static Object numberOf(byte[] b, int from, int to) {
    if (IntegerText.isInteger(b, from, to)) {
      return IntegerText.fitsLong(b, from, to) ? (Object) IntegerText.parseLong(b, from, to) : IntegerText.parseBig(b, from, to);
    }
    DecimalText decimal = DecimalText.parse(b, from, to);
    return decimal == null ? null : decimal.value(new String(b, from, to - from, StandardCharsets.US_ASCII));
  }

  /**
   * The parts of a decimal's text that say whether a double holds it: how many significant digits
   * it has, and the power of ten of the first of them ({@code 0.0120}: 2 digits, power -2).
   */
  private record DecimalText(int significantDigits, long exponent) {
    /** The parts of {@code [from, to)}, or null if it is not a decimal with a point or an exponent. */
    static DecimalText parse(byte[] b, int from, int to) {
      int p = from < to && (b[from] == '+' || b[from] == '-') ? from + 1 : from;
      int integerStart = p;
      p = digits(b, p, to);
      int integerEnd = p;
      int fractionEnd = p;
      boolean point = p < to && b[p] == '.';
      if (point) fractionEnd = p = digits(b, p + 1, to);
      int digitCount = integerEnd - integerStart + fractionEnd - integerEnd - (point ? 1 : 0);
      if (digitCount == 0) return null;
      long exponent = 0;
      boolean hasExponent = p < to && (b[p] == 'e' || b[p] == 'E');
      if (hasExponent) {
        int exponentStart = p + 1 < to && (b[p + 1] == '+' || b[p + 1] == '-') ? p + 2 : p + 1;
        p = digits(b, exponentStart, to);
        if (p == exponentStart || p - exponentStart > MAX_EXPONENT_DIGITS) return null;
        exponent = Long.parseLong(new String(b, exponentStart, p - exponentStart, StandardCharsets.US_ASCII));
        if (b[exponentStart - 1] == '-') exponent = -exponent;
      }
      if (p != to || !(point || hasExponent)) return null;
      return significance(b, integerStart, integerEnd, fractionEnd, exponent);
    }

    /** Counts the digits from the first non-zero one to the last, skipping the point. */
    private static DecimalText significance(byte[] b, int start, int pointAt, int end, long exponent) {
      int first = -1;
      int last = -1;
      for (int i = start; i < end; i++) {
        if (i == pointAt) continue;
        if (b[i] != '0') {
          if (first < 0) first = i;
          last = i;
        }
      }
      if (first < 0) return new DecimalText(0, 0);
      int significant = last - first + 1 - (first < pointAt && last > pointAt ? 1 : 0);
      int power = first < pointAt ? pointAt - first - 1 : pointAt - first;
      return new DecimalText(significant, power + exponent);
    }

    private static int digits(byte[] b, int from, int to) {
      int p = from;
      while (p < to && b[p] >= '0' && b[p] <= '9') p++;
      return p;
    }

    /**
     * The text's number, as {@code new BigDecimal(text)} gives it: the digits without the point,
     * and a scale of the digits after the point less the exponent. Not that constructor itself, whose
     * time grows with the square of the digits (some 20 minutes for the longest row): the digits go
     * through {@link IntegerText#parseBig}, as an integer field's do.
     */
    private static BigDecimal exact(String text) {
      int e = Math.max(text.indexOf('e'), text.indexOf('E'));
      String mantissa = e < 0 ? text : text.substring(0, e);
      long exponent = e < 0 ? 0 : Long.parseLong(text.substring(e + 1));
      int point = mantissa.indexOf('.');
      String digits = point < 0 ? mantissa : mantissa.substring(0, point) + mantissa.substring(point + 1);
      int fractionDigits = point < 0 ? 0 : mantissa.length() - point - 1;
      byte[] bytes = digits.getBytes(StandardCharsets.US_ASCII);
      return new BigDecimal(IntegerText.parseBig(bytes, 0, bytes.length), Math.toIntExact(fractionDigits - exponent));
    }

    /** A double if it gives back the text's number, else the exact decimal. */
    Object value(String text) {
      if (significantDigits <= SAFE_DIGITS && Math.abs(exponent) <= SAFE_EXPONENT) return Double.parseDouble(text);
      BigDecimal exact = exact(text);
      if (significantDigits > MAX_DOUBLE_DIGITS) return exact;
      double nearest = Double.parseDouble(text);
      if (Double.isFinite(nearest) && new BigDecimal(NumberOutput.toString(nearest, true)).compareTo(exact) == 0) {
        return nearest;
      }
      return exact;
    }
  }
}
