package dev.recpipe.summer;

import dev.recpipe.common.IntegerSink;
import java.math.BigInteger;

/**
 * A running sum of integers that never overflows: it adds in a {@code long} and moves to a
 * {@link BigInteger} only when a sum leaves the 64-bit range, so the common case allocates nothing.
 */
final class IntegerSum implements IntegerSink {
  private long small;
  private BigInteger big;

  void reset() {
    small = 0;
    big = null;
  }

  @Override
  public void add(long value) {
    if (big != null) {
      big = big.add(BigInteger.valueOf(value));
      return;
    }
    long sum = small + value;
    if (((small ^ sum) & (value ^ sum)) < 0) {
      big = BigInteger.valueOf(small).add(BigInteger.valueOf(value));
    } else {
      small = sum;
    }
  }

  /** As {@link #add(long)} on each, with the sum in a local while it fits a {@code long}. */
  @Override
  public void addAll(long[] values, int count) {
    int i = 0;
    if (big == null) {
      long sum = small;
      for (; i < count; i++) {
        long next = sum + values[i];
        if (((sum ^ next) & (values[i] ^ next)) < 0) break; // past 64 bits: add(long) goes on from here
        sum = next;
      }
      small = sum;
    }
    for (; i < count; i++) add(values[i]);
  }

  @Override
  public void add(BigInteger value) {
    big = (big == null ? BigInteger.valueOf(small) : big).add(value);
  }

  /** True when the sum fits a {@code long}; then {@link #longValue()} is exact. */
  boolean fitsLong() {
    return big == null || big.bitLength() < 64;
  }

  long longValue() {
    return big == null ? small : big.longValueExact();
  }

  BigInteger bigValue() {
    return big == null ? BigInteger.valueOf(small) : big;
  }

  @Override
  public String toString() {
    return big == null ? Long.toString(small) : big.toString();
  }
}
