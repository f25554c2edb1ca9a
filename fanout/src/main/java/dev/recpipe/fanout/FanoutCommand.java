package dev.recpipe.fanout;

import dev.recpipe.common.cli.ExitCodes;
import dev.recpipe.common.cli.Tool;
import dev.recpipe.common.cli.ToolCommand;
import dev.recpipe.fanout.deal.Dealer;
import dev.recpipe.fanout.deal.Dealt;
import dev.recpipe.fanout.deal.Outlet;
import dev.recpipe.fanout.merge.Merger;
import dev.recpipe.fanout.pipes.Posix;
import dev.recpipe.fanout.workers.CannotStartException;
import dev.recpipe.fanout.workers.PipeDirectory;
import dev.recpipe.fanout.workers.Worker;
import dev.recpipe.fanout.workers.WorkerPool;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code fanout}: N copies of a record filter over named pipes, their output merged back in order. */
@Command(
    name = "fanout",
    subcommands = {DealCommand.class, MergeCommand.class},
    description = {
      "Start N copies of CMD, a filter that reads records on stdin and writes records on stdout, deal"
          + " the records from stdin to them in batches over named pipes, and write their output"
          + " records to stdout in seq order (the input's order).",
      "",
      "CMD runs without a shell (write sh -c '...' for one). It is looked up on PATH; a recpipe tool's"
          + " name also finds the launcher beside fanout's. Each copy gets RECPIPE_WORKER (1..N) and"
          + " RECPIPE_WORKERS (N) in its environment. Workers' stderr is fanout's.",
      "",
      "A worker may drop records or write several per input record, but its output must be in"
          + " non-decreasing seq order, and it must read all of its input. A worker that exits non-zero,"
          + " or exits before reading everything it was dealt, stops the run: the other workers get"
          + " SIGTERM (SIGKILL after --grace), the pipes are removed, and fanout exits 1.",
      "",
      "Example: reader rows.csv | fanout -n 8 summer | writer > sums.csv",
    })
public final class FanoutCommand extends ToolCommand {
  /** The longest --grace and --stall-timeout: about 11 days, far past any use, and well within a Duration. */
  static final double MAX_SECONDS = 1e6;

  @Option(names = {"-n", "--workers"}, paramLabel = "N",
      description = "Copies of CMD to run (default: the number of processors, here ${DEFAULT-VALUE}).")
  int workers = Runtime.getRuntime().availableProcessors();

  @Mixin DealOptions deal;

  @Mixin MergeOptions merge;

  @Option(names = "--grace", paramLabel = "SECONDS",
      description = "After a failure, how long stopped workers get between SIGTERM and SIGKILL, 0 to 1000000"
          + " (default: ${DEFAULT-VALUE}).")
  double graceSeconds = 3;

  @Option(names = "--retries", paramLabel = "K",
      description = "Restart a worker that crashes (exits non-zero, or before reading all its input) and deal"
          + " the records it had not answered to the new one, up to K times for the same records"
          + " (default: ${DEFAULT-VALUE}: a crash fails the run). Each worker's records of its latest seq"
          + " then wait until it writes a later one or ends well. See docs/fanout.md.")
  int retries;

  @Option(names = "--stall-timeout", paramLabel = "SECONDS",
      description = "Stop, as failed, a worker that has input waiting in its pipe yet reads none of it and"
          + " writes nothing for SECONDS: one that never reads, or is stuck. Set it well above the time"
          + " of the slowest record, and at most 1000000. Default: none.")
  double stallSeconds;

  @Option(names = "--progress",
      description = "Show records in and out, the rate and each worker's share on stderr: redrawn in place"
          + " on a terminal, one summary line at the end otherwise.")
  boolean progress;

  @Parameters(index = "0", paramLabel = "CMD", arity = "0..1", description = "The worker command.")
  String command;

  @Parameters(index = "1..*", paramLabel = "ARG", description = "Its arguments.")
  List<String> arguments = new ArrayList<>();

  public static void main(String[] args) {
    NativeWarmUp.start();
    Tool.main(new FanoutCommand(), args);
  }

  @Override
  protected void configure(CommandLine commandLine) {
    commandLine.setStopAtPositional(true); // options after CMD are CMD's
  }

