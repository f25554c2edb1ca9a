package dev.recpipe.fanout;

import dev.recpipe.common.TextInputException;
import dev.recpipe.common.cli.ExitStatus;
import dev.recpipe.common.cli.ToolCommand;
import dev.recpipe.fanout.deal.Dealer;
import dev.recpipe.fanout.deal.Dealt;
import dev.recpipe.fanout.merge.Merger;
import dev.recpipe.fanout.deal.Outlet;
import dev.recpipe.fanout.pipes.FifoChannel;
import dev.recpipe.fanout.pipes.Fifos;
import java.io.IOException;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/** {@code fanout deal}: the dealer alone, on named pipes the user made. */
@Command(
    name = "deal",
    description = {
      "Deal the records on stdin to the named pipes PIPE..., in batches, as fanout does to its"
          + " workers. Each pipe is opened once something reads it. Ends each pipe at the end of input.",
      "Example: mkfifo a b; fanout deal a b < recs & summer < a > sa & summer < b > sb & wait",
    })
final class DealCommand extends ToolCommand {
  @Mixin DealOptions deal;

  @Parameters(paramLabel = "PIPE", arity = "1..*", description = "Named pipes (or files) to deal to.")
  List<String> pipes;

  @Override
  protected int run() throws IOException, InterruptedException {
    DistinctPipes.check(pipes, spec.commandLine());
    List<Outlet> outlets = new ArrayList<>();
    List<FifoChannel> channels = new ArrayList<>();
    List<Lane> lanes = new ArrayList<>();
    Dealt dealt = new Dealt(false); // nobody merges: no ranges kept
    try (Switchboard board = new Switchboard(Fifos.forAnyPath())) {
      for (String pipe : pipes) {
        FifoChannel channel = Fifos.forAnyPath().openForWritingWhenRead(pipe, () -> true);
        channels.add(channel);
        Outlet outlet = new Outlet(pipe, channel, dealt.share(), false, deal.batchSize());
        outlets.add(outlet);
        lanes.add(Lane.dealingTo(outlet, channel));
      }
      Dealer dealer = new Dealer(outlets, deal.dispatch, dealt);
      board.deal(streams.in(), deal.cutAt(), deal.wholeBatches(), dealer, outlets.size(), true);
      for (Lane lane : lanes) board.add(lane);
      try {
        board.run(new Merger(OutputStream.nullOutputStream(), false)); // nothing to merge
      } catch (TextInputException e) { // CSV on stdin: the hint says where reader goes
        dealer.abort();
        throw e.hintFor("fanout deal", null);
      } catch (IOException | RuntimeException e) {
        dealer.abort(); // the readers of the pipes must not take what they got for all of it
        throw e;
      }
    } finally {
      for (FifoChannel channel : channels) channel.close();
    }
    return ExitStatus.OK.code();
  }
}
