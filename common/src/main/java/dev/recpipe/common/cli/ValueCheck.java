package dev.recpipe.common.cli;

import java.util.Map;
import java.util.Stack;
import picocli.CommandLine.IParameterPreprocessor;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;

/**
 * A kind of value that options share, checked as picocli parses the option: a value out of range
 * is a usage error there, in the same words for every option of the kind ({@link RefusedValue}
 * says them, naming the option as typed), and no {@code run()} checks it by hand. Name it on the
 * option:
 *
 * <pre>{@code
 * @Option(names = "--retries", preprocessor = AtLeast.Zero.class)
 * int retries;
 * }</pre>
 *
 * <p>A preprocessor, not a setter method or a converter: picocli lists setter methods in no fixed
 * order in {@code --help} and cannot show their defaults, and a converter knows only the value,
 * not the option whose range it is. This one only looks at the value; picocli then converts and
 * sets it as usual (the option's default stays its field's initializer, and the parse result
 * records it as matched).
 */
public abstract class ValueCheck implements IParameterPreprocessor {
  @Override
  public final boolean preprocess(Stack<String> args, CommandSpec command, ArgSpec arg, Map<String, Object> info) {
    if (args.isEmpty()) return false; // no value: picocli says it is missing
    String value = args.peek();
    String problem = problem(value, arg.type());
    if (problem == null) return false; // picocli goes on to convert and set the value
    Refusal refusal = new Refusal(problem, accepted(arg.type()));
    throw new ParameterException(command.commandLine(), RefusedValue.message(arg, RefusedValue.typedName(arg, value, new String[0]), value, refusal),
        refusal, arg, value);
  }

  /**
   * What is wrong with {@code value} for an option of {@code type}, as the words after the quoted
   * value ({@code is out of range}), or null if nothing is.
   */
  protected abstract String problem(String value, Class<?> type);

  /** What an option of {@code type} takes, as the words after "give": {@code 1 to 2147483647}. */
  protected abstract String accepted(Class<?> type);
}
