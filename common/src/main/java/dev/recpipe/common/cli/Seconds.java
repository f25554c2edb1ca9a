package dev.recpipe.common.cli;

/**
 * A number of seconds a timeout can hold: from 0 to {@link #MAX}, about 11 days, far past any use
 * and well within a {@link java.time.Duration}. NaN, infinities and negative numbers are refused,
 * quoted as typed: {@code --grace must be a number of seconds from 0 to 1000000, not 'NaN'}.
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
    if (seconds >= 0 && seconds <= MAX) return null;
    return "must be a number of seconds from 0 to " + MAX + ", not '" + value + "'";
  }
}
