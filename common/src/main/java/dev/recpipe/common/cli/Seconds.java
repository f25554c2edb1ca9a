package dev.recpipe.common.cli;

/**
 * A number of seconds a timeout can hold: from 0 to {@link #MAX}, about 11 days, far past any use
 * and well within a {@link java.time.Duration}. NaN, infinities and negative numbers are refused,
 * quoted as typed: {@code --grace must be a number of seconds from 0 to 1000000, not 'NaN'}; so is
 * a positive number below a nanosecond, which a {@link java.time.Duration} would hold as 0.
 */
public final class Seconds extends ValueCheck {
  /** A whole number, so that an option's help text can name it: {@code "0 to " + Seconds.MAX}. */
  public static final long MAX = 1_000_000;

  /** Parsed as picocli's converter parses {@code double} ({@code Double.valueOf}). */
  @Override
  protected String problem(String value) {
    double seconds;
    try {
      seconds = Double.parseDouble(value);
    } catch (NumberFormatException notANumber) {
      return null; // the converter's "'x' is not a double" says it
    }
    if (seconds > 0 && seconds < 1e-9) { // a timeout of 0 ns, which is no timeout, yet set: every worker "stalled for 0 s"
      return "must be 0 (none) or at least a nanosecond (1e-9 seconds), not '" + value + "'";
    }
    if (seconds >= 0 && seconds <= MAX) return null;
    return "must be a number of seconds from 0 to " + MAX + ", not '" + value + "'";
  }
}
