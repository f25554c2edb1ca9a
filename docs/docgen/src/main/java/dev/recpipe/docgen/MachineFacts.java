package dev.recpipe.docgen;

import java.util.Arrays;
import java.util.List;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;

/**
 * Keeps the build machine out of what docgen writes. An option's description may follow a default
 * that depends on the machine with {@value #HERE}, so that {@code --help} tells its reader the value
 * where it runs (fanout's {@code -n}: "the number of processors, here 8"). A man page or a completion
 * list is made once, on the build machine, and read on others: there the clause is left out.
 */
final class MachineFacts {
  /** The clause that gives, in {@code --help}, a default's value on the machine it runs on. */
  static final String HERE = ", here ${DEFAULT-VALUE}";

  private MachineFacts() {}

  /** Removes {@link #HERE} from the descriptions of the options of {@code spec} and its subcommands. */
  static void leaveOut(CommandSpec spec) {
    List<OptionSpec> options = List.copyOf(spec.options());
    if (options.stream().anyMatch(MachineFacts::saysHere)) {
      // picocli's models are immutable but for their lists: the options go back in their order
      for (OptionSpec option : options) spec.remove(option);
      for (OptionSpec option : options) spec.addOption(saysHere(option) ? withoutHere(option) : option);
    }
    for (CommandLine subcommand : spec.subcommands().values()) leaveOut(subcommand.getCommandSpec());
  }

  /** A description template, {@code ${DEFAULT-VALUE}} not yet replaced, without {@link #HERE}. */
  static String[] withoutHere(String[] description) {
    return Arrays.stream(description).map(line -> line.replace(HERE, "")).toArray(String[]::new);
  }

  private static boolean saysHere(OptionSpec option) {
    return Arrays.stream(option.toBuilder().description()).anyMatch(line -> line.contains(HERE));
  }

  private static OptionSpec withoutHere(OptionSpec option) {
    OptionSpec.Builder builder = option.toBuilder();
    return builder.description(withoutHere(builder.description())).build();
  }
}
