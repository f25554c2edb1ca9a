package dev.recpipe.common.csv;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/**
 * Eight bytes of text at a time, as one {@code long} ("SIMD within a register"): how many of them
 * are ASCII digits, and the number those digits spell. {@link CsvIntegerParser}'s loop over plain
 * integer fields reads a field of up to 8 digits with one load and a few multiplications, where a
 * byte at a time took a load, two compares and a multiply-add a digit, and a branch the field's
 * length made hard to predict.
 *
 * <p>The word holds its bytes little-endian, the first byte of text lowest, whatever the machine's
 * order: the arithmetic below relies on it.
 *
 * <pre>{@code
 * long word = DigitWords.word(bytes, p);          // "123,45\n" ...
 * int digits = DigitWords.leadingDigits(word);    // 3
 * long value = DigitWords.value(word, digits);    // 123
 * }</pre>
 */
final class DigitWords {
  /** Bytes a {@link #word} reads. */
  static final int BYTES = Long.BYTES;

  private static final VarHandle LITTLE_ENDIAN_LONG =
      MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
  private static final long HIGH_NIBBLES = 0xf0f0f0f0f0f0f0f0L;
  private static final long LOW_NIBBLES = 0x0f0f0f0f0f0f0f0fL;
  private static final long ZEROS = 0x3030303030303030L;
  private static final long SIXES = 0x0606060606060606L;

  private DigitWords() {}

  /** Bytes {@code [at, at + 8)} of {@code bytes}, the first one lowest. */
  static long word(byte[] bytes, int at) {
    return (long) LITTLE_ENDIAN_LONG.get(bytes, at);
  }

  /** How many of the word's bytes, from its first, are ASCII digits: 0 to 8. */
  static int leadingDigits(long word) {
    return Long.numberOfTrailingZeros(nonDigitBytes(word)) >>> 3;
  }

  /**
   * The word with each byte 0 where the word's byte is a digit, non-zero elsewhere. Byte by byte,
   * with no carry from one byte to the next: the high nibble must be 3, and the low one plus 6 must
   * stay below 16.
   */
  static long nonDigitBytes(long word) {
    return (word & HIGH_NIBBLES ^ ZEROS) | ((word & LOW_NIBBLES) + SIXES & HIGH_NIBBLES);
  }

  /**
   * The number the word's first {@code digits} bytes spell, 1 to 8 digits, most significant first;
   * the bytes after them are ignored. Shifted so that they are the word's last, behind bytes of 0
   * that stand for leading zeros, the digits combine in pairs, fours and then eights, three
   * multiplications in all (the method of simdjson and fast_float, Lemire 2018).
   */
  static long value(long word, int digits) {
    long values = (word & LOW_NIBBLES) << (BYTES - digits) * 8;
    values = values * (10 * 256 + 1) >>> 8 & 0x00ff00ff00ff00ffL;
    values = values * (100 * 65536 + 1) >>> 16 & 0x0000ffff0000ffffL;
    return values * (10000L * 65536 * 65536 + 1) >>> 32;
  }
}
