package dev.recpipe.fanout.workers;

import dev.recpipe.fanout.pipes.FifoChannel;
import dev.recpipe.fanout.pipes.Fifos;
import java.io.File;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * One copy of the worker command, its stdin and stdout on named pipes in the private directory.
 *
 * <p>The order of opening matters, because opening a FIFO blocks until its other end is open too.
 * Output pipe: fanout opens the read end non-blocking first, so the worker's write end opens at once.
 * Input pipe: fanout opens a read end of its own (the probe) non-blocking, then the write end, then
 * starts the worker on the read side. The probe stays open while the worker runs and says, when the
 * worker exits, whether it left dealt bytes unread: records that would otherwise be lost in silence.
 */
public final class Worker {
  /** The file descriptors fanout keeps open for a worker: its output, its input and the input's probe. */
  static final int FILES = 3;
  /**
   * The longest a worker that is a JVM counts as starting, until its tool's main: past that it has
   * started, whatever it catches (a JVM of another program never sets a recpipe tool's handlers).
   */
  public static final Duration LONGEST_START = Duration.ofSeconds(30);

  private final int index;
  private final String label;
  private final String program;
  private final Process process;
  private final FifoChannel input;
  private final FifoChannel output;
  private FifoChannel probe;
  private String stopReason;
  private final AtomicBoolean exitNoticed = new AtomicBoolean();
  private final long startedNanos = System.nanoTime();

  private Worker(int index, String label, String program, Process process, FifoChannel input, FifoChannel output, FifoChannel probe) {
    this.index = index;
    this.label = label;
    this.program = program;
    this.process = process;
    this.input = input;
    this.output = output;
    this.probe = probe;
  }

  /**
   * Starts worker {@code index} (0-based) of {@code count}; its slot, 1-based, is in its environment.
   * {@code restarts} counts the workers that ran in this slot before. The pipes are made in
   * {@code directory}, which may go once this returns: both ends of each are open by then.
   *
   * @throws CannotStartException the command can't be run
   */
  static Worker start(int index, int count, List<String> command, Path directory, int restarts)
      throws IOException {
    int slot = index + 1;
    String suffix = restarts == 0 ? "" : "." + restarts;
    String inPath = directory.resolve("in-" + slot + suffix).toString();
    String outPath = directory.resolve("out-" + slot + suffix).toString();
    Fifos fifos = Fifos.forOwnPipes();
    fifos.mkfifo(inPath);
    fifos.mkfifo(outPath);
    FifoChannel output = null;
    FifoChannel probe = null;
    FifoChannel input = null;
    Process process = null;
    try {
      output = fifos.openForReading(outPath);
      probe = fifos.openForReading(inPath);
      input = fifos.openForWriting(inPath);
      // the JDK opens both redirects in fanout itself and hands the descriptors to the child: once
      // start() returns, every end of both pipes is open, and their names are no longer needed
      ProcessBuilder builder = new ProcessBuilder(command)
          .redirectInput(new File(inPath))
          .redirectOutput(new File(outPath))
          .redirectError(ProcessBuilder.Redirect.INHERIT);
      builder.environment().put("RECPIPE_WORKER", Integer.toString(slot));
      builder.environment().put("RECPIPE_WORKERS", Integer.toString(count));
      try {
        process = builder.start();
      } catch (IOException e) {
        throw CannotStartException.of(command.get(0), e);
      }
    } finally {
      // an end that failed to open (out of descriptors), or a start that failed, an Error too (no
      // native thread for the reaper): the ends opened so far are closed
      if (process == null) close(output, probe, input);
    }
    String label = "worker " + slot + " (" + new File(command.get(0)).getName() + ")";
    return new Worker(index, label, command.get(0), process, input, output, probe);
  }

  public int index() {
    return index;
  }

  /** "worker 3 (summer)": how messages name it. */
  public String label() {
    return label;
  }

  /** The program it runs, as found on PATH or given. */
  public String program() {
    return program;
  }

  public Process process() {
    return process;
  }

  /** True the first time only, from whichever thread: the one notice of this worker's exit. */
  public boolean noticeExit() {
    return exitNoticed.compareAndSet(false, true);
  }

  public FifoChannel input() {
    return input;
  }

  public FifoChannel output() {
    return output;
  }

  /**
   * Whether the worker is a JVM still in its start, before a recpipe tool's main has set its handlers
   * ({@link JvmStarts}), for up to {@link #LONGEST_START}: it reads nothing yet, and is starting, not
   * stalled. Six JVMs starting at once on a loaded 2-core machine each took over 2 s to get there.
   * Reads /proc: for a worker about to be taken for stalled, not at every look.
   */
  public boolean isStartingJvm() {
    return System.nanoTime() - startedNanos < LONGEST_START.toNanos() && JvmStarts.isStarting(process.toHandle());
  }

  /** While the worker runs: the bytes waiting in its input pipe, or -1 once that can't be known. */
  public int unreadInput() throws IOException {
    return probe == null ? -1 : probe.unreadBytes();
  }

  /**
   * Stops the worker and its descendants with SIGKILL, saying why: the exit is then a failure for that
   * reason. The worker goes first ({@link ProcessTree} lists parents before their children): a shell
   * killed after its child saw the child die, said "Killed", and went on, to write the rest and exit
   * 0, so a stalled worker passed for one that had ended well.
   */
  public void kill(String reason) {
    stopReason = reason;
    ProcessTree.andDescendants(List.of(process.toHandle())).forEach(ProcessHandle::destroyForcibly);
  }

  /** Why fanout killed the worker, or null if it did not. */
  public String stopReason() {
    return stopReason;
  }

  /**
   * After the worker exited: the bytes it left unread in its input pipe. Closes the probe, so from
   * now on a write to that pipe fails instead of filling a pipe nobody reads.
   */
  public int unreadAfterExit() throws IOException {
    if (probe == null) return 0;
    try {
      return probe.unreadBytes();
    } finally {
      probe.close();
      probe = null;
    }
  }

  /** Closes fanout's ends of the pipes: for a worker that has exited, or on the way out. */
  void closeChannels() {
    close(input, output, probe);
  }

  private static void close(FifoChannel... channels) {
    for (FifoChannel channel : channels) {
      if (channel == null) continue;
      try {
        channel.close();
      } catch (IOException ignored) {
        // on the way out
      }
    }
  }
}
