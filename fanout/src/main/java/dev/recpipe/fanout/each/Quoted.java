package dev.recpipe.fanout.each;

/**
 * A record's text as messages show it: in double quotes, control characters, quotes and backslashes
 * escaped as in JSON, and cut after {@link #MAX_CHARS} characters, so a message stays one line.
 */
final class Quoted {
  static final int MAX_CHARS = 200;

  private Quoted() {}

  static String of(String text) {
    StringBuilder quoted = new StringBuilder("\"");
    int end = Math.min(text.length(), MAX_CHARS);
    for (int i = 0; i < end; i++) {
      char c = text.charAt(i);
      if (c == '"' || c == '\\') {
        quoted.append('\\').append(c);
      } else if (c == '\n') {
        quoted.append("\\n");
      } else if (c == '\t') {
        quoted.append("\\t");
      } else if (c < 0x20 || c == 0x7f) {
        quoted.append(String.format("\\u%04x", (int) c));
      } else {
        quoted.append(c);
      }
    }
    quoted.append('"');
    if (text.length() > end) quoted.append("... (").append(text.length()).append(" characters)");
    return quoted.toString();
  }
}
