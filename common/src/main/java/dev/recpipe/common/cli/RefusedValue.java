package dev.recpipe.common.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.TypeConversionException;

/**
 * The one wording of a refused option value, for every tool and every kind of value: the option as
 * the user typed it, the value quoted as typed, what is wrong with it, and what the option takes:
 *
 * <pre>{@code
 * fanout: -n: '99999999999999999999' is out of range; give 1 to 2147483647
 * writer: --format: 'xml' is unknown; give csv, tsv, jsonl or lines
 * }</pre>
 *
 * <p>Picocli said these in its own words, capitalised, naming the option by its longest name and
 * the range not at all ({@code Invalid value for option '--workers': '99999999999999999999' is not
 * an int}). Its {@code IParameterExceptionHandler}, which {@link Tool} sets, is the one place every
 * refusal passes: a {@link ValueCheck}'s, a converter's ({@link WholeNumber}'s, the delimiter's, a
 * stage's own), and picocli's own converters' (an enum's, a double's). The what is wrong and what is
 * taken come from a {@link Refusal} where the refusing code gave one, else from the option's type.
 */
final class RefusedValue {
  private RefusedValue() {}

  /**
   * {@code e}'s message in recpipe's words if it refuses an option's value, naming the option as
   * {@code args}, the command line, has it; else picocli's message as it is.
   */
  static String message(ParameterException e, String[] args) {
    ArgSpec arg = e.getArgSpec();
    String value = e.getValue();
    if (!isRefusal(e)) return e.getMessage();
    String name = typedName(arg, value, args);
    return message(arg, name, value, refusal(e.getCause(), arg, name));
  }

  /** {@code name: 'value' problem; give accepted}, or without "; give" where nothing says what is taken. */
  static String message(ArgSpec arg, String name, String value, Refusal refusal) {
    String accepted = refusal.accepted() != null ? refusal.accepted() : accepted(arg);
    return name + ": '" + value + "' " + refusal.problem() + (accepted == null ? "" : "; give " + accepted);
  }

  /**
   * Whether {@code e} refuses an option's value: a check's refusal, or a converter's, which picocli
   * wraps ("Invalid value for ..."), naming the option and the value.
   */
  static boolean isRefusal(ParameterException e) {
    if (e.getArgSpec() == null || e.getValue() == null) return false;
    return e.getCause() instanceof TypeConversionException
        || e.getCause() != null && e.getMessage() != null && e.getMessage().startsWith("Invalid value for ");
  }

  /** The refusal itself if it is recpipe's, else one made from the option's type; {@code name} as typed. */
  private static Refusal refusal(Throwable cause, ArgSpec arg, String name) {
    if (cause instanceof Refusal) return (Refusal) cause;
    Class<?> type = arg.type();
    if (isSwitch(arg)) return new Refusal("is a value, and " + name + " takes none", name + " alone");
    if (candidates(arg) != null) return new Refusal("is unknown", null);
    if (isWhole(type)) return new Refusal("is not a whole number", null);
    if (isDecimal(type)) return new Refusal(DecimalNumber.NOT_A_NUMBER, null);
    String reason = cause instanceof TypeConversionException ? ": " + cause.getMessage() : "";
    return new Refusal("is not a " + type.getSimpleName().toLowerCase(Locale.ROOT) + reason, null);
  }

  /**
   * An option that is on or off, given alone ({@code --text}): picocli takes {@code --text=true}
   * too, and refused {@code --text=yes} saying {@code 'yes' is not a boolean} twice over.
   */
  private static boolean isSwitch(ArgSpec arg) {
    return arg.isOption() && (arg.type() == boolean.class || arg.type() == Boolean.class);
  }

  /** What the option takes, from its type: its names (an enum's constants), or its range (a whole number's). */
  static String accepted(ArgSpec arg) {
    List<String> candidates = candidates(arg);
    if (candidates != null) return oneOf(candidates);
    Class<?> type = arg.type();
    if (isWhole(type) && type != java.math.BigInteger.class) {
      return WholeNumber.range(WholeNumber.least(type), WholeNumber.most(type));
    }
    return null;
  }

  /** The values picocli offers for the option (an enum's constants, a completion list), or null for none. */
  private static List<String> candidates(ArgSpec arg) {
    if (arg.completionCandidates() == null) return null;
    List<String> candidates = new ArrayList<>();
    arg.completionCandidates().forEach(candidates::add);
    return candidates.isEmpty() ? null : candidates;
  }

  /** "a, b or c". */
  static String oneOf(List<String> values) {
    return listed(values, "or");
  }

  /** "a, b {@code conjunction} c": "a, b and c". */
  static String listed(List<String> values, String conjunction) {
    if (values.size() == 1) return values.get(0);
    return String.join(", ", values.subList(0, values.size() - 1)) + " " + conjunction + " " + values.get(values.size() - 1);
  }

  private static boolean isWhole(Class<?> type) {
    return type == int.class || type == Integer.class || type == long.class || type == Long.class
        || type == short.class || type == Short.class || type == byte.class || type == Byte.class
        || type == java.math.BigInteger.class;
  }

  private static boolean isDecimal(Class<?> type) {
    return type == double.class || type == Double.class || type == float.class || type == Float.class
        || type == java.math.BigDecimal.class;
  }

  /**
   * The name by which {@code args} give the option {@code value}: {@code -n 0}, {@code -n0}, {@code
   * -n=0}, {@code --workers 0}, {@code --workers=0}. Its longest name where none matches (a value in
   * a cluster of short options, {@code -Hd;}); an operand's label ({@code COLS}).
   */
  static String typedName(ArgSpec arg, String value, String[] args) {
    if (!arg.isOption()) return arg.paramLabel();
    OptionSpec option = (OptionSpec) arg;
    for (int i = 0; i < args.length && !args[i].equals("--"); i++) {
      for (String name : option.names()) {
        if (gives(args, i, name, value)) return name;
      }
    }
    return option.longestName();
  }

  private static boolean gives(String[] args, int i, String name, String value) {
    String arg = args[i];
    if (arg.equals(name)) return i + 1 < args.length && args[i + 1].equals(value);
    if (arg.equals(name + "=" + value)) return true;
    boolean shortName = name.length() == 2 && !name.equals("--");
    return shortName && arg.startsWith(name) && arg.substring(2).equals(value);
  }
}
