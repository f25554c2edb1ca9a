package dev.recpipe.common;

import java.math.BigInteger;

/**
 * Receives the integers of a record's value one at a time, from
 * {@link RecordReader#readIntegers(IntegerSink)}: {@code long}s with no boxing, and the rare
 * integer beyond 64 bits as a {@link BigInteger}.
 */
public interface IntegerSink {
  void add(long value);

  void add(BigInteger value);

  /**
   * Adds {@code values[0]} to {@code values[count - 1]}, in order, as that many calls of {@link
   * #add(long)} would. {@link FastRecordReader} hands a record's integers over this way when none is
   * beyond 64 bits: one call a record instead of one an integer, and a sink that overrides it (as
   * summer's does) adds them in a loop the JIT compiles whole.
   */
  default void addAll(long[] values, int count) {
    for (int i = 0; i < count; i++) add(values[i]);
  }
}
