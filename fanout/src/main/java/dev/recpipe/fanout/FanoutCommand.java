package dev.recpipe.fanout;

import dev.recpipe.common.FileNames;
import dev.recpipe.common.IoErrors;
import dev.recpipe.common.RecpipeException;
import dev.recpipe.common.TextInputException;
import dev.recpipe.common.cli.AtLeast;
import dev.recpipe.common.cli.ExitStatus;
import dev.recpipe.common.cli.Seconds;
import dev.recpipe.common.cli.Streams;
import dev.recpipe.common.cli.Tool;
import dev.recpipe.common.cli.ToolCommand;
import dev.recpipe.common.cli.WorksWith;
import dev.recpipe.common.progress.Snapshot;
import dev.recpipe.fanout.deal.Dealer;
import dev.recpipe.fanout.deal.Dealt;
import dev.recpipe.fanout.deal.Outlet;
import dev.recpipe.fanout.each.EachOptions;
import dev.recpipe.fanout.each.EachRun;
import dev.recpipe.fanout.lines.LineCodec;
import dev.recpipe.fanout.merge.Merger;
import dev.recpipe.fanout.records.LaneCodec;
import dev.recpipe.fanout.skip.Rejects;
import dev.recpipe.fanout.pipes.Fifos;
import dev.recpipe.fanout.workers.CommandLineCharset;
import dev.recpipe.fanout.workers.LaunchMechanism;
import dev.recpipe.fanout.workers.PipeDirectory;
import dev.recpipe.fanout.workers.Worker;
import dev.recpipe.fanout.workers.WorkerPool;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
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
          + " SIGTERM (SIGKILL after --grace), the pipes are removed, and fanout exits 1. With --retries it is"
          + " restarted; with --skip-failed the record it fails on is left out, and fanout exits 3.",
      "",
      "With --lines, CMD is a plain line filter instead (awk, sed, a script): it reads one line per record"
          + " and must write one line back for each, which becomes the record [seq, \"line\"] of the record"
          + " it answers; a worker that writes more or fewer lines fails the run.",
      "",
      "Example: reader rows.csv | fanout -n 8 summer | writer > sums.csv",
    })
public final class FanoutCommand extends ToolCommand {
  @Option(names = {"-n", "--workers"}, paramLabel = "N", preprocessor = AtLeast.One.class,
      description = "Copies of CMD to run (default: the number of processors, here ${DEFAULT-VALUE}).")
  int workers = Runtime.getRuntime().availableProcessors();

  @Mixin DealOptions deal;

  @Mixin MergeOptions merge;

  @Option(names = "--grace", paramLabel = "SECONDS", preprocessor = Seconds.class,
      description = "After a failure, how long stopped workers get between SIGTERM and SIGKILL, 0 to " + Seconds.MAX
          + " (default: ${DEFAULT-VALUE}).")
  double graceSeconds = 3;

  @Option(names = "--retries", paramLabel = "K", preprocessor = AtLeast.Zero.class,
      description = "Restart a worker that crashes (exits non-zero, or before reading all its input) and deal"
          + " the records it had not answered to the new one, up to K times for the same records"
          + " (default: ${DEFAULT-VALUE}: a crash fails the run). Each worker's records of its latest seq"
          + " then wait until it writes a later one or ends well. See docs/fanout.md.")
  int retries;

  @Option(names = "--skip-failed",
      description = "A record that crashes its worker is skipped instead of failing the run: fanout deals the"
          + " crashed worker's unanswered records again, in smaller batches to fresh workers, down to the"
          + " one that fails, names it on stderr, leaves it out and goes on; a record fails once it has"
          + " crashed a worker alone K + 1 times (--retries K). With --each, a record whose command still"
          + " fails after --retries K is skipped. The run then exits 3. See docs/fanout.md.")
  boolean skipFailed;

  @Option(names = "--rejects", paramLabel = "FILE",
      description = "With --skip-failed: write the skipped records to FILE (made anew; written in seq order"
          + " when the run ends), as records, byte for byte as they came in, so 'fanout ... CMD < FILE'"
          + " runs them again.")
  String rejectsFile;

