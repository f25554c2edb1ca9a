package dev.recpipe.common.cli;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.MissingParameterException;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Model.PositionalParamSpec;
import picocli.CommandLine.OverwrittenOptionException;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.UnmatchedArgumentException;

/**
 * The one wording of a usage error, for every tool and every stage on {@link ToolCommand}: what is
 * wrong with the command line, lower case, in one line, and where it helps what would be right, as
 * coreutils says it ({@code ls: unrecognized option '--bogus'}) and as {@link RefusedValue} says a
 * refused value:
 *
 * <pre>{@code
 * summer: unknown option '--tex'; did you mean --text?
 * fanout: --grace needs a value; give seconds from 0 to 1000000
 * writer: -f needs a value before --verbose; give csv, tsv, jsonl or lines
 * gencsv: missing operand SEED; gencsv takes 3 operands: ROWS COLS SEED
 * writer: unexpected argument 'input'; writer takes no operands: it reads stdin
 * writer: -f and --format are one option, given twice; give it once
 * }</pre>
 *
 * <p>Picocli said these in its own words, capitalised, some obscure ({@code Unmatched argument at
 * index 0: 'input'}, {@code option '--format' (FORMAT) should be specified only once}), and its
 * close matches for an unknown option not at all. An option is named as typed; what it takes comes
 * from what refuses its values ({@link ValueCheck}, {@link AcceptedValues}, its type), else its
 * label ({@code FILE}). A message a tool throws in its own words ({@code --lines and --each do not
 * go together}, or {@link WorksWith}'s) is said as it is. A tool without operands reads stdin: each
 * recpipe tool that has none does.
 */
final class UsageMessage {
  private UsageMessage() {}

  /** {@code e}'s message in recpipe's words, naming what {@code args}, the command line, hold as typed. */
  static String of(ParameterException e, String[] args) {
    if (RefusedValue.isRefusal(e)) return RefusedValue.message(e, args);
    if (e instanceof UnmatchedArgumentException) return unmatched((UnmatchedArgumentException) e, args);
    if (e instanceof MissingParameterException) return missing((MissingParameterException) e, args);
    if (e instanceof OverwrittenOptionException) return givenTwice(((OverwrittenOptionException) e).getOverwritten(), args);
    return e.getMessage();
  }

  /** An argument nothing takes: an unknown option, with picocli's close matches, or an operand too many. */
  private static String unmatched(UnmatchedArgumentException e, String[] args) {
    List<String> unmatched = e.getUnmatched();
    if (unmatched.isEmpty()) return e.getMessage(); // a message of picocli's own making, no argument kept
    String first = unmatched.get(0);
    CommandSpec command = e.getCommandLine().getCommandSpec();
    if (!e.isUnknownOption() || isOperand(first, args)) return "unexpected argument '" + first + "'; " + takes(command, List.of());
    String cluster = cluster(e.getMessage());
    List<String> suggestions = e.getSuggestions();
    return "unknown option '" + first + "'" + (cluster == null ? "" : " in '" + cluster + "'")
        + (suggestions.isEmpty() ? "" : "; did you mean " + RefusedValue.oneOf(suggestions) + "?");
  }

  /** Whether {@code arg} comes after {@code --} in {@code args}: an operand, however it looks. */
  private static boolean isOperand(String arg, String[] args) {
    int end = List.of(args).indexOf("--");
    return end >= 0 && List.of(args).indexOf(arg) > end;
  }

  private static final String IN_CLUSTER = " (while processing option: '";

  /** The cluster of short options an unknown one was found in ({@code -Hx}), from picocli's message, or null. */
  private static String cluster(String message) {
    int start = message.indexOf(IN_CLUSTER);
    if (start < 0) return null;
    start += IN_CLUSTER.length();
    int end = message.indexOf("')", start);
    return end < 0 ? null : message.substring(start, end);
  }

