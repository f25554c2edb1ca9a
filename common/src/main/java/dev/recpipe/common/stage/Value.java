package dev.recpipe.common.stage;

import dev.recpipe.common.IntegerSink;
import java.io.IOException;

/**
 * The value of the record a {@link Stage} is processing. Read it at most once, in the form the stage
 * needs: {@link #read()} for any value as a plain Java object; {@link #readIntegers} and {@link
 * #readText()} for the common shapes, with an error naming the record when the value has another
 * shape. {@code readIntegers} allocates nothing per integer: it is summer's hot path.
 */
public interface Value {
  /** The record's seq: its position in the original input, counted from 0. */
  long seq();

  /**
   * The value as a plain Java object, as {@link dev.recpipe.common.RecordReader#readValue()} reads it:
   * integers as {@link Long} where they fit, else {@link java.math.BigInteger}; floats as {@link
   * Double}, decimal fractions as {@link java.math.BigDecimal}; text as {@link String}; byte strings
   * as {@code byte[]}; arrays as {@link java.util.List}; maps as {@link java.util.Map} with text keys;
   * booleans; null.
   */
  Object read() throws IOException;

  /** Streams the value, which must be an array of integers, into {@code sink}. */
  void readIntegers(IntegerSink sink) throws IOException;

  /** The value, which must be a text string. */
  String readText() throws IOException;
}