  @Option(names = "--stall-timeout", paramLabel = "SECONDS", preprocessor = Seconds.class,
      description = "Stop, as failed, a worker that has input waiting in its pipe yet reads none of it and"
          + " writes nothing for SECONDS, or has read its input to its end and writes nothing for SECONDS:"
          + " one that never reads, or is stuck (a JVM's start, up to its tool's main, does not count). Set it well above the time a worker takes over what it reads at"
          + " once (recpipe's stages read 64 KiB, about 1,200 rows of ten integers; for a worker that writes only"
          + " at its end, its whole share), and at most " + Seconds.MAX + "; 0, the default, for none (as timeout(1)'s 0).")
  double stallSeconds;

  @Option(names = "--progress",
      description = "Show records in and out, the rate and each worker's share of the records answered on"
          + " stderr: redrawn in place on a terminal (taking over from reader --progress), one summary line"
          + " at the end otherwise.")
  boolean progress;

  @Option(names = "--total", paramLabel = "N", preprocessor = AtLeast.Zero.class,
      description = "With --progress: the run has N records, for a percent and the time left (e.g. the rows"
          + " of the input, wc -l < rows.csv).")
  long total = Snapshot.UNKNOWN;

  @Option(names = "--each",
      description = "Run CMD once per record instead, N at a time, each record's text in place of {} in"
          + " the ARGs (appended when no ARG holds {}), with no shell; the process's stdout, less one"
          + " final newline, is the record's new value, in seq order. See docs/fanout.md.")
  boolean each;

  @Option(names = "--lines",
      description = "CMD is a line filter (awk, sed, a script): it reads each record's value as a line, as"
          + " writer -f lines writes it, and writes one line back for each, which becomes the record"
          + " [seq, \"line\"] with that record's seq. See docs/fanout.md.")
  boolean lines;

  @Parameters(index = "0", paramLabel = "CMD", arity = "0..1", description = "The worker command.")
  String command;

  @Parameters(index = "1..*", paramLabel = "ARG", description = "Its arguments.")
  List<String> arguments = new ArrayList<>();

  public static void main(String[] args) {
    PipesWarmUp.start(args);
    Tool.main(new FanoutCommand(), args);
  }

  /** The usual command line, {@code [-n N] [-b N] [--lines | --each] CMD [ARG...]}, read without picocli's cost ({@link UsualCommandLine}). */
  @Override
  protected boolean takesArguments(String[] args) {
    UsualCommandLine usual = UsualCommandLine.read(args);
    if (usual == null) return false;
    deal = new DealOptions(); // the mixins picocli would have made
    merge = new MergeOptions();
    if (usual.workers != null) workers = usual.workers;
    if (usual.batch != null) deal.batch = usual.batch;
    lines = usual.lines;
    each = usual.each;
    command = usual.command;
    arguments = new ArrayList<>(usual.arguments);
    return true;
  }

  @Override
  protected void configure(CommandLine commandLine) {
    commandLine.setStopAtPositional(true); // options after CMD are CMD's
  }

  /** A worker's failure is fanout's; CMD that can't be started ends it as a shell would (CannotStartException). */
  @Override
  protected Map<ExitStatus, String> exitStatuses() {
    Map<ExitStatus, String> statuses = super.exitStatuses();
    statuses.put(ExitStatus.FAILURE, "bad input, an I/O failure, or a worker that failed (message on stderr)");
    statuses.put(ExitStatus.SKIPPED, "--skip-failed: finished, but records that failed were skipped (named on stderr)");
    statuses.put(ExitStatus.NOT_EXECUTABLE, "CMD found but not executable");
    statuses.put(ExitStatus.NOT_FOUND, "CMD not found");
    return statuses;
  }

  @Override
  protected boolean writesRecords() {
    return true;
  }