  @Override
  protected Map<String, String> exitCodes() {
    return ExitCodes.helpList(Map.of(
        ExitCodes.FAILURE, "bad input, an I/O failure, or a worker that failed (message on stderr)",
        CannotStartException.NOT_EXECUTABLE, "CMD found but not executable",
        CannotStartException.NOT_FOUND, "CMD not found"));
  }

  @Override
  protected boolean writesRecords() {
    return true;
  }

  @Override
  protected int run() throws IOException {
    if (command == null) throw new CommandLine.ParameterException(spec.commandLine(), "Missing required parameter: 'CMD'");
    if (workers < 1) throw new CommandLine.ParameterException(spec.commandLine(), "-n must be 1 or more, not " + workers);
    checkSeconds("--grace", graceSeconds);
    checkSeconds("--stall-timeout", stallSeconds);
    if (retries < 0) throw new CommandLine.ParameterException(spec.commandLine(), "--retries must be 0 or more, not " + retries);
    deal.check(spec.commandLine());
    merge.check(spec.commandLine());
    List<String> argv = new ArrayList<>();
    Duration grace = Duration.ofNanos((long) (graceSeconds * 1e9));
    try {
      argv.add(CommandLookup.find(command));
      argv.addAll(arguments);
      try (WorkerPool pool = WorkerPool.start(workers, argv, grace, PipeDirectory.create());
          Switchboard board = new Switchboard()) {
        runPool(pool, board);
      }
    } catch (CannotStartException e) { // before any record: the shell's words and status
      warn(e.getMessage());
      return e.status();
    } catch (IOException | RuntimeException e) {
      if (isShuttingDown()) awaitExit(); // a signal is ending the run: let the shutdown hooks finish
      throw e;
    }
    return ExitCodes.OK;
  }

  /** A number of seconds within what a timeout can hold: not negative, NaN or past {@link #MAX_SECONDS}. */
  private void checkSeconds(String option, double value) {
    if (value >= 0 && value <= MAX_SECONDS) return;
    CommandLine.Model.OptionSpec given = spec.commandLine().getParseResult().matchedOption(option);
    String typed = given == null ? String.valueOf(value) : given.originalStringValues().get(0);
    throw new CommandLine.ParameterException(spec.commandLine(),
        option + " must be a number of seconds from 0 to " + (long) MAX_SECONDS + ", not '" + typed + "'");
  }

  /** Wires a lane for each worker into {@code board}, the features that are on as its listeners, and runs it. */
  private void runPool(WorkerPool pool, Switchboard board) throws IOException {
    boolean restart = retries > 0;
    Dealt dealt = new Dealt(true);
    Merger merger = merge.merger(streams.out(), pool.directory(), restart);
    List<Lane> lanes = new ArrayList<>();
    List<Outlet> outlets = new ArrayList<>();
    for (Worker worker : pool.workers()) {
      Dealt.Share share = dealt.share();
      Outlet outlet = new Outlet(worker.label(), worker.input(), share, restart);
      outlets.add(outlet);
      lanes.add(Lane.of(worker, outlet, merger.add(worker.label(), worker.output(), share, true)));
    }
    board.deal(streams.in(), deal.batch, new Dealer(outlets, deal.dispatch, dealt), outlets.size(), false);
    for (Lane lane : lanes) board.add(lane);
    if (restart) board.listen(new Restarts(board, pool, retries, this::warn));
    if (stallSeconds > 0) board.listen(new StallWatch(Duration.ofNanos((long) (stallSeconds * 1e9)), lanes));
    if (progress) board.listen(new Progress(streams.err(), Posix.isTerminal(2), lanes, merger));
    board.run(merger);
  }

  /**
   * Whether the JVM is shutting down (a signal): then the hooks remove the pipes under the running
   * code, whose failures say nothing of use. Adding a hook is the one way to ask.
   */
  private static boolean isShuttingDown() {
    try {
      Thread probe = new Thread(() -> {});
      Runtime.getRuntime().addShutdownHook(probe);
      Runtime.getRuntime().removeShutdownHook(probe);
      return false;
    } catch (IllegalStateException e) {
      return true;
    }
  }

  /** Waits for the JVM's shutdown, already under way, so no half-made error reaches stderr. */
  private static void awaitExit() {
    try {
      Thread.sleep(Long.MAX_VALUE);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