  /**
   * An option without its value, a required option not given, or operands missing; but first an
   * unknown option, which picocli found and kept while it parsed, and checks after what is missing:
   * {@code gencsv --bogus} said three operands were missing, and nothing of --bogus.
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
      int at = typedAt(option, args);
      if (at < 0) return "missing option " + option.shortestName() + "; give " + accepted(option);
      // picocli finds a value missing at the end, or before an option ('-f --verbose'): that one is next
      String before = at + 1 < args.length && !args[at].endsWith("=") ? " before " + args[at + 1] : "";
      return typedName(option, args[at]) + " needs a value" + before + "; give " + accepted(option);
    }
    List<ArgSpec> operands = missingFrom(e.getCommandLine().getCommandSpec(), first);
    List<String> labels = new ArrayList<>();
    for (ArgSpec operand : operands) labels.add(operand.paramLabel());
    return "missing operand" + (labels.size() == 1 ? " " : "s ") + RefusedValue.listed(labels, "and")
        + "; " + takes(e.getCommandLine().getCommandSpec(), operands);
  }

  /** The required operands from {@code first} on: picocli names only the first where it runs out of arguments. */
  private static List<ArgSpec> missingFrom(CommandSpec command, ArgSpec first) {
    List<ArgSpec> missing = new ArrayList<>(List.of(first));
    List<PositionalParamSpec> operands = command.positionalParameters();
    int at = operands.indexOf(first);
    if (at < 0) return missing;
    for (PositionalParamSpec operand : operands.subList(at + 1, operands.size())) {
      if (operand.arity().min() > 0) missing.add(operand);
    }
    return missing;
  }

  /**
   * What the command takes: {@code writer takes no operands: it reads stdin}, {@code gencsv takes 3
   * operands: ROWS COLS SEED}, {@code fanout deal takes PIPE...}. An operand in {@code required} is
   * shown as required whatever its arity says (fanout's CMD, which its run requires).
   */
  private static String takes(CommandSpec command, List<ArgSpec> required) {
    String name = command.qualifiedName();
    List<PositionalParamSpec> operands = command.positionalParameters();
    if (operands.isEmpty()) return name + " takes no operands: it reads stdin";
    StringBuilder synopsis = new StringBuilder();
    int count = 0;
    boolean fixed = true;
    for (PositionalParamSpec operand : operands) {
      boolean optional = operand.arity().min() == 0 && !required.contains(operand);
      String shown = operand.paramLabel() + (operand.isMultiValue() ? "..." : "");
      synopsis.append(synopsis.length() == 0 ? "" : " ").append(optional ? "[" + shown + "]" : shown);
      fixed &= !operand.isMultiValue() && !optional;
      count++;
    }
    if (!fixed) return name + " takes " + synopsis;
    return name + " takes " + count + (count == 1 ? " operand: " : " operands: ") + synopsis;
  }

  /** An option given a second time: named as typed, each name once. */
  private static String givenTwice(ArgSpec arg, String[] args) {
    if (!arg.isOption()) return "an operand is given twice";
    OptionSpec option = (OptionSpec) arg;
    Set<String> typed = new LinkedHashSet<>();
    for (int i = 0; i < args.length && !args[i].equals("--"); i++) {
      if (gives(option, args[i])) typed.add(typedName(option, args[i]));
    }
    if (typed.size() < 2) return (typed.isEmpty() ? option.longestName() : typed.iterator().next()) + " is given twice; give it once";
    return RefusedValue.listed(new ArrayList<>(typed), "and") + " are one option, given twice; give it once";
  }

  /** Where in {@code args} the option is typed last, before any {@code --}, or -1. */
  private static int typedAt(OptionSpec option, String[] args) {
    int at = -1;
    for (int i = 0; i < args.length && !args[i].equals("--"); i++) {
      if (gives(option, args[i])) at = i;
    }
    return at;
  }

  /** Whether {@code arg} gives the option: its name, with {@code =value}, or a short one in a cluster ({@code -Hd}). */
  private static boolean gives(OptionSpec option, String arg) {
    return typedName(option, arg) != null;
  }

  /** The option's name that {@code arg} gives it by, or null if it gives another. */
  static String typedName(OptionSpec option, String arg) {
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

  /** What the option takes, as the words after "give": its check's, its converter's, its type's, or its label. */
  static String accepted(OptionSpec option) {
    if (option.preprocessor() instanceof ValueCheck) return ((ValueCheck) option.preprocessor()).accepted(option.type());
    for (ITypeConverter<?> converter : option.converters()) {
      if (converter instanceof AcceptedValues) return ((AcceptedValues) converter).accepted();
    }
    String accepted = RefusedValue.accepted(option);
    return accepted != null ? accepted : option.paramLabel();
  }
}
