package dev.recpipe.common.cli;

import java.util.List;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.ParseResult;

/**
 * The one wording of an option given without another that it works with only, for every tool, as
 * {@link UsageMessage} says a mistake in the command line's shape: the option as typed, what it
 * works with, then the two ways to put it right.
 *
 * <pre>{@code
 * summer: -d works with --text only; add --text, or leave -d out
 * reader: --ragged works with -H and --text or --typed only; add -H, or leave --ragged out
 * }</pre>
 *
 * <p>Each tool said it its own way ({@code option '--delimiter' needs --text}, {@code --total goes
 * with --progress}, {@code --ragged is for the maps of --text or --typed with -H}), and none said
 * what to do. A tool throws the message as its usage error (picocli's {@code ParameterException}).
 */
public final class WorksWith {
  private WorksWith() {}

  /** {@code option}, of {@code command}'s parsed command line, given without {@code with}, the one option it works with. */
  public static String only(CommandSpec command, String option, String with) {
    return only(command, option, with, with);
  }

  /**
   * {@code option} given without what it works with, {@code with} ({@code -H and --text or
   * --typed}), of which {@code add} is the part not given ({@code -H}).
   */
  public static String only(CommandSpec command, String option, String with, String add) {
    String typed = typedName(command, option);
    return typed + " works with " + with + " only; add " + add + ", or leave " + typed + " out";
  }

  /** The name {@code option} was last typed by, before any {@code --} ({@code -d} for --delimiter); {@code option} if none. */
  private static String typedName(CommandSpec command, String option) {
    OptionSpec spec = command.findOption(option);
    ParseResult parsed = command.commandLine().getParseResult();
    if (spec == null || parsed == null) return option;
    String name = option;
    List<String> args = parsed.originalArgs();
    for (int i = 0; i < args.size() && !args.get(i).equals("--"); i++) {
      String typed = UsageMessage.typedName(spec, args.get(i));
      if (typed != null) name = typed;
    }
    return name;
  }
}
