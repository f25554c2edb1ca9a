package dev.recpipe.common.stage;

import java.util.List;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;

/**
 * Holds a stage to {@link StageCommand#hasRequiredOptions}, on a run picocli parsed, whose model
 * knows. A class of its own so that a stage run without arguments, which has no model, loads none
 * of picocli's types to verify {@link StageCommand} (see {@code Tool}'s Parsed).
 */
final class RequiredOptions {
  private RequiredOptions() {}

  /**
   * Fails if {@code command} has a required option and {@code said} is false: a run of the stage
   * without arguments would start without it, as if it were not required.
   */
  static void check(CommandSpec command, boolean said) {
    List<ArgSpec> required = command.requiredArgs();
    if (said || required.isEmpty()) return;
    ArgSpec first = required.get(0);
    String name = first.isOption() ? ((OptionSpec) first).longestName() : first.paramLabel();
    throw new IllegalStateException(name + " is required, and " + command.name() + " does not say it has a required"
        + " option: override StageCommand.hasRequiredOptions() to return true, or a run without arguments starts"
        + " without " + name);
  }
}
