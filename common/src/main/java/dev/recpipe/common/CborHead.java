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

  /** By the count of argument bytes that follow (1, 2, 4 or 8): the initial byte's additional information, 24 to 27. */
  private static final byte[] ADDITIONAL = {0, 24, 25, 0, 26, 0, 0, 0, 27};

  private CborHead() {}

  /**
   * How many bytes of argument follow the initial byte for {@code argument}, an unsigned 64-bit number
   * (negative in a long above 2^63-1): 0 (it fits in the initial byte), 1, 2, 4 or 8.
   *
   * <p>Without a branch, and without {@link Long#numberOfLeadingZeros}. A record's seq grows through
   * every width as a stream goes on, and a branch that the JIT had never seen taken when it compiled
   * the writer's loop (seq 65536 comes after that) made C2 throw the compiled code away and compile
   * it again. The bit count is an intrinsic for C2
   * but a call for C1, which compiles the fanout workers: two calls a head. This method and {@link
   * #initialByte} are each under 35 bytes of bytecode, so C1 compiles them into their callers.
   */
  public static int argumentBytes(long argument) {
    // 1 past 23, doubled for each of 8, 16 and 32 bits that it is wider than
    return (int) ((23 - argument | argument) >>> 63) << wider(argument, 8) + wider(argument, 16) + wider(argument, 32);
  }

  /**
   * The initial byte for major type {@code major} (shifted: 0x80 for an array) and {@code argument},
   * of which {@code argumentBytes} follow ({@link #argumentBytes}). Without a branch, as that is: the
   * argument itself when none follow, masked in.
   */
  public static byte initialByte(int major, long argument, int argumentBytes) {
    return (byte) (major | ADDITIONAL[argumentBytes] | (int) argument & (argumentBytes - 1) >> 31);
  }

  /** 1 if {@code argument}, unsigned, needs more than {@code bits} bits (1 to 63), else 0. */
  private static int wider(long argument, int bits) {
    return (int) (-(argument >>> bits) >>> 63);
  }

  /** Writes the head at {@code bytes[at]}, one byte store a byte; returns where it ends. */
  public static int write(byte[] bytes, int at, int major, long argument) {
    int argumentBytes = argumentBytes(argument);
    bytes[at++] = initialByte(major, argument, argumentBytes);
    for (int k = argumentBytes - 1; k >= 0; k--) bytes[at++] = (byte) (argument >>> 8 * k);
    return at;
  }
}
