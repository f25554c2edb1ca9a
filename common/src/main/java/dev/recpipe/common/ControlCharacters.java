package dev.recpipe.common;

/**
 * Text for a terminal with its control characters made visible: C0 and DEL as {@code \xNN}, C1
 * (U+0080 to U+009F) and the line and paragraph separators (U+2028, U+2029) as a backslash, {@code
 * u} and four hex digits, the way a field's bytes are shown. What a message quotes
 * (a file name, an option's value, a command) may hold a line end, which would split its one line
 * in two, or an escape sequence, which the user's terminal would act on (set its title, its colours,
 * what it answers back): {@code summer --delimiter $'\e[31m'} turned the terminal red. coreutils
 * quotes such names for the same reason ({@code ls: cannot access 'a'$'\n''b'}). The separators end
 * a line for what reads stderr by Unicode's rules (Python's {@code splitlines}, JavaScript, log
 * viewers): a record's text quoted by fanout --each split its message so (bench/chaos.sh --family
 * text --seed 730).
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
      if (!isShown(c)) {
        shown.append(c);
      } else if (c < 0x80) {
        shown.append("\\x").append(HEX[c >> 4]).append(HEX[c & 0xf]);
      } else {
        shown.append("\\u").append(HEX[c >> 12]).append(HEX[c >> 8 & 0xf]).append(HEX[c >> 4 & 0xf]).append(HEX[c & 0xf]);
      }
    }
    return shown.toString();
  }

  private static int firstControl(String text) {
    for (int i = 0; i < text.length(); i++) {
      if (isShown(text.charAt(i))) return i;
    }
    return -1;
  }

  /** A control character, or a line or paragraph separator. */
  private static boolean isShown(char c) {
    return Character.isISOControl(c) || c == '\u2028' || c == '\u2029';
  }
}
