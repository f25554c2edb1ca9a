package dev.recpipe.common.cli;

/**
 * A whole number with a least value: a count of workers or of records per batch (1 or more), of
 * retries (0 or more), a line number (1 or more). Picocli makes each check from its class, so each
 * least value is a class: {@code preprocessor = AtLeast.One.class}. The message is
 * {@code -n must be 1 or more, not 0}.
 */
public abstract class AtLeast extends ValueCheck {
  private final long least;

  AtLeast(long least) {
    this.least = least;
  }

  /** Parsed as picocli's converters parse {@code int} and {@code long} ({@code Long.valueOf}). */
  @Override
  protected final String problem(String value) {
    try {
      return Long.parseLong(value) >= least ? null : "must be " + least + " or more, not " + value;
    } catch (NumberFormatException notAWholeNumber) {
      return null; // the converter's "'x' is not an int" says it better
    }
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
