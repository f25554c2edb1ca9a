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
}
