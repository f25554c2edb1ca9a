package dev.recpipe.common.cli;

/**
 * A number of seconds a timeout can hold: from 0 to {@link #MAX}, about 11 days, far past any use
 * and well within a {@link java.time.Duration}. NaN, infinities and negative numbers are refused,
 * quoted as typed: {@code --grace: 'NaN' is out of range; give seconds from 0 to 1000000}; so is
 * a positive number below a nanosecond, which a {@link java.time.Duration} would hold as 0, and one
 * with Java's type suffix ({@code 1d}, a second to Java, a day to {@code timeout 1d}).
 */
public final class Seconds extends ValueCheck {
  /** A whole number, so that an option's help text can name it: {@code "0 to " + Seconds.MAX}. */
  public static final long MAX = 1_000_000;

  /** Parsed as picocli's converter parses {@code double} ({@link DecimalNumber}). */
  @Override
  protected String problem(String value, Class<?> type) {
    double seconds = DecimalNumber.read(value);
    if (Double.isNaN(seconds)) return DecimalNumber.NOT_A_NUMBER;
    String typed = value.strip(); // as parseDouble reads it, which took it
    if (Character.isLetter(typed.charAt(typed.length() - 1)) && Double.isFinite(seconds)) {
      // Java's type suffix, 1d or 2f: to a Unix user (timeout 1d, sleep 1d) 1d is a day, not a second
      return "has a suffix (a number alone is seconds: 86400 for a day)";
    }
    if (seconds > 0 && seconds < 1e-9 || seconds == 0 && namesMoreThanZero(value)) {
      // a timeout of 0 ns, which is no timeout, yet set: every worker "stalled for 0 s"; or, past a
      // double's range (1e-400), parsed as 0: no timeout at all where one was asked for
      return "is more than 0 (none) but less than a nanosecond (1e-9)";
    }
    return seconds >= 0 && seconds <= MAX ? null : "is out of range";
  }

  @Override
  protected String accepted(Class<?> type) {
    return "seconds from 0 to " + MAX;
  }

  /**
   * True if {@code number}, which parsed as 0, has a digit other than 0 before its exponent: a
   * number too small for a double ({@code 1e-400}, {@code 0x1p-2000}), not a zero ({@code 0e5}).
   */
  private static boolean namesMoreThanZero(String number) {
    String text = number.strip().toLowerCase(java.util.Locale.ROOT);
    boolean hex = text.startsWith("0x") || text.startsWith("-0x") || text.startsWith("+0x");
    char exponent = hex ? 'p' : 'e';
    for (int i = hex ? text.indexOf('x') + 1 : 0; i < text.length() && text.charAt(i) != exponent; i++) {
      char c = text.charAt(i);
      if (c >= '1' && c <= '9' || hex && c >= 'a' && c <= 'f') return true;
    }
    return false;
  }
}
