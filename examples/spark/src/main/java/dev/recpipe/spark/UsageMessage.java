package dev.recpipe.spark;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import picocli.CommandLine.MissingParameterException;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Model.PositionalParamSpec;
import picocli.CommandLine.OverwrittenOptionException;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.UnmatchedArgumentException;

/**
 * A usage error of recpipe-spark's command line in the words the recpipe tools use: common's
 * {@code UsageMessage} and {@code RefusedValue}, whose rules these are, word for word, for the
 * kinds of mistake this command line can hold, as this module depends on no recpipe module:
 *
 * <pre>{@code
 * recpipe-spark: unknown option '-n'; CMD and its options go after --: recpipe-spark [OPTION...] INPUT OUTPUT -- CMD [ARG...]
 * recpipe-spark: --partitions needs a value; give 1 to 2147483647
 * recpipe-spark: missing operand CMD; recpipe-spark takes INPUT OUTPUT -- CMD [ARG...]
 * }</pre>
 */
final class UsageMessage {
  private static final String IN_CLUSTER = " (while processing option: '";

  private UsageMessage() {}

  /** {@code e}'s message in the tools' words, naming what {@code args} hold as typed. */
  static String of(ParameterException e, String[] args) {
    if (e.getArgSpec() != null && e.getArgSpec().isOption() && e.getValue() != null) {
      return refused((OptionSpec) e.getArgSpec(), e.getValue(), e, args);
    }
    if (e instanceof UnmatchedArgumentException) return unmatched((UnmatchedArgumentException) e, args);
    if (e instanceof MissingParameterException) return missing((MissingParameterException) e, args);
    if (e instanceof OverwrittenOptionException) return givenTwice(((OverwrittenOptionException) e).getOverwritten(), args);
    return e.getMessage();
  }

  /** A value refused: {@code name: 'value' problem; give accepted}, the option as typed. */
  private static String refused(OptionSpec option, String value, ParameterException e, String[] args) {
    String name = lastTypedName(option, args);
    String problem;
    if (option.type() == boolean.class || option.type() == Boolean.class) {
      return name + ": '" + value + "' is a value, and " + name + " takes none; give " + name + " alone";
    } else if (option.isMultiValue()) { // --conf
      return name + ": '" + value + "' is not " + option.paramLabel() + "; give " + option.paramLabel() + ", a Spark setting";
    } else if (option.type() == Integer.class) {
      problem = Partitions.isWholeNumber(value) ? "is out of range" : "is not a whole number";
    } else {
      return e.getMessage();
    }
    return name + ": '" + value + "' " + problem + "; give " + accepted(option);
  }

  private static String unmatched(UnmatchedArgumentException e, String[] args) {
    List<String> unmatched = e.getUnmatched();
    if (unmatched.isEmpty()) return e.getMessage();
    String first = unmatched.get(0);
    if (!e.isUnknownOption()) return "unexpected argument '" + first + "'; " + takes();
    int start = e.getMessage().indexOf(IN_CLUSTER);
    int end = start < 0 ? -1 : e.getMessage().indexOf("')", start);
    String cluster = end < 0 ? "" : " in '" + e.getMessage().substring(start + IN_CLUSTER.length(), end) + "'";
    List<String> suggestions = e.getSuggestions();
    String hint = "";
    if (!suggestions.isEmpty()) {
      hint = "; did you mean " + oneOf(suggestions, " or ") + "?";
    } else if (!List.of(args).contains("--")) {
      hint = "; CMD and its options go after --: " + RecpipeSparkCommand.SYNOPSIS;
    }
    return "unknown option '" + first + "'" + cluster + hint;
  }

