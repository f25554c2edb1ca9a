package dev.recpipe.spark;

import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/**
 * Reads {@code --partitions} as the recpipe tools read a count (common's {@code WholeNumber} and
 * {@code AtLeast.One}): a sign or none, then ASCII decimal digits, from 1 to 2147483647. Picocli's
 * converter ({@code Integer.valueOf}) took any Unicode digit: {@code --partitions ٣} (Arabic-Indic)
 * or {@code ３} (fullwidth) asked for 3 partitions, where {@code fanout -n ٣} is refused. {@link
 * UsageMessage} says the refusal: {@code --partitions: '٣' is not a whole number; give 1 to 2147483647}.
 */
public final class Partitions implements ITypeConverter<Integer> {
  @Override
  public Integer convert(String value) {
    if (!isWholeNumber(value)) throw new TypeConversionException("'" + value + "' is not a whole number");
    long partitions;
    try {
      partitions = Long.parseLong(value); // ASCII digits, as isWholeNumber checked
    } catch (NumberFormatException pastALong) {
      throw new TypeConversionException("'" + value + "' is out of range");
    }
    if (partitions < 1 || partitions > Integer.MAX_VALUE) throw new TypeConversionException("'" + value + "' is out of range");
    return (int) partitions;
  }

  /** Whether {@code value} is written as a whole number: a sign or none, then one ASCII digit or more. */
  static boolean isWholeNumber(String value) {
    int start = !value.isEmpty() && (value.charAt(0) == '-' || value.charAt(0) == '+') ? 1 : 0;
    if (start == value.length()) return false;
    for (int i = start; i < value.length(); i++) {
      if (value.charAt(i) < '0' || value.charAt(i) > '9') return false;
    }
    return true;
  }
}
