package dev.recpipe.common.csv;

import java.math.BigDecimal;
import java.math.BigInteger;

/**
 * How many bytes {@link dev.recpipe.common.RecordWriter} writes for the values of a CSV row, so that
 * a row whose record would pass the record limit is refused before it is written, with the row's
 * place in the message. It mirrors RecordWriter's encoding (shortest heads, single-precision floats
 * when exact, bignums only beyond 64 bits), and {@code CborSizeTest} holds it to what RecordWriter
 * writes.
 */
final class CborSize {
  private static final BigInteger TWO_TO_64 = BigInteger.ONE.shiftLeft(64);

  private CborSize() {}

  /** A data item's head with this argument: 1, 2, 3, 5 or 9 bytes. */
  static int head(long argument) {
    if (argument >= 0 && argument < 24) return 1;
    if (argument >= 0 && argument <= 0xff) return 2;
    if (argument >= 0 && argument <= 0xffff) return 3;
    if (argument >= 0 && argument <= 0xffffffffL) return 5;
    return 9;
  }

  /** A text string of {@code utf8Length} bytes. */
  static long text(int utf8Length) {
    return head(utf8Length) + (long) utf8Length;
  }

  /** A value {@link TypedFields} makes, but text: null, Long, BigInteger, Double or BigDecimal. */
  static long of(Object value) {
    if (value == null) return 1;
    if (value instanceof Long) return integer((Long) value);
    if (value instanceof BigInteger) return integer((BigInteger) value);
    if (value instanceof Double) return (float) (double) (Double) value == (Double) value ? 5 : 9;
    if (value instanceof BigDecimal) {
      BigDecimal decimal = (BigDecimal) value;
      return 2 + integer(-(long) decimal.scale()) + integer(decimal.unscaledValue());
    }
    throw new IllegalArgumentException("not a typed field's value: " + value.getClass().getName());
  }

  private static long integer(long value) {
    return head(value >= 0 ? value : -1 - value);
  }

  private static long integer(BigInteger value) {
    if (value.bitLength() < 64) return integer(value.longValue());
    BigInteger magnitude = value.signum() < 0 ? value.negate().subtract(BigInteger.ONE) : value;
    if (magnitude.compareTo(TWO_TO_64) < 0) return 9;
    int bytes = (magnitude.bitLength() + 7) / 8;
    return 1 + head(bytes) + (long) bytes;
  }
}
