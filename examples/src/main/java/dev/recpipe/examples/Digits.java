package dev.recpipe.examples;

/** Decimal digits of a {@code long} written straight into a byte array, with no String. */
final class Digits {
  private Digits() {}

  /** Writes {@code value} at {@code offset}, returns the offset after it. Needs 20 free bytes. */
  static int put(long value, byte[] buffer, int offset) {
    if (value == Long.MIN_VALUE) {
      byte[] text = Long.toString(value).getBytes(java.nio.charset.StandardCharsets.US_ASCII);
      System.arraycopy(text, 0, buffer, offset, text.length);
      return offset + text.length;
    }
    if (value < 0) {
      buffer[offset++] = '-';
      value = -value;
    }
    int digits = 1;
    for (long v = value; v >= 10; v /= 10) digits++;
    int end = offset + digits;
    for (int i = end - 1; i >= offset; i--) {
      buffer[i] = (byte) ('0' + value % 10);
      value /= 10;
    }
    return end;
  }
}
