package dev.recpipe.common.csv;

import dev.recpipe.common.cli.AcceptedValues;
import dev.recpipe.common.cli.Refusal;
import picocli.CommandLine.ITypeConverter;

/**
 * Converts a {@code -d, --delimiter} option with {@link CsvFormat#parseDelimiter(String)}, so every
 * command that reads CSV accepts the same spellings ({@code ;}, {@code \t}, {@code tab}) and rejects
 * the rest as a usage error (exit status 2) with the same message: {@code -d: 'ab' is not one
 * character; give one ASCII character, or \t or tab for a tab}.
 *
 * <pre>{@code
 * @Option(names = {"-d", "--delimiter"}, converter = DelimiterConverter.class)
 * byte delimiter = ',';
 * }</pre>
 */
public final class DelimiterConverter implements ITypeConverter<Byte>, AcceptedValues {
  /** What a delimiter may be, as the words after "give". */
  private static final String ACCEPTED = "one ASCII character, or \\t or tab for a tab";

  @Override
  public Byte convert(String value) {
    try {
      return CsvFormat.parseDelimiter(value);
    } catch (IllegalArgumentException e) {
      throw new Refusal(problem(value, e.getMessage()), ACCEPTED);
    }
  }

  @Override
  public String accepted() {
    return ACCEPTED;
  }

  /**
   * What is wrong with {@code value}, as the words after it, from parseDelimiter's {@code reason}:
   * "a quote cannot be a delimiter" is said "is a quote, which cannot be a delimiter".
   */
  private static String problem(String value, String reason) {
    if (value.length() != 1) return "is not one character";
    if (value.charAt(0) > 0x7f) return "is not an ASCII character";
    return "is " + reason.replace(" cannot be", ", which cannot be");
  }
}
