package dev.recpipe.common.cli;

/**
 * A converter that can say what its option takes before any value is given: for {@code -d needs a
 * value; give one ASCII character, or \t or tab for a tab}, where the option was typed without one.
 * A {@link ValueCheck} and an option's type (an enum's names, a whole number's range) say it
 * already; a converter of its own says it through this.
 *
 * <pre>{@code
 * public String accepted() {
 *   return "one ASCII character, or \\t or tab for a tab";
 * }
 * }</pre>
 */
public interface AcceptedValues {
  /** What the option takes, as the words after "give", the same its {@link Refusal}s say. */
  String accepted();
}
