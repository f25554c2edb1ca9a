package dev.recpipe.common;

/**
 * The head of a CBOR data item in its shortest form (RFC 8949 §4.2.1, "preferred serialization"):
 * the initial byte, major type and additional information, then 0, 1, 2, 4 or 8 bytes of argument,
 * most significant first. The rule stated once for the writers of heads: {@link RecordWriter}, which
 * stores the argument bytes its own way, and its {@link RecordWriter#putTextRecord}, which {@code
 * fanout --lines}' framer uses too.
 */
public final class CborHead {
  /** The longest head: the initial byte and 8 bytes of argument. */
  public static final int MAX_BYTES = 9;

  private CborHead() {}

  /**
   * How many bytes of argument follow the initial byte for {@code argument}, an unsigned 64-bit number
   * (negative in a long above 2^63-1): 0 (it fits in the initial byte), 1, 2, 4 or 8.
   */
  public static int argumentBytes(long argument) {
    if (argument >= 0 && argument < 24) return 0;
    if (argument >= 0 && argument <= 0xff) return 1;
    if (argument >= 0 && argument <= 0xffff) return 2;
    if (argument >= 0 && argument <= 0xffffffffL) return 4;
    return 8;
  }

  /**
   * The initial byte for major type {@code major} (shifted: 0x80 for an array) and {@code argument},
   * of which {@code argumentBytes} follow ({@link #argumentBytes}).
   */
  public static byte initialByte(int major, long argument, int argumentBytes) {
    return (byte) (argumentBytes == 0 ? major | argument : major | 24 + Integer.numberOfTrailingZeros(argumentBytes));
  }

  /** Writes the head at {@code bytes[at]}, one byte store a byte; returns where it ends. */
  public static int write(byte[] bytes, int at, int major, long argument) {
    int argumentBytes = argumentBytes(argument);
    bytes[at++] = initialByte(major, argument, argumentBytes);
    for (int k = argumentBytes - 1; k >= 0; k--) bytes[at++] = (byte) (argument >>> 8 * k);
    return at;
  }
}
