package dev.recpipe.common.progress;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The terminal stderr writes to: its width in columns, and whether it shows Unicode. Java has no
 * call for a terminal's size, so it is asked of {@code stty size}, reading the terminal on stderr, once
 * and again when the terminal says it was resized (SIGWINCH, where the JVM lets it be caught);
 * {@code COLUMNS}, when exported, wins, as for {@code ls}.
 */
final class Screen {
  /** The width when nothing says otherwise: a terminal's classic 80. */
  static final int DEFAULT_COLUMNS = 80;
  private static final long STTY_TIMEOUT_MILLIS = 2000;

  private final Map<String, String> environment;
  private volatile boolean resized = true;
  private int columns;

  Screen(Map<String, String> environment) {
    this.environment = environment;
    watchResizes();
  }

  /** The width now, in columns. */
  int columns() {
    if (resized) {
      resized = false;
      columns = measure();
    }
    return columns;
  }

  private int measure() {
    int exported = positive(environment.get("COLUMNS"));
    if (exported > 0) return exported;
    int asked = askStty();
    return asked > 0 ? asked : DEFAULT_COLUMNS;
  }

  /**
   * {@code stty size} on the terminal, {@code ROWS COLUMNS}: the columns, or 0 if it cannot say. stty
   * reads stderr, inherited: opening the device here and closing it would drop this process's lock
   * on it (a POSIX lock goes with any close of the file in the process), which {@link TerminalTurn}
   * holds.
   */
  private int askStty() {
    try {
      Process stty = new ProcessBuilder("sh", "-c", "stty size <&2 2>/dev/null")
          .redirectError(ProcessBuilder.Redirect.INHERIT).start();
      String answer = new String(stty.getInputStream().readAllBytes(), StandardCharsets.US_ASCII).trim();
      if (!stty.waitFor(STTY_TIMEOUT_MILLIS, TimeUnit.MILLISECONDS)) stty.destroyForcibly();
      String[] rowsColumns = answer.split(" ");
      return rowsColumns.length == 2 ? positive(rowsColumns[1]) : 0;
    } catch (IOException e) {
      return 0;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return 0;
    }
  }

  /** Measures again at the next line after a SIGWINCH; where the JVM keeps that signal, never. */
  @SuppressWarnings("restriction")
  private void watchResizes() {
    try {
      sun.misc.Signal.handle(new sun.misc.Signal("WINCH"), signal -> resized = true);
    } catch (IllegalArgumentException | UnsupportedOperationException | LinkageError notHere) {
      // the width stays the one measured first
    }
  }

  /** Whether the locale's characters are UTF-8, so the bar may use block characters. */
  boolean unicode() {
    return isUtf8(environment);
  }

  /** The locale as POSIX picks it: LC_ALL, else LC_CTYPE, else LANG. */
  static boolean isUtf8(Map<String, String> environment) {
    for (String name : new String[] {"LC_ALL", "LC_CTYPE", "LANG"}) {
      String value = environment.get(name);
      if (value != null && !value.isEmpty()) {
        String lower = value.toLowerCase(Locale.ROOT);
        return lower.contains("utf-8") || lower.contains("utf8");
      }
    }
    return false;
  }

  private static int positive(String text) {
    if (text == null || !text.matches("[0-9]{1,6}")) return 0;
    return Integer.parseInt(text);
  }
}
