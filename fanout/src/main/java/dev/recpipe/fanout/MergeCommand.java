package dev.recpipe.fanout;

import dev.recpipe.common.cli.ExitStatus;
import dev.recpipe.common.cli.ToolCommand;
import dev.recpipe.fanout.deal.Ledger;
import dev.recpipe.fanout.merge.Merger;
import dev.recpipe.fanout.workers.PipeDirectory;
import dev.recpipe.fanout.pipes.FifoChannel;
import dev.recpipe.fanout.pipes.Fifos;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/** {@code fanout merge}: the merger alone, on named pipes the user made. */
@Command(
    name = "merge",
    description = {
      "Read records from the named pipes PIPE... as they arrive and write them to stdout in seq order"
          + " (each pipe's records must be in non-decreasing seq order). Ends when every pipe has ended.",
      "Example: fanout merge sa sb | writer",
    })
final class MergeCommand extends ToolCommand {
  @Mixin MergeOptions merge;

  @Parameters(paramLabel = "PIPE", arity = "1..*", description = "Named pipes to merge.")
  List<String> pipes;

  @Override
  protected boolean writesRecords() {
    return true;
  }

  @Override
  protected int run() throws IOException {
    merge.check(spec.commandLine());
    DistinctPipes.check(pipes, spec.commandLine());
    DistinctPipes.checkNotClosed(pipes);
    DistinctPipes.checkNotOwn(pipes, 1, "stdout", "its own output would be read back as input", spec.commandLine());
    List<FifoChannel> channels = new ArrayList<>();
    try (PipeDirectory spill = PipeDirectory.create(); Switchboard board = new Switchboard(Fifos.forAnyPath())) {
      Merger merger = merge.merger(streams.out(), spill, false);
      for (String pipe : pipes) {
        FifoChannel channel = Fifos.forAnyPath().openForReading(pipe);
        channels.add(channel);
        board.add(Lane.mergingFrom(merger.add(pipe, channel, Ledger.UNKNOWN, false), channel));
      }
      board.run(merger);
    } finally {
      for (FifoChannel channel : channels) channel.close();
    }
    return ExitStatus.OK.code();
  }
}
