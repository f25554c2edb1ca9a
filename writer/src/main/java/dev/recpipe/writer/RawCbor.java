package dev.recpipe.writer;

import dev.recpipe.common.Utf8;
import java.math.BigInteger;

/**
 * Reads CBOR heads from the bytes a {@link RetainedInput} kept: the little writer needs that
 * Jackson's tokens don't tell, an item's major type and tags, an integer map key's exact value, and
 * whether a text string's bytes are UTF-8. Never reads past what was kept.
 */
final class RawCbor {
  static final int UNSIGNED = 0;
  static final int NEGATIVE = 1;
  static final int TEXT = 3;
  private static final int TAG = 6;
  private static final int INDEFINITE = 31;
  private static final int BREAK = 0xff;
  /** RFC 8949 and the stringref extension: tag 25 refers to a string seen before. */
  private static final long TAG_STRING_REFERENCE = 25;

  private final RetainedInput input;

  RawCbor(RetainedInput input) {
    this.input = input;
  }

  /** The major type of the item at {@code at}, after any tags; -1 if it was not read. */
  int majorType(long at) {
    at = skipTags(at);
    return input.holds(at) ? input.byteAt(at) >> 5 : -1;
  }

  /** True if the item at {@code at} is a plain integer, untagged: one head, major type 0 or 1. */
  boolean isPlainInteger(long at) {
    int type = input.byteAt(at) >> 5;
    return type == UNSIGNED || type == NEGATIVE;
  }

  /** True if one of the item's tags is a string reference, which Jackson resolves and this class can't. */
  boolean isStringReference(long at) {
    for (; holdsHead(at) && input.byteAt(at) >> 5 == TAG; at += headLength(at)) {
      if (argument(at) == TAG_STRING_REFERENCE) return true;
    }
    return false;
  }

  /** The decimal text of the plain integer at {@code at}: unsigned 64-bit, or -1 minus that. */
  String integerText(long at) {
    long n = argument(at);
    if (input.byteAt(at) >> 5 == UNSIGNED) return Long.toUnsignedString(n);
    if (n >= 0) return Long.toString(-1 - n);
    return new BigInteger(Long.toUnsignedString(n)).add(BigInteger.ONE).negate().toString();
  }

  /**
   * Throws if the text string at {@code at} (tags allowed) is not UTF-8: each chunk of an
   * indefinite-length string on its own, as RFC 8949 §3.2.3 asks. Returns quietly for an item that
   * is not a text string (a string reference, say), and when the bytes run out before a verdict:
   * the parser, which read no further, reports that cut. {@code base} is added to offsets in
   * messages.
   */
  void checkText(long at, long base) throws MalformedTextException {
    at = skipTags(at);
    if (!holdsHead(at) || input.byteAt(at) >> 5 != TEXT) return;
    if ((input.byteAt(at) & 0x1f) != INDEFINITE) {
      checkUtf8(at + headLength(at), argument(at), "the end of the string", base);
      return;
    }
    for (at++; holdsHead(at) && input.byteAt(at) != BREAK; ) {
      long length = argument(at);
      at += headLength(at);
      checkUtf8(at, length, "the end of its chunk", base);
      at += length;
    }
  }

  /** True if the whole head at {@code at} was read. */
  private boolean holdsHead(long at) {
    return input.holds(at) && input.holds(at + headLength(at) - 1);
  }

  private void checkUtf8(long from, long length, String end, long base) throws MalformedTextException {
    if (from > input.end() || length < 0) return; // not read yet, or longer than anything Jackson reads
    long to = Math.min(from + length, input.end());
    byte[] bytes = input.array();
    int start = input.index(from);
    int stop = input.index(to);
    int invalid = Utf8.firstInvalid(bytes, start, stop);
    if (invalid < 0) return;
    boolean inputRanOut = to < from + length;
    if (inputRanOut && Utf8.isCutShort(bytes, invalid, stop)) return; // the parser reports the cut
    throw new MalformedTextException(base + from + (invalid - start), Utf8.problemAt(bytes, invalid, stop, end));
  }

  private long skipTags(long at) {
    while (holdsHead(at) && input.byteAt(at) >> 5 == TAG) at += headLength(at);
    return at;
  }

  /** The bytes of the head at {@code at}: 1, 2, 3, 5 or 9 (1 for the reserved forms Jackson refuses). */
  private int headLength(long at) {
    int info = input.byteAt(at) & 0x1f;
    return info >= 24 && info <= 27 ? 1 + (1 << (info - 24)) : 1;
  }

  /** The argument of the head at {@code at}: its value, length or tag number, unsigned. */
  private long argument(long at) {
    int info = input.byteAt(at) & 0x1f;
    if (info < 24) return info;
    long value = 0;
    for (int i = 1; i < headLength(at); i++) value = value << 8 | input.byteAt(at + i);
    return value;
  }
}
