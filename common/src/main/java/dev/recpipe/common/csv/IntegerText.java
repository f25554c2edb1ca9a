package dev.recpipe.common.csv;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Decimal integers in ASCII bytes, as CSV fields hold them: an optional {@code +} or {@code -}, then
 * one or more digits. Works on a slice of the parser's buffer, so checking and converting a field
 * allocates nothing unless the value needs a {@link BigInteger}.
 */
final class IntegerText {
  private static final byte[] LONG_MAX_DIGITS = "9223372036854775807".getBytes(StandardCharsets.US_ASCII);
  private static final byte[] LONG_MIN_DIGITS = "9223372036854775808".getBytes(StandardCharsets.US_ASCII);
  /** Digits few enough for {@code BigInteger}'s own decimal constructor to read them fast. */
  private static final int PLAIN_DIGITS = 256;

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
    boolean negative = bytes[from] == '-';
    int first = isSign(bytes[from]) ? from + 1 : from;
    BigInteger magnitude = parseDigits(bytes, first, to, new ArrayList<>());
    return negative ? magnitude.negate() : magnitude;
  }

  /**
   * The value of the digits {@code [from, to)}, split in two where they are long: the high digits'
   * value times 10^k, plus the value of the last k digits, k a power of two, whose powers of ten
   * {@code powers} keeps ({@code powers.get(i)} is 10^(2^i) times {@link #PLAIN_DIGITS}). {@code
   * BigInteger}'s decimal constructor takes time that grows with the square of the digits (25 minutes
   * for the 8 million digits a row may hold); this, with its fast multiplications, takes about one
   * second.
   */
  private static BigInteger parseDigits(byte[] bytes, int from, int to, List<BigInteger> powers) {
    int length = to - from;
    if (length <= PLAIN_DIGITS) return new BigInteger(new String(bytes, from, length, StandardCharsets.US_ASCII));
    int level = 0;
    while ((long) PLAIN_DIGITS << (level + 1) < length) level++;
    int low = PLAIN_DIGITS << level; // the most of the form PLAIN_DIGITS * 2^i below length
    BigInteger high = parseDigits(bytes, from, to - low, powers);
    return high.multiply(powerOfTen(level, powers)).add(parseDigits(bytes, to - low, to, powers));
  }

  /** 10^(PLAIN_DIGITS * 2^level), each level the square of the one before, made once a number. */
  private static BigInteger powerOfTen(int level, List<BigInteger> powers) {
    if (powers.isEmpty()) powers.add(BigInteger.TEN.pow(PLAIN_DIGITS));
    while (powers.size() <= level) {
      BigInteger last = powers.get(powers.size() - 1);
      powers.add(last.multiply(last));
    }
    return powers.get(level);
  }

  private static boolean isSign(byte b) {
    return b == '+' || b == '-';
  }

  private static boolean isDigit(byte b) {
    return b >= '0' && b <= '9';
  }
}
