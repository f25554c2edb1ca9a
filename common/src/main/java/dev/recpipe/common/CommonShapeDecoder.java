package dev.recpipe.common;

import java.math.BigInteger;

/**
 * Decodes one record of a common shape straight from bytes: {@code [seq, [integers]]}, as reader
 * writes them, {@code [seq, "text"]}, as {@code reader --lines} does, or {@code [seq, integer]}, as
 * summer does. Everything else, and
 * everything it is not sure of, it declines ({@link #OTHER}) for {@link RecordReader} to read: other
 * values, indefinite lengths, tags other than bignums, and all that is not well-formed, so the errors
 * and the values of odd input are RecordReader's own.
 *
 * <p>Why: RecordReader's Jackson parser is general, and a worker pays for that generality twice:
 * loading its classes, and running its code in the interpreter until the JIT has compiled it. These
 * loops are short enough that the JIT compiles them within the first thousand records.
 *
 * <p>Accepted, exactly as RecordReader reads them: a definite array of two; a seq of major type 0
 * in any encoding, up to 2^63-1; a definite array of integers of major type 0 or 1 in any encoding
 * (beyond 64 bits as {@link BigInteger}s), or bignums (tag 2 or 3 on a definite byte string of 1 to
 * 64 bytes); a definite text string, its bytes left in place; an integer of major type 0 or 1 that
 * a long holds (others, bignums included, are RecordReader's). Reads at most {@link #SLACK} bytes
 * past the {@code limit} it is given before finding that it needs more, so the array must have them.
 */
final class CommonShapeDecoder {
  /** The bytes end inside the record: decode again from its start with more of them. */
  static final int NEED_MORE = -1;
  /** Not a record of a common shape: RecordReader's to read. */
  static final int OTHER = -2;
  /** Bytes an array must hold past {@code limit}: the longest item head is 9 bytes. */
  static final int SLACK = 9;
  /** The largest record this decodes: larger ones are RecordReader's, which streams them. */
  static final int MAX_RECORD = 1 << 20;

  private static final int MAX_BIGNUM_BYTES = 64;
  private static final long SIGN_BIT = Long.MIN_VALUE;

  /** The shape of the record last decoded. */
  enum Shape { INTEGERS, TEXT, INTEGER }

  Shape shape;
  long seq;
  /** INTEGERS: how many; each is {@code integers[i]}, unless {@code bigs[i]} holds it. */
  int count;
  long[] integers = new long[16];
  /** INTEGERS: null, or the integers of this record that are bignums or beyond 64 bits. */
  BigInteger[] bigs;
  /** INTEGER: the value. */
  long integer;
  /** TEXT: where its UTF-8 bytes are in the array decoded. */
  int textFrom;
  int textLength;

  /** The argument of the item head last read by {@link #head}. */
  private long argument;

  /**
   * Decodes the record starting at {@code bytes[from]}, {@code from < limit}: returns where it ends,
   * {@link #NEED_MORE} or {@link #OTHER}.
   */
  int decode(byte[] bytes, int from, int limit) {
    if (bytes[from] != (byte) 0x82) return OTHER;
    int p = from + 1;
    if (p >= limit) return NEED_MORE;
    if ((bytes[p] & 0xe0) != 0) return OTHER; // a seq is major type 0
    p = head(bytes, p);
    if (p < 0 || p > limit) return p < 0 ? OTHER : NEED_MORE;
    if (argument < 0) return OTHER; // beyond 2^63-1
    seq = argument;
    if (p >= limit) return NEED_MORE;
    int major = bytes[p] & 0xe0;
    if (major == 0x80) return integers(bytes, p, limit);
    if (major == 0x60) return text(bytes, p, limit);
    if (major == 0x00 || major == 0x20) return integer(bytes, p, limit);
    return OTHER;
  }

  /** The value alone an integer, at {@code at}: where it ends, or a code. */
  private int integer(byte[] bytes, int at, int limit) {
    int p = head(bytes, at);
    if (p < 0 || p > limit) return p < 0 ? OTHER : NEED_MORE;
    if (argument < 0) return OTHER; // beyond a long: RecordReader's BigInteger
    integer = bytes[at] >= 0x20 ? -1 - argument : argument;
    shape = Shape.INTEGER;
    return p;
  }

