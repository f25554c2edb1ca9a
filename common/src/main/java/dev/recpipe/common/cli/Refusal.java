package dev.recpipe.common.cli;

import picocli.CommandLine.TypeConversionException;

/**
 * Why an option's value is refused, in recpipe's words, for {@link RefusedValue} to say: what is
 * wrong with it ({@code is out of range}) and, if the refusing code knows better than the option's
 * type, what is taken instead ({@code one ASCII character, or \t or tab for a tab}). A converter
 * throws it as it would any {@link TypeConversionException}; a {@link ValueCheck} makes it the
 * cause of its usage error. Picocli wraps a converter's message in its own words ({@code Invalid
 * value for option '--workers': ...}); the refusal is kept as the cause, and {@link Tool} says it.
 *
 * <pre>{@code
 * throw new Refusal("is not one character", "one ASCII character, or \\t or tab for a tab");
 * }</pre>
 */
public final class Refusal extends TypeConversionException {
  private static final long serialVersionUID = 1L;

  private final String accepted;

  /** {@code problem} follows the quoted value: "is out of range"; {@code accepted} follows "give", or is null. */
  public Refusal(String problem, String accepted) {
    super(problem);
    this.accepted = accepted;
  }

  /** What is wrong with the value, as the words after it: {@code is not a whole number}. */
  public String problem() {
    return getMessage();
  }

  /** What the option takes, as the words after "give", or null to let the option's type say it. */
  public String accepted() {
    return accepted;
  }
}
