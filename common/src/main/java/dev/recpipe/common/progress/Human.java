package dev.recpipe.common.progress;

import java.util.Locale;

/** Numbers and durations as people read them at a glance: few digits, a prefix, {@code m:ss}. */
final class Human {
  private static final String[] PREFIXES = {"", "k", "M", "G", "T", "P", "E"};
  private static final long SECONDS_PER_HOUR = 3600;
  private static final long SECONDS_PER_DAY = 24 * SECONDS_PER_HOUR;

  private Human() {}

  /**
   * {@code value} below 1000 as it is (an integer, or one decimal below 10 for a fraction); above, divided
   * by 1000 until it is below 1000 (once rounded), with one decimal below 100: {@code 1.9M},
   * {@code 12.3k}, {@code 123k}. {@code space} goes between number and prefix, {@code symbol} after.
   */
  static String scaled(double value, String space, String symbol) {
    if (!(value >= 0) || Double.isInfinite(value)) return "?" + space + symbol;
    if (value < 999.5) return small(value) + (symbol.isEmpty() ? "" : space + symbol);
    int prefix = 0;
    while (value >= 999.5 && prefix < PREFIXES.length - 1) {
      value /= 1000;
      prefix++;
    }
    String digits = String.format(Locale.ROOT, value < 99.95 ? "%.1f" : "%.0f", value);
    return digits + space + PREFIXES[prefix] + symbol;
  }

  private static String small(double value) {
    if (value == Math.rint(value)) return Long.toString((long) value);
    return String.format(Locale.ROOT, value < 9.95 ? "%.1f" : "%.0f", value);
  }

  /** Whole seconds as {@code m:ss}, {@code h:mm:ss} from an hour, {@code 3d04h} from a day. */
  static String duration(long seconds) {
    if (seconds < SECONDS_PER_HOUR) return String.format(Locale.ROOT, "%d:%02d", seconds / 60, seconds % 60);
    if (seconds < SECONDS_PER_DAY) {
      return String.format(Locale.ROOT, "%d:%02d:%02d", seconds / SECONDS_PER_HOUR, seconds / 60 % 60, seconds % 60);
    }
    return String.format(Locale.ROOT, "%dd%02dh", seconds / SECONDS_PER_DAY, seconds / SECONDS_PER_HOUR % 24);
  }
}
