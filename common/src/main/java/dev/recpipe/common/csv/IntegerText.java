package dev.recpipe.common.csv;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Decimal integers in ASCII bytes, as CSV fields hold them: an optional {@code +} or {@code -}, then
 * one or more digits. Works on a slice of the parser's buffer, so checking and converting a field
 * allocates nothing unless the value needs a {@link BigInteger}.
 */
final class IntegerText {
  private static final byte[] LONG_MAX_DIGITS = "9223372036854775807".getBytes(StandardCharsets.US_ASCII);
  private static final byte[] LONG_MIN_DIGITS = "9223372036854775808".getBytes(StandardCharsets.US_ASCII);

  private IntegerText() {}

  /** True when bytes {@code [from, to)} are a sign, optionally, then at least one digit. */
  static boolean isInteger(byte[] bytes, int from, int to) {
    int digits = from < to && isSign(bytes[from]) ? from + 1 : from;
    if (digits == to) return false;
    for (int i = digits; i < to; i++) {
      if (!isDigit(bytes[i])) return false;
    }
    return true;
  }

  /** For an {@link #isInteger} slice: true when its value is within the range of a {@code long}. */
  static boolean fitsLong(byte[] bytes, int from, int to) {
    boolean negative = bytes[from] == '-';
    int first = isSign(bytes[from]) ? from + 1 : from;
    while (first < to - 1 && bytes[first] == '0') first++;
    int length = to - first;
    if (length != LONG_MAX_DIGITS.length) return length < LONG_MAX_DIGITS.length;
    byte[] limit = negative ? LONG_MIN_DIGITS : LONG_MAX_DIGITS;
    return Arrays.compare(bytes, first, to, limit, 0, limit.length) <= 0;
  }

  /** For an {@link #isInteger} slice that {@link #fitsLong}: its value. */
  static long parseLong(byte[] bytes, int from, int to) {
    boolean negative = bytes[from] == '-';
    long negated = 0; // accumulated below zero, so Long.MIN_VALUE fits
    for (int i = isSign(bytes[from]) ? from + 1 : from; i < to; i++) {
      negated = negated * 10 - (bytes[i] - '0');
    }
    return negative ? negated : -negated;
  }

  /** For an {@link #isInteger} slice of any size: its value. */
  static BigInteger parseBig(byte[] bytes, int from, int to) {
    return new BigInteger(new String(bytes, from, to - from, StandardCharsets.US_ASCII));
  }

  private static boolean isSign(byte b) {
    return b == '+' || b == '-';
  }

  private static boolean isDigit(byte b) {
    return b >= '0' && b <= '9';
  }
}
