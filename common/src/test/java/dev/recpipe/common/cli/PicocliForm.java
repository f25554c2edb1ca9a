package dev.recpipe.common.cli;

import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;
import picocli.CommandLine;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Model.PositionalParamSpec;

/**
 * A command line as picocli reads it, written so that only picocli reads it: the options picocli
 * matched, each by its name and with the values it was given, then {@code --} and the operands. A
 * tool's run of it is picocli's run of the original line, to compare with the run of a line a tool
 * reads without picocli ({@link ToolCommand#takesArguments}). Built from picocli's own parse result,
 * so it knows nothing of how the tool reads its line. In this package, for {@link #isReadWithoutPicocli}.
 */
public final class PicocliForm {
  private PicocliForm() {}

  /** Whether {@code command}, not yet used, reads {@code args} itself, without picocli; it then has its fields set. */
  public static boolean isReadWithoutPicocli(ToolCommand command, String... args) {
    return command.takesArguments(args.clone());
  }

  /** {@code args} as {@code fresh}, a command not yet used, reads them through picocli; null if picocli refuses them or they ask for help. */
  public static String[] of(ToolCommand fresh, String... args) {
    CommandLine.ParseResult parsed;
    try {
      parsed = Tool.commandLine(fresh).parseArgs(args.clone());
    } catch (CommandLine.ParameterException e) {
      return null;
    }
    if (parsed.isUsageHelpRequested() || parsed.isVersionHelpRequested() || parsed.hasSubcommand()) return null;
    List<String> options = new ArrayList<>();
    List<String> operands = new ArrayList<>();
    Set<ArgSpec> seen = Collections.newSetFromMap(new IdentityHashMap<>()); // matched once a value
    for (ArgSpec arg : parsed.matchedArgs()) {
      if (!seen.add(arg)) continue;
      if (arg instanceof OptionSpec) {
        options.add(((OptionSpec) arg).longestName());
        if (arg.arity().max() > 0) options.addAll(arg.originalStringValues());
      } else if (arg instanceof PositionalParamSpec) {
        operands.addAll(arg.originalStringValues());
      }
    }
    options.add("--");
    options.addAll(operands);
    return options.toArray(new String[0]);
  }
}
