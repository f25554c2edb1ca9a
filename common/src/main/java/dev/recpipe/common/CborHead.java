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

  /**
   * By an argument's count of leading zero bits ({@link Long#numberOfLeadingZeros}, 0 to 64): its
   * argument bytes less one if it is 24 or more, so 0 for up to 8 bits, 1 for up to 16, 3 for up to
   * 32, 7 beyond.
   */
  private static final byte[] MORE_BYTES = new byte[65];

  static {
    for (int zeros = 0; zeros <= 64; zeros++) {
      MORE_BYTES[zeros] = (byte) (zeros < 32 ? 7 : zeros < 48 ? 3 : zeros < 56 ? 1 : 0);
    }
  }

  private CborHead() {}

  /**
   * How many bytes of argument follow the initial byte for {@code argument}, an unsigned 64-bit number
   * (negative in a long above 2^63-1): 0 (it fits in the initial byte), 1, 2, 4 or 8.
   *
   * <p>Without a branch: a table by the argument's bit length, plus one unless it is below 24 (the sign
   * of {@code 23 - argument}, or of the argument itself above 2^63-1). A record's seq grows through
   * every width as a stream goes on, and a branch that the JIT had never seen taken when it compiled
   * the writer's loop (seq 65536 comes after that) made it throw the compiled code away and compile
   * it again.
   */
  public static int argumentBytes(long argument) {
    return MORE_BYTES[Long.numberOfLeadingZeros(argument)] + (int) ((23 - argument | argument) >>> 63);
  }

  /**
   * The initial byte for major type {@code major} (shifted: 0x80 for an array) and {@code argument},
   * of which {@code argumentBytes} follow ({@link #argumentBytes}). Without a branch, as that is: the
   * argument itself when none follow, masked in.
   */
  public static byte initialByte(int major, long argument, int argumentBytes) {
    int inInitialByte = (argumentBytes - 1) >> 31; // all ones when no argument bytes follow
    int additional = 24 + Integer.numberOfTrailingZeros(argumentBytes) & ~inInitialByte | (int) argument & inInitialByte;
    return (byte) (major | additional);
  }

  /** Writes the head at {@code bytes[at]}, one byte store a byte; returns where it ends. */
  public static int write(byte[] bytes, int at, int major, long argument) {
    int argumentBytes = argumentBytes(argument);
    bytes[at++] = initialByte(major, argument, argumentBytes);
    for (int k = argumentBytes - 1; k >= 0; k--) bytes[at++] = (byte) (argument >>> 8 * k);
    return at;
  }
}
