package dev.recpipe.fanout.each;

import java.util.List;
import picocli.CommandLine;
import picocli.CommandLine.ParameterException;

/**
 * The options of {@code fanout} that mean nothing with {@code --each}, refused as a usage error
 * rather than ignored: there are no batches, no pipes to deal over, and results go out in order
 * from a window, not from a merge buffer.
 */
public final class EachOptions {
  private static final List<String> NOT_WITH_EACH =
      List.of("--batch", "--dispatch", "--unordered", "--buffer", "--stall-timeout", "--progress", "--total");

  private EachOptions() {}

  /** Refuses any option of {@link #NOT_WITH_EACH} given on {@code commandLine}'s parsed line. */
  public static void check(CommandLine commandLine) {
    CommandLine.ParseResult parsed = commandLine.getParseResult();
    for (String option : NOT_WITH_EACH) {
      CommandLine.Model.OptionSpec given = parsed.matchedOption(option);
      if (given != null) {
        throw new ParameterException(commandLine, given.shortestName() + " does not apply to --each");
      }
    }
  }
}
