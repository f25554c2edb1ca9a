package dev.recpipe.common.cli;

/**
 * Reads an option's decimal number as picocli's converter for {@code double} reads one ({@code
 * Double.valueOf}: {@code 0.5}, {@code 1e3}, {@code 0x1p3}), and says in one wording what is no
 * number: what Java can't read, and NaN, which it can but which no option takes. The decimal
 * counterpart of {@link WholeNumber}, for the checks of decimal options ({@link Seconds}, heavy's
 * {@code --scale}), which said it each in a parse, a catch and a NaN test of their own.
 *
 * <pre>{@code
 * return DecimalNumber.problem(value, 0, 1e6); // null, "is not a number" or "is out of range"
 * }</pre>
 */
public final class DecimalNumber {
  /** What a value is that {@link #read} makes NaN of, as the words after it. */
  public static final String NOT_A_NUMBER = "is not a number";

  private DecimalNumber() {}

  /** {@code value} as Java reads a double, or NaN where it is no number (NaN itself included): test it with {@code Double.isNaN}. */
  public static double read(String value) {
    try {
      return Double.parseDouble(value);
    } catch (NumberFormatException notANumber) {
      return Double.NaN;
    }
  }

  /** What is wrong with {@code value} as a number from {@code least} to {@code most}, or null if nothing is. */
  public static String problem(String value, double least, double most) {
    double number = read(value);
    if (Double.isNaN(number)) return NOT_A_NUMBER;
    return number >= least && number <= most ? null : "is out of range";
  }
}
