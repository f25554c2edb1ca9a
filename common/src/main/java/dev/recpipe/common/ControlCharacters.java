package dev.recpipe.common;

/**
 * Text for a terminal with its control characters made visible: C0 and DEL as {@code \xNN}, C1
 * (U+0080 to U+009F) as a backslash, {@code u} and four hex digits, the way a field's bytes are shown. What a message quotes
 * (a file name, an option's value, a command) may hold a line end, which would split its one line
 * in two, or an escape sequence, which the user's terminal would act on (set its title, its colours,
 * what it answers back): {@code summer --delimiter $'\e[31m'} turned the terminal red. coreutils
 * quotes such names for the same reason ({@code ls: cannot access 'a'$'\n''b'}).
 *
 * <pre>{@code
 * ControlCharacters.madeVisible("no\nsuch.csv")   // no\x0asuch.csv
 * }</pre>
 *
 * <p>Backslashes are left as they are: the text may already show bytes so ({@code "x\x1b"}, a CSV
 * field's), and would show them twice.
 */
public final class ControlCharacters {
  private static final char[] HEX = "0123456789abcdef".toCharArray();

  private ControlCharacters() {}

  /** {@code text} with each control character shown as above; {@code text} itself if it has none. */
  public static String madeVisible(String text) {
    int first = firstControl(text);
    if (first < 0) return text;
    StringBuilder shown = new StringBuilder(text.length() + 16).append(text, 0, first);
    for (int i = first; i < text.length(); i++) {
      char c = text.charAt(i);
      if (!Character.isISOControl(c)) {
        shown.append(c);
      } else {
        shown.append(c < 0x80 ? "\\x" : "\\u00").append(HEX[c >> 4]).append(HEX[c & 0xf]);
      }
    }
    return shown.toString();
  }

  private static int firstControl(String text) {
    for (int i = 0; i < text.length(); i++) {
      if (Character.isISOControl(text.charAt(i))) return i;
    }
    return -1;
  }
}
