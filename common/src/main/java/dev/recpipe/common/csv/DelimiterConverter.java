package dev.recpipe.common.csv;

import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/**
 * Converts a {@code -d, --delimiter} option with {@link CsvFormat#parseDelimiter(String)}, so every
 * command that reads CSV accepts the same spellings ({@code ;}, {@code \t}, {@code tab}) and rejects
 * the rest as a usage error (exit status 2) with the same message.
 *
 * <pre>{@code
 * @Option(names = {"-d", "--delimiter"}, converter = DelimiterConverter.class)
 * byte delimiter = ',';
 * }</pre>
 */
public final class DelimiterConverter implements ITypeConverter<Byte> {
  @Override
  public Byte convert(String value) {
    try {
      return CsvFormat.parseDelimiter(value);
    } catch (IllegalArgumentException e) {
      throw new TypeConversionException("'" + value + "': " + e.getMessage());
    }
  }
}