  /**
   * An option without its value, or operands missing; but first an unknown option, which picocli
   * found and kept while it parsed, and checks after what is missing: {@code recpipe-spark --bogus}
   * said three operands were missing, and nothing of --bogus.
   */
  private static String missing(MissingParameterException e, String[] args) {
    List<String> unmatched = e.getCommandLine().getUnmatchedArguments();
    if (!unmatched.isEmpty()) {
      UnmatchedArgumentException unknown = new UnmatchedArgumentException(e.getCommandLine(), unmatched);
      if (unknown.isUnknownOption() && !isOperand(unmatched.get(0), args)) return unmatched(unknown, args);
    }
    List<ArgSpec> missing = e.getMissing();
    if (missing.isEmpty()) return e.getMessage();
    ArgSpec first = missing.get(0);
    if (first.isOption()) {
      OptionSpec option = (OptionSpec) first;
      int at = -1;
      for (int i = 0; i < args.length && !args[i].equals("--"); i++) {
        if (typedName(option, args[i]) != null) at = i;
      }
      if (at < 0) return "missing option " + option.shortestName() + "; give " + accepted(option);
      String next = at + 1 < args.length && !args[at].endsWith("=") ? " before " + args[at + 1] : "";
      return typedName(option, args[at]) + " needs a value" + next + "; give " + accepted(option);
    }
    List<String> labels = new ArrayList<>();
    List<PositionalParamSpec> operands = e.getCommandLine().getCommandSpec().positionalParameters();
    for (int i = operands.indexOf(first); i >= 0 && i < operands.size(); i++) labels.add(operands.get(i).paramLabel());
    return "missing operand" + (labels.size() == 1 ? " " : "s ") + oneOf(labels, " and ") + "; " + takes();
  }

  /** Whether {@code arg} comes after {@code --} in {@code args}: an operand, however it looks. */
  private static boolean isOperand(String arg, String[] args) {
    int end = List.of(args).indexOf("--");
    return end >= 0 && List.of(args).indexOf(arg) > end;
  }

  private static String takes() {
    return "recpipe-spark takes " + RecpipeSparkCommand.SYNOPSIS.substring(RecpipeSparkCommand.SYNOPSIS.indexOf("INPUT"));
  }

  private static String givenTwice(ArgSpec arg, String[] args) {
    if (!arg.isOption()) return "an operand is given twice";
    OptionSpec option = (OptionSpec) arg;
    Set<String> typed = new LinkedHashSet<>();
    for (int i = 0; i < args.length && !args[i].equals("--"); i++) {
      String name = typedName(option, args[i]);
      if (name != null) typed.add(name);
    }
    if (typed.size() < 2) return (typed.isEmpty() ? option.longestName() : typed.iterator().next()) + " is given twice; give it once";
    return oneOf(new ArrayList<>(typed), " and ") + " are one option, given twice; give it once";
  }

  /** The name the option was last typed by, before any {@code --}; its longest where none was. */
  private static String lastTypedName(OptionSpec option, String[] args) {
    String name = option.longestName();
    for (int i = 0; i < args.length && !args[i].equals("--"); i++) {
      String typed = typedName(option, args[i]);
      if (typed != null) name = typed;
    }
    return name;
  }

  /** The option's name that {@code arg} gives it by ({@code -d}, {@code --delimiter=;}, {@code -Hd}), or null. */
  private static String typedName(OptionSpec option, String arg) {
    for (String name : option.names()) {
      if (arg.equals(name) || arg.startsWith(name + "=")) return name;
    }
    for (String name : option.names()) {
      boolean shortName = name.length() == 2 && name.charAt(0) == '-' && name.charAt(1) != '-';
      if (shortName && arg.length() > 2 && arg.charAt(0) == '-' && arg.charAt(1) != '-' && arg.indexOf(name.charAt(1), 1) > 0) {
        return name;
      }
    }
    return null;
  }

  /** What the option takes, as the words after "give": a count of partitions' range, else its label. */
  private static String accepted(OptionSpec option) {
    return option.type() == Integer.class ? "1 to " + Integer.MAX_VALUE : option.paramLabel();
  }

  /** "a, b or c", or with {@code last} " and ". */
  private static String oneOf(List<String> values, String last) {
    if (values.size() == 1) return values.get(0);
    return String.join(", ", values.subList(0, values.size() - 1)) + last + values.get(values.size() - 1);
  }
}
