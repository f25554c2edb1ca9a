package dev.recpipe.common.cli;

import picocli.CommandLine.ITypeConverter;

/**
 * Reads an option's whole number as recpipe takes one: an optional sign and ASCII decimal digits,
 * within a range. Picocli's own converters ({@code Integer.valueOf}) took any Unicode digit ({@code
 * fanout -n ٣} ran 3 workers) and refused the rest in their words ({@code '99999999999999999999' is
 * not an int}). {@link Tool} registers {@link Int} and {@link Long} for every option of those types;
 * {@link AtLeast} reads with {@link #problem} too.
 */
public final class WholeNumber {
  private WholeNumber() {}

  /** What is wrong with {@code value} as a whole number from {@code least} to {@code most}, or null if nothing is. */
  public static String problem(String value, long least, long most) {
    if (!isWritten(value)) return "is not a whole number";
    long number;
    try {
      number = java.lang.Long.parseLong(value); // ASCII digits, as isWritten checked
    } catch (NumberFormatException pastALong) {
      return "is out of range";
    }
    return number < least || number > most ? "is out of range" : null;
  }

  /** "{@code least} to {@code most}": the words after "give". */
  public static String range(long least, long most) {
    return least + " to " + most;
  }

  /** The largest value of {@code type}, an integral type picocli converts; a long's for any other. */
  static long most(Class<?> type) {
    if (type == int.class || type == Integer.class) return Integer.MAX_VALUE;
    if (type == short.class || type == Short.class) return Short.MAX_VALUE;
    if (type == byte.class || type == Byte.class) return Byte.MAX_VALUE;
    return java.lang.Long.MAX_VALUE;
  }

  /** The least value of {@code type}, as {@link #most}. */
  static long least(Class<?> type) {
    if (type == int.class || type == Integer.class) return Integer.MIN_VALUE;
    if (type == short.class || type == Short.class) return Short.MIN_VALUE;
    if (type == byte.class || type == Byte.class) return Byte.MIN_VALUE;
    return java.lang.Long.MIN_VALUE;
  }

  /** Whether {@code value} is written as a whole number: a sign or none, then one ASCII digit or more. */
  private static boolean isWritten(String value) {
    int start = !value.isEmpty() && (value.charAt(0) == '-' || value.charAt(0) == '+') ? 1 : 0;
    if (start == value.length()) return false;
    for (int i = start; i < value.length(); i++) {
      if (value.charAt(i) < '0' || value.charAt(i) > '9') return false;
    }
    return true;
  }

  private static long read(String value, Class<?> type) {
    String problem = problem(value, least(type), most(type));
    if (problem != null) throw new Refusal(problem, null);
    return java.lang.Long.parseLong(value);
  }

  /** Converts an {@code int} option. */
  static final class Int implements ITypeConverter<Integer> {
    @Override
    public Integer convert(String value) {
      return (int) read(value, int.class);
    }
  }

  /** Converts a {@code long} option. */
  static final class Long implements ITypeConverter<java.lang.Long> {
    @Override
    public java.lang.Long convert(String value) {
      return read(value, long.class);
    }
  }
}
