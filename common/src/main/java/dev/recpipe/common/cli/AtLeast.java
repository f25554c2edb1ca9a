package dev.recpipe.common.cli;

/**
 * A whole number with a least value: a count of workers or of records per batch (1 or more), of
 * retries (0 or more), a line number (1 or more); and at most what the option's type holds, or a
 * most of its own. Picocli makes each check from its class, so each range is a class: {@code
 * preprocessor = AtLeast.One.class}. The message is {@code -n: '0' is out of range; give 1 to
 * 2147483647}.
 */
public abstract class AtLeast extends ValueCheck {
  private final long least;
  private final long most;

  /** From {@code least} up to what the option's type holds. */
  protected AtLeast(long least) {
    this(least, Long.MAX_VALUE);
  }

  /** From {@code least} to {@code most}, or what the option's type holds if less. */
  protected AtLeast(long least, long most) {
    this.least = least;
    this.most = most;
  }

  /** Read as {@link WholeNumber} reads every whole number: a sign or none, then ASCII digits. */
  @Override
  protected final String problem(String value, Class<?> type) {
    return WholeNumber.problem(value, least, most(type));
  }

  @Override
  protected final String accepted(Class<?> type) {
    return WholeNumber.range(least, most(type));
  }

  private long most(Class<?> type) {
    return Math.min(most, WholeNumber.most(type));
  }

  /** 0 or more. */
  public static final class Zero extends AtLeast {
    public Zero() {
      super(0);
    }
  }

  /** 1 or more. */
  public static final class One extends AtLeast {
    public One() {
      super(1);
    }
  }
}