  @Override
  protected int run() throws IOException {
    // CMD can't be required in its annotation: picocli would then ask for it before 'fanout deal'.
    // Picocli's exception for a missing operand, naming CMD, which Tool says as every missing operand
    if (command == null) throw new CommandLine.MissingParameterException(spec.commandLine(), spec.positionalParameters().get(0), "CMD is missing");
    if (each && lines) throw new CommandLine.ParameterException(spec.commandLine(), "--lines and --each do not go together");
    if (each && spec != null) EachOptions.check(spec.commandLine()); // none to check without picocli (UsualCommandLine)
    if (!progress && total != Snapshot.UNKNOWN) {
      throw new CommandLine.ParameterException(spec.commandLine(), WorksWith.only(spec, "--total", "--progress"));
    }
    checkSkipOptions();
    if (spec != null) merge.check(spec.commandLine()); // without picocli (UsualCommandLine) --buffer is the default
    LaunchMechanism.choose();
    List<String> argv = new ArrayList<>();
    Duration grace = Duration.ofNanos((long) (graceSeconds * 1e9));
    try {
      CommandLineCharset.check(commandLine());
      argv.add(CommandLookup.find(command));
      argv.addAll(arguments);
      // started without stdout (>&-): the first write fails, so fail before any worker starts; it
      // failed once they all had, and the SIGTERM that stopped them, in the middle of their JVMs'
      // start, had each print the JVM's own "Error occurred during initialization of VM" and stack
      if (Streams.isClosed(1)) throw new RecpipeException("stdout is closed");
      if (each) return runEach(argv, grace);
      try (Rejects rejects = openRejects();
          WorkerPool pool = WorkerPool.start(workers, argv, grace, PipeDirectory.create());
          Switchboard board = new Switchboard(Fifos.forOwnPipes())) {
        runPool(pool, board, rejects);
        if (rejects.records() > 0) return skippedStatus(rejects);
      }
    } catch (TextInputException e) { // text on stdin, not in a worker's output (that one names its worker)
      throw e.location().source() == null ? e.hintFor(name(), null) : e;
    } catch (IOException | RuntimeException e) { // a CannotStartException ends the run with the shell's status
      // a signal is ending the run (the hooks remove the pipes under the running code, whose failures
      // say nothing of use): let the shutdown hooks finish
      if (Tool.isShuttingDown()) awaitExit();
      throw e;
    }
    return ExitStatus.OK.code();
  }

  /** CMD and its arguments, as given. */
  private List<String> commandLine() {
    List<String> given = new ArrayList<>(List.of(command));
    given.addAll(arguments);
    return given;
  }

  /** --rejects works with --skip-failed only. */
  private void checkSkipOptions() {
    if (rejectsFile != null && !skipFailed) {
      throw new CommandLine.ParameterException(spec.commandLine(), WorksWith.only(spec, "--rejects", "--skip-failed"));
    }
  }

  /** --each: one process per record; with --skip-failed, records that fail for good are skipped. */
  private int runEach(List<String> argv, Duration grace) throws IOException {
    if (!skipFailed) {
      new EachRun(argv, workers, retries, grace, this::warn).run(streams.in(), streams.out());
      return ExitStatus.OK.code();
    }
    try (Rejects rejects = openRejects()) {
      new EachRun(argv, workers, retries, grace, this::warn, rejects).run(streams.in(), streams.out());
      return rejects.records() > 0 ? skippedStatus(rejects) : ExitStatus.OK.code();
    }
  }

  /** The --rejects file, made anew before any record is read; without it, skipped records are counted only. */
  private Rejects openRejects() throws IOException {
    if (rejectsFile == null) return new Rejects(null, null);
    if (rejectsFile.equals("-")) refuse("stdout", "the skipped records would be written over the output");
    Path path = FileNames.path(rejectsFile);
    refuseOwnStream(path, 0, "stdin", "it would be made anew, emptied, before a record is read from it");
    refuseOwnStream(path, 1, "stdout", "the skipped records would be written over the output");
    refuseOwnStream(path, 2, "stderr", "it would be made anew, emptied, and the skipped records written over"
        + " fanout's messages");
    try {
      return new Rejects(new BufferedOutputStream(Files.newOutputStream(path)), rejectsFile);
    } catch (IOException e) {
      throw new IOException(rejectsFile + ": " + IoErrors.reason(e), e);
    }
  }

  /**
   * A --rejects file that is the file on fanout's own descriptor {@code fd} is a usage error, before
   * anything is written: `--rejects F ... < F`, running a rejects file again, emptied F unread.
   */
  private void refuseOwnStream(Path rejects, int fd, String stream, String why) {
    if (DistinctPipes.isOwnDescriptor(rejects, fd)) refuse(stream, why);
  }

