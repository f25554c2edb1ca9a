package dev.recpipe.common.csv;

/**
 * Shows a field's raw bytes in an error message: quoted, cut to {@value #MAX_SHOWN} characters, and
 * with every byte outside printable ASCII as {@code \xNN}, so that a control character or a stray
 * byte in the input is visible and the message stays one short line.
 */
final class FieldText {
  static final int MAX_SHOWN = 40;
  private static final String ELLIPSIS = "...";
  private static final char[] HEX = "0123456789abcdef".toCharArray();

  private FieldText() {}

  /**
   * Bytes {@code [from, to)} in double quotes; when longer than {@value #MAX_SHOWN}, the first bytes
   * then {@code ...}, so the text between the quotes counts at most {@value #MAX_SHOWN} bytes shown.
   */
  static String quote(byte[] bytes, int from, int to) {
    boolean cut = to - from > MAX_SHOWN;
    int end = cut ? from + MAX_SHOWN - ELLIPSIS.length() : to;
    StringBuilder text = new StringBuilder(2 + 4 * (end - from) + ELLIPSIS.length()).append('"');
    for (int i = from; i < end; i++) append(text, bytes[i]);
    if (cut) text.append(ELLIPSIS);
    return text.append('"').toString();
  }

  private static void append(StringBuilder text, byte b) {
    if (b == '\\') {
      text.append("\\\\");
    } else if (b >= 0x20 && b < 0x7f) {
      text.append((char) b);
    } else {
      text.append("\\x").append(HEX[(b >> 4) & 0xf]).append(HEX[b & 0xf]);
    }
  }
}
