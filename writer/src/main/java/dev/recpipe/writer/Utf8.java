package dev.recpipe.writer;

/**
 * Checks that bytes are well-formed UTF-8, as the Unicode Standard defines it (table 3-7): no
 * overlong forms, no surrogates, nothing past U+10FFFF, no sequence cut short.
 */
final class Utf8 {
  private Utf8() {}

  /** The index of the first byte of the first sequence that is not well-formed, or -1. */
  static int firstMalformed(byte[] bytes, int from, int to) {
    int i = from;
    while (i < to) {
      if (bytes[i] >= 0) {
        i++; // ASCII
        continue;
      }
      int length = wellFormedLength(bytes, i, to);
      if (length == 0) return i;
      i += length;
    }
    return -1;
  }

  /** The length of the well-formed sequence at {@code at}, or 0 if there is none. */
  private static int wellFormedLength(byte[] bytes, int at, int to) {
    int bad = badLength(bytes, at, to);
    return bad == 0 ? 1 + following(bytes[at] & 0xff) : 0;
  }

  /**
   * For the sequence at {@code at}: 0 if it is well-formed; else how many bytes it has up to and
   * including the first that breaks it; or, when {@code to} comes first, minus the bytes before it.
   */
  static int badLength(byte[] bytes, int at, int to) {
    int lead = bytes[at] & 0xff;
    int following = following(lead);
    if (following < 0) return 1; // a continuation byte, C0 and C1 (always overlong), F5 to FF
    for (int k = 1; k <= following; k++) {
      if (at + k >= to) return -k;
      int b = bytes[at + k] & 0xff;
      if (b < low(lead, k) || b > high(lead, k)) return k + 1;
    }
    return 0;
  }

  /** How many continuation bytes follow {@code lead}, or -1 if it can't start a sequence. */
  private static int following(int lead) {
    if (lead < 0x80) return 0;
    if (lead >= 0xc2 && lead <= 0xdf) return 1;
    if (lead >= 0xe0 && lead <= 0xef) return 2;
    if (lead >= 0xf0 && lead <= 0xf4) return 3;
    return -1;
  }

  /** The least byte allowed at position {@code k} after {@code lead}: the second byte rules out overlong forms. */
  private static int low(int lead, int k) {
    if (k == 1 && lead == 0xe0) return 0xa0;
    if (k == 1 && lead == 0xf0) return 0x90;
    return 0x80;
  }

  /** The greatest byte allowed at position {@code k}: the second byte rules out surrogates and past U+10FFFF. */
  private static int high(int lead, int k) {
    if (k == 1 && lead == 0xed) return 0x9f;
    if (k == 1 && lead == 0xf4) return 0x8f;
    return 0xbf;
  }
}
