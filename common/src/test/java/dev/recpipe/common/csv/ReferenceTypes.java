package dev.recpipe.common.csv;

import com.fasterxml.jackson.core.io.NumberOutput;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.regex.Pattern;

/**
 * {@link TypedFields}'s rules the slow, obvious way: regular expressions for the grammar, and every
 * decimal checked through its double's shortest form (no fast path), to check the fast code against.
 */
final class ReferenceTypes {
  private static final Pattern INTEGER = Pattern.compile("[+-]?[0-9]+");
  private static final Pattern DECIMAL = Pattern.compile("[+-]?([0-9]+\\.[0-9]*|\\.[0-9]+|[0-9]+)([eE][+-]?[0-9]{1,9})?");

  private ReferenceTypes() {}

  static Object valueOf(String text, byte delimiter) {
    if (text.isEmpty()) return null;
    String blanks = delimiter == ' ' ? "\t" : delimiter == '\t' ? " " : " \t";
    int from = 0;
    int to = text.length();
    while (from < to && blanks.indexOf(text.charAt(from)) >= 0) from++;
    while (to > from && blanks.indexOf(text.charAt(to - 1)) >= 0) to--;
    String number = text.substring(from, to);
    if (INTEGER.matcher(number).matches()) {
      BigInteger value = new BigInteger(number);
      return value.bitLength() < 64 ? (Object) value.longValue() : value;
    }
    if (DECIMAL.matcher(number).matches() && number.matches(".*[.eE].*")) {
      BigDecimal exact = new BigDecimal(number);
      double nearest = Double.parseDouble(number);
      boolean same = Double.isFinite(nearest) && new BigDecimal(NumberOutput.toString(nearest, true)).compareTo(exact) == 0;
      return same ? (Object) nearest : exact;
    }
    return text;
  }
}
