package dev.recpipe.common;

/**
 * Checks bytes for well-formed UTF-8 as RFC 3629 defines it: no overlong forms, no surrogates, no
 * code points past U+10FFFF.
 *
 * <p>Why not {@link java.nio.charset.CharsetDecoder}: {@code reader --lines} sends a line out as the
 * bytes it came in, and {@link RecordFramer} checks text it does not decode, so decoding to chars
 * would be work thrown away; and an error should say which byte is wrong and what was expected
 * there, not only that the input is malformed. ASCII, the common case, costs one comparison per
 * byte. Why not Jackson's decoder: it takes encoded surrogates, overlong forms ({@code c0 af} for
 * {@code /}) and code points past U+10FFFF without a word.
 *
 * <p>One checker for every tool, so that reader's lines, the framer's text and writer's strings are
 * found wrong at the same bytes and in the same words; the caller names what ends the text.
 */
public final class Utf8 {
  private Utf8() {}

  /** The index of the first byte of the first ill-formed character in {@code [from, to)}, or -1. */
  public static int firstInvalid(byte[] bytes, int from, int to) {
    int p = from;
    while (p < to) {
      if (bytes[p] >= 0) {
        p++;
        continue;
      }
      int length = sequenceLength(bytes, p, to);
      if (length < 0) return p;
      p += length;
    }
    return -1;
  }

  /**
   * What is wrong with the ill-formed character at {@code at}, which {@link #firstInvalid} found, as
   * {@code expected ..., found ...}: {@code expected a byte 0x80-0xbf after 0xe2 0x82, found 0x41};
   * {@code end} names what comes at {@code to}: {@code ..., found the end of the string}.
   */
  public static String problemAt(byte[] bytes, int at, int to, String end) {
    int lead = bytes[at] & 0xff;
    int length = expectedLength(lead);
    if (length < 0) return "expected the first byte of a UTF-8 character, found " + hex(lead);
    for (int i = 1; i < length; i++) {
      String expected = "expected a byte " + hex(lowest(lead, i)) + "-" + hex(highest(lead, i))
          + " after " + hexRun(bytes, at, at + i);
      if (at + i == to) return expected + ", found " + end;
      if (!fits(bytes[at + i], lead, i)) return expected + ", found " + hex(bytes[at + i] & 0xff);
    }
    throw new IllegalArgumentException("well-formed UTF-8 at " + at);
  }

  /** How far {@link #looksLikeText} looks: a line of CSV or prose is seldom longer. */
  private static final int TEXT_SNIFF_BYTES = 256;

  /**
   * True if the bytes from {@code from} read as the start of a text file: up to the first line end
   * (or {@value #TEXT_SNIFF_BYTES} bytes, or {@code limit}) only well-formed UTF-8 without control
   * characters but tab and carriage return, and at least one byte. For a hint, not a verdict: a
   * user who pipes a CSV file into a stage that reads records.
   */
  public static boolean looksLikeText(byte[] bytes, int from, int limit) {
    int to = Math.min(limit, from + TEXT_SNIFF_BYTES);
    for (int p = from; p < to; p++) {
      int b = bytes[p] & 0xff;
      if (b == '\n') {
        to = p;
        break;
      }
      if ((b < 0x20 && b != '\t' && b != '\r') || b == 0x7f) return false;
    }
    int invalid = firstInvalid(bytes, from, to);
    return to > from && (invalid < 0 || (to == from + TEXT_SNIFF_BYTES || to == limit) && isCutShort(bytes, invalid, to));
  }

  /**
   * The words for an ill-formed character at a byte offset, as reader, the CSV parsers and writer say
   * it: {@code invalid UTF-8 at byte offset 6: expected a byte 0x80-0xbf after 0xc3, found 0x28}.
   */
  public static String invalidAt(long offset, String problem) {
    return "invalid UTF-8 at " + Location.atByte(offset) + ": " + problem;
  }

  /** True if the ill-formed character at {@code at} is only cut short: its bytes before {@code to} fit. */
  public static boolean isCutShort(byte[] bytes, int at, int to) {
    int lead = bytes[at] & 0xff;
    int length = expectedLength(lead);
    if (length < 0 || to - at >= length) return false;
    for (int i = 1; at + i < to; i++) {
      if (!fits(bytes[at + i], lead, i)) return false;
    }
    return true;
  }

  /** The length of the well-formed multi-byte character at {@code p}, or -1. */
  private static int sequenceLength(byte[] bytes, int p, int to) {
    int lead = bytes[p] & 0xff;
    int length = expectedLength(lead);
    if (length < 0 || to - p < length) return -1;
    for (int i = 1; i < length; i++) {
      if (!fits(bytes[p + i], lead, i)) return -1;
    }
    return length;
  }

  /** How many bytes a character with this first byte has, or -1 if no character starts with it. */
  private static int expectedLength(int lead) {
    if (lead < 0x80) return 1;
    if (lead < 0xc2) return -1; // a continuation byte, or the lead of an overlong 2-byte form
    if (lead < 0xe0) return 2;
    if (lead < 0xf0) return 3;
    if (lead < 0xf5) return 4;
    return -1; // past U+10FFFF
  }

  private static boolean fits(byte b, int lead, int index) {
    int value = b & 0xff;
    return value >= lowest(lead, index) && value <= highest(lead, index);
  }

  /**
   * The smallest byte allowed at {@code index} after {@code lead}: the second byte is restricted
   * after 0xe0 (overlong) and 0xf0 (overlong); every other continuation byte is 0x80-0xbf.
   */
  private static int lowest(int lead, int index) {
    if (index == 1 && lead == 0xe0) return 0xa0;
    if (index == 1 && lead == 0xf0) return 0x90;
    return 0x80;
  }

  /** The largest: restricted after 0xed (surrogates) and 0xf4 (past U+10FFFF). */
  private static int highest(int lead, int index) {
    if (index == 1 && lead == 0xed) return 0x9f;
    if (index == 1 && lead == 0xf4) return 0x8f;
    return 0xbf;
  }

  private static String hexRun(byte[] bytes, int from, int to) {
    StringBuilder run = new StringBuilder();
    for (int i = from; i < to; i++) run.append(i > from ? " " : "").append(hex(bytes[i] & 0xff));
    return run.toString();
  }

  private static String hex(int value) {
    return String.format("0x%02x", value);
  }
}
