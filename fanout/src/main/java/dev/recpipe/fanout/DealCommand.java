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
import dev.recpipe.fanout.workers.Cleanup;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
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
    DistinctPipes.checkNotClosed(pipes);
    DistinctPipes.checkNotOwn(pipes, 0, "stdin", "it would be emptied before a record is read from it", spec.commandLine());
    String over = "it would be emptied, and its batches written over what is in it";
    DistinctPipes.checkNotOwnFile(pipes, 1, "stdout", over, spec.commandLine());
    DistinctPipes.checkNotOwnFile(pipes, 2, "stderr", over, spec.commandLine());
    List<Outlet> outlets = new ArrayList<>();
    List<FifoChannel> channels = new ArrayList<>();
    Dealt dealt = new Dealt(false); // nobody merges: no ranges kept
    try (Switchboard board = new Switchboard(Fifos.forAnyPath())) {
      CountDownLatch ended = new CountDownLatch(1);
      // before the pipes are opened: a signal while one waits for its reader ends those open with the mark
      Thread hook = new Thread(() -> stopOnSignal(board, ended), "fanout-deal-abort");
      Runtime.getRuntime().addShutdownHook(hook);
      try {
        List<Lane> lanes = open(board, dealt, outlets, channels);
        Dealer dealer = new Dealer(outlets, deal.dispatch, dealt).endEveryPipeTogether();
        board.deal(streams.in(), deal.cutAt(), deal.wholeBatches(), dealer, outlets.size(), true);
        for (Lane lane : lanes) board.add(lane);
        board.run(new Merger(OutputStream.nullOutputStream(), false)); // nothing to merge
      } catch (TextInputException e) { // CSV on stdin: the hint says where reader goes
        abort(outlets);
        throw e.hintFor("fanout deal", null);
      } catch (IOException | RuntimeException e) {
        abort(outlets); // the readers of the pipes must not take what they got for all of it
        ended.countDown();
        if (board.isStopped()) awaitExit(); // a signal ends the run, with its own status and no message
        throw e;
      } finally {
        ended.countDown();
        Cleanup.removeHook(hook);
      }
    } finally {
      for (FifoChannel channel : channels) channel.close();
    }
    return ExitStatus.OK.code();
  }

  /**
   * Opens every pipe, each once something reads it, into {@code outlets} (and {@code channels}, to
   * close); returns their lanes. Where one can't be opened (a name of nothing), or the board is
   * stopped while one waits for its reader (a signal), the others are still opened where a reader
   * waits on them already, and the first failure is thrown: the caller ends every pipe open with the
   * abort mark, as after any failure. Closed cleanly, those opened before passed for an empty input,
   * and the readers of those after waited for a writer for ever.
   */
  private List<Lane> open(Switchboard board, Dealt dealt, List<Outlet> outlets, List<FifoChannel> channels)
      throws IOException, InterruptedException {
    List<Lane> lanes = new ArrayList<>();
    IOException failure = null;
    for (String pipe : pipes) {
      FifoChannel channel;
      try {
        channel = failure == null
            ? Fifos.forAnyPath().openForWritingWhenRead(pipe, () -> !board.isStopped())
            : Fifos.forAnyPath().openForWriting(pipe); // once, without waiting: a reader there already, or none
      } catch (IOException e) {
        if (failure == null) failure = e;
        continue;
      }
      if (channel == null) {
        failure = new InterruptedIOException("stopped waiting for a reader of " + pipe);
        continue;
      }
      channels.add(channel);
      Outlet outlet = new Outlet(pipe, channel, dealt.share(), false, deal.batchSize());
      outlets.add(outlet);
      lanes.add(Lane.dealingTo(outlet, channel));
    }
    if (failure != null) throw failure;
    return lanes;
  }

  /** Ends every pipe open with the abort mark (see {@link Outlet#abort()}). */
  private static void abort(List<Outlet> outlets) throws InterruptedException {
    for (Outlet outlet : outlets) outlet.abort();
  }

  /**
   * On a signal (the shutdown hook): stops the loop, which then ends every pipe with the abort mark
   * as a failure does, and waits for that: the pipes are deal's output, and a clean end would pass
   * for the end of the input ({@code FanoutIT.sigtermToDealAloneEndsItsPipesWithAnAbortMarkSoTheirReadersFailToo}).
   * A full pipe takes the mark once its reader makes room, which is waited for (see {@code
   * Outlet.abort}): giving up after 5 s, the JVM closed it after whole records, a clean end.
   */
  private static void stopOnSignal(Switchboard board, CountDownLatch ended) {
    board.stop();
    try {
      ended.await();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** Waits for the JVM's shutdown, under way, so no half-made error reaches stderr. */
  private static void awaitExit() {
    try {
      Thread.sleep(Long.MAX_VALUE);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
