package dev.recpipe.common.cli;

import java.util.Map;
import java.util.Stack;
import picocli.CommandLine.IParameterPreprocessor;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.ParameterException;

/**
 * A kind of value that options share, checked as picocli parses the option: a value out of range
 * is a usage error there, in the same words for every option of the kind, naming the option, and
 * no {@code run()} checks it by hand. Name it on the option:
 *
 * <pre>{@code
 * @Option(names = "--retries", preprocessor = AtLeast.Zero.class)
 * int retries;
 * }</pre>
 *
 * <p>A preprocessor, not a setter method or a converter: picocli lists setter methods in no fixed
 * order in {@code --help} and cannot show their defaults, and wraps a converter's message in its own
 * words. This one only looks at the value; picocli then converts and sets it as usual (the option's
 * default stays its field's initializer, and the parse result records it as matched). A value that
 * is not a number is left to picocli's converter, which says so.
 */
public abstract class ValueCheck implements IParameterPreprocessor {
  @Override
  public final boolean preprocess(Stack<String> args, CommandSpec command, ArgSpec arg, Map<String, Object> info) {
    if (args.isEmpty()) return false; // no value: picocli says it is missing
    String value = args.peek();
    String problem = problem(value);
    if (problem != null) throw new ParameterException(command.commandLine(), nameOf(arg) + " " + problem, arg, value);
    return false; // picocli goes on to convert and set the value
  }

  /** What is wrong with {@code value}, as the end of "OPTION must be ...", or null if nothing is. */
  protected abstract String problem(String value);

  /** An option by its long name, as picocli's own messages name it; an argument by its label (ROWS). */
  private static String nameOf(ArgSpec arg) {
    return arg.isOption() ? ((OptionSpec) arg).longestName() : arg.paramLabel();
  }
}