  private int integers(byte[] bytes, int at, int limit) {
    int p = head(bytes, at);
    if (p < 0 || p > limit) return p < 0 ? OTHER : NEED_MORE;
    if (argument < 0 || argument > MAX_RECORD) return OTHER;
    if (argument > limit - p) return NEED_MORE; // each integer takes a byte at least
    int n = (int) argument;
    if (integers.length < n) integers = new long[Math.max(n, 2 * integers.length)];
    long[] out = integers;
    bigs = null;
    int i = 0;
    // While every integer left could take 5 bytes and still end within limit, none needs a check of
    // its own: C1's code (the fanout workers') spent about a sixth of its time here on them
    int unchecked = limit - p >= 5L * n ? n : 0;
    for (; i < unchecked; i++) {
      // Integers below 2^32 in magnitude decoded in line, the rest in the checked loop
      int initial = bytes[p] & 0xff;
      int info = initial & 0x1f;
      if (initial >= 0x40 || info > 26) break;
      long argument;
      if (info < 24) {
        argument = info;
        p += 1;
      } else if (info == 26) {
        argument = (long) (bytes[p + 1] << 24 | (bytes[p + 2] & 0xff) << 16 | (bytes[p + 3] & 0xff) << 8
            | bytes[p + 4] & 0xff) & 0xffffffffL;
        p += 5;
      } else if (info == 25) {
        argument = (bytes[p + 1] & 0xff) << 8 | bytes[p + 2] & 0xff;
        p += 3;
      } else {
        argument = bytes[p + 1] & 0xff;
        p += 2;
      }
      // -1 - argument for major type 1, without a branch: on rows of mixed signs, a branch guessed
      // wrong half the time took half the decoder's time
      out[i] = argument ^ -(long) (initial >>> 5);
    }
    for (; i < n; i++) {
      if (p >= limit) return NEED_MORE;
      p = integer(bytes, p, limit, i);
      if (p < 0) return p;
    }
    if (p > limit) return NEED_MORE;
    shape = Shape.INTEGERS;
    count = n;
    return p;
  }

  /** The integer at {@code p}, in any form, as element {@code i}: where it ends, or a code. */
  private int integer(byte[] bytes, int p, int limit, int i) {
    int initial = bytes[p] & 0xff;
    if (initial == 0xc2 || initial == 0xc3) return bignum(bytes, p, limit, i);
    if (initial >= 0x40) return OTHER;
    int end = head(bytes, p);
    if (end < 0 || end > limit) return end < 0 ? OTHER : NEED_MORE;
    boolean negative = initial >= 0x20;
    if (argument >= 0) {
      integers[i] = negative ? -1 - argument : argument;
    } else { // 2^63 to 2^64-1, or -2^64 to -2^63-1
      BigInteger magnitude = BigInteger.valueOf(argument & Long.MAX_VALUE).setBit(63);
      big(i, negative ? magnitude.not() : magnitude);
    }
    return end;
  }

  /** Tag 2 or 3 on a definite byte string of 1 to 64 bytes: the magnitude, unsigned (RFC 8949 §3.4.3). */
  private int bignum(byte[] bytes, int p, int limit, int i) {
    if (p + 1 >= limit) return NEED_MORE;
    int initial = bytes[p + 1] & 0xff;
    if (initial < 0x41 || initial > 0x58) return OTHER; // not a definite byte string of 1 to 64 bytes
    int from = head(bytes, p + 1);
    if (from > limit) return NEED_MORE;
    if (argument < 1 || argument > MAX_BIGNUM_BYTES) return OTHER;
    int end = from + (int) argument;
    if (end > limit) return NEED_MORE;
    BigInteger magnitude = new BigInteger(1, bytes, from, end - from);
    big(i, bytes[p] == (byte) 0xc3 ? magnitude.not() : magnitude);
    return end;
  }

  private void big(int i, BigInteger value) {
    if (bigs == null || bigs.length < integers.length) bigs = new BigInteger[integers.length];
    bigs[i] = value;
  }

  private int text(byte[] bytes, int at, int limit) {
    int p = head(bytes, at);
    if (p < 0 || p > limit) return p < 0 ? OTHER : NEED_MORE;
    if (argument < 0 || argument > MAX_RECORD) return OTHER;
    if (argument > limit - p) return NEED_MORE;
    // text that is not UTF-8 is an error, with RecordReader's words for it
    if (Utf8.firstInvalid(bytes, p, p + (int) argument) >= 0) return OTHER;
    shape = Shape.TEXT;
    textFrom = p;
    textLength = (int) argument;
    return p + textLength;
  }

  /**
   * Reads the head of the item at {@code p} into {@link #argument} (an unsigned 64-bit number,
   * negative in a long above 2^63-1) and returns where the head ends; {@link #OTHER} for an
   * indefinite length or a reserved value.
   */
  private int head(byte[] bytes, int p) {
    int info = bytes[p] & 0x1f;
    if (info < 24) {
      argument = info;
      return p + 1;
    }
    switch (info) {
      case 24:
        argument = bytes[p + 1] & 0xff;
        return p + 2;
      case 25:
        argument = (bytes[p + 1] & 0xff) << 8 | bytes[p + 2] & 0xff;
        return p + 3;
      case 26:
        argument = (long) bigEndianInt(bytes, p + 1) & 0xffffffffL;
        return p + 5;
      case 27:
        argument = (long) bigEndianInt(bytes, p + 1) << 32 | bigEndianInt(bytes, p + 5) & 0xffffffffL;
        return p + 9;
      default:
        return OTHER;
    }
  }

  private static int bigEndianInt(byte[] bytes, int p) {
    return bytes[p] << 24 | (bytes[p + 1] & 0xff) << 16 | (bytes[p + 2] & 0xff) << 8 | bytes[p + 3] & 0xff;
  }
}
