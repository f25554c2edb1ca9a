package dev.recpipe.spark;

/**
 * A message's text with its control characters made visible, as the recpipe tools show them (C0 and
 * DEL as {@code \xNN}, C1 and the line and paragraph separators as a backslash, {@code u} and four
 * hex digits): common's class of the same
 * name, whose rule this is, word for word, as this module depends on no recpipe module. What a
 * message quotes (an option, a file name) may hold a line end, which would split its one line in
 * two, or an escape sequence, which the terminal would act on.
 */
final class ControlCharacters {
  private static final char[] HEX = "0123456789abcdef".toCharArray();

  private ControlCharacters() {}

  static String madeVisible(String text) {
    StringBuilder shown = null;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (!Character.isISOControl(c) && c != '\u2028' && c != '\u2029') {
        if (shown != null) shown.append(c);
        continue;
      }
      if (shown == null) shown = new StringBuilder(text.length() + 16).append(text, 0, i);
      if (c < 0x80) {
        shown.append("\\x").append(HEX[c >> 4]).append(HEX[c & 0xf]);
      } else {
        shown.append("\\u").append(HEX[c >> 12]).append(HEX[c >> 8 & 0xf]).append(HEX[c >> 4 & 0xf]).append(HEX[c & 0xf]);
      }
    }
    return shown == null ? text : shown.toString();
  }
}
