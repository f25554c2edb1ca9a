package dev.recpipe.docgen;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Option;

class MachineFactsTest {
  @Command(name = "tool", subcommands = Sub.class)
  static final class Tool {
    @Option(names = "--first", description = "First.") boolean first;
    @Option(names = {"-n", "--workers"}, description = "Workers (default: the number of processors, here ${DEFAULT-VALUE}).")
    int workers = 7;
    @Option(names = "--last", description = "Last (default: ${DEFAULT-VALUE}).") int last = 3;
  }

  @Command(name = "sub")
  static final class Sub {
    @Option(names = "--threads", description = "Threads (default: one a processor, here ${DEFAULT-VALUE}).")
    int threads = 7;
  }

  @Test
  void helpSaysTheValueHere() {
    String help = new CommandLine(new Tool()).getUsageMessage();
    assertTrue(help.contains("(default: the number of processors, here 7)"), help);
  }

  @Test
  void docsLeaveTheValueHereOutAndKeepTheOptionsInOrder() {
    CommandLine tool = new CommandLine(new Tool());
    MachineFacts.leaveOut(tool.getCommandSpec());
    CommandSpec spec = tool.getCommandSpec();
    assertEquals(List.of("--first", "--workers", "--last"), spec.options().stream().map(OptionSpec::longestName).toList());
    assertEquals("Workers (default: the number of processors).", spec.findOption("-n").description()[0]);
    assertEquals("Last (default: 3).", spec.findOption("--last").description()[0]);
    assertEquals("Threads (default: one a processor).",
        tool.getSubcommands().get("sub").getCommandSpec().findOption("--threads").description()[0]);
    String help = tool.getUsageMessage();
    assertTrue(help.contains("(default: the number of processors).") && !help.contains("here"), help);
  }
}