  /** The --rejects file is fanout's own {@code stream} ({@code -} is stdout, as for writer -o): a usage error. */
  private void refuse(String stream, String why) {
    throw new CommandLine.ParameterException(spec.commandLine(), "--rejects " + rejectsFile + " is fanout's " + stream
        + ": " + why + "; name another file");
  }

  /** Writes the rejects file, then says how many records were skipped, and where they are. */
  private int skippedStatus(Rejects rejects) throws IOException {
    rejects.close(); // first: the line below says the records are there
    long records = rejects.records();
    warn("finished, but skipped " + records + (records == 1 ? " record that" : " records that") + " failed"
        + (rejectsFile == null ? " (their seqs are named above)" : ", written to " + rejectsFile));
    return ExitStatus.SKIPPED.code();
  }

  /** Wires a lane for each worker into {@code board}, the features that are on as its listeners, and runs it. */
  private void runPool(WorkerPool pool, Switchboard board, Rejects rejects) throws IOException {
    boolean restart = retries > 0 || skipFailed;
    Dealt dealt = new Dealt(true);
    Merger merger = merge.merger(streams.out(), pool.directory(), restart);
    List<Lane> lanes = new ArrayList<>();
    List<Outlet> outlets = new ArrayList<>();
    List<Dealt.Share> shares = new ArrayList<>();
    for (Worker worker : pool.workers()) {
      Dealt.Share share = dealt.share();
      shares.add(share);
      LaneCodec codec = lines ? new LineCodec(worker.label()) : LaneCodec.records();
      Outlet outlet = new Outlet(worker.label(), worker.input(), share, restart, deal.batchSize(), codec.encoder());
      outlets.add(outlet);
      lanes.add(Lane.of(worker, outlet, merger.add(worker.label(), worker.output(), share, true, codec.framer())));
    }
    board.deal(streams.in(), deal.cutAt(), deal.wholeBatches(), new Dealer(outlets, deal.dispatch, dealt), outlets.size(), false);
    for (Lane lane : lanes) board.add(lane);
    Progress meter = progress ? new Progress(streams.err(), total, lanes, merger) : null;
    Consumer<String> notice = meter == null ? this::warn : message -> meter.notice(this::warn, message);
    board.listen(new BatchSizing()); // before Restarts and SkipFailed: see its doc
    if (skipFailed) {
      board.listen(new SkipFailed(board, pool, retries, shares, rejects, notice));
    } else if (restart) {
      board.listen(new Restarts(board, pool, retries, notice));
    }
    if (stallSeconds > 0) board.listen(new StallWatch(Duration.ofNanos((long) (stallSeconds * 1e9)), lanes));
    if (meter != null) board.listen(meter);
    try {
      board.run(merger);
    } catch (OutOfMemoryError e) {
      if (Tool.isNoThread(e)) throw e; // the system's limit, which Tool names, not the heap's
      throw outOfMemory(e);
    } catch (IOException e) {
      if (Tool.isNoThread(e.getCause())) throw (OutOfMemoryError) e.getCause(); // in stdin's thread
      if (e.getCause() instanceof OutOfMemoryError) throw outOfMemory(e.getCause());
      throw e;
    } finally {
      if (meter != null) meter.finish(); // ends the line, so a failure's message starts on its own
    }
  }

  /**
   * The heap could not hold the records in flight: each worker may have a record coming in and one
   * going out, and a record may take 8 MiB, so records of several MiB through many workers need more
   * than the usual 256 MiB; with restarts, what the workers have not answered is kept too. Said so,
   * with what to do, rather than as an internal error.
   */
  private RecpipeException outOfMemory(Throwable e) {
    long heapMib = Runtime.getRuntime().maxMemory() >> 20;
    String kept = retries > 0 || skipFailed
        ? ", --buffer (" + merge.bufferMib + " MiB) and every record a worker has not answered yet, kept to deal"
            + " again (a run of one seq stays unanswered until its worker writes a later one)"
        : ", besides --buffer (" + merge.bufferMib + " MiB)";
    return new RecpipeException("out of memory: its heap (" + heapMib + " MiB) can't hold the records in flight, about"
        + " two records a worker (" + workers + " workers)" + kept + ": run fewer workers, or give fanout a larger heap,"
        + " e.g. RECPIPE_JAVA_OPTS=-Xmx1g", e);
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
