package dev.recpipe.fanout.each;

import dev.recpipe.common.RecordWriter;
import dev.recpipe.common.RecpipeException;
import dev.recpipe.fanout.records.Chunk;
import dev.recpipe.fanout.skip.Rejects;
import dev.recpipe.fanout.workers.CannotStartException;
import dev.recpipe.fanout.workers.OpenFileLimit;
import dev.recpipe.fanout.workers.PipeDirectory;
import dev.recpipe.fanout.workers.ShellFallback;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.io.OutputStream;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.Semaphore;
import java.util.function.Consumer;

/**
 * {@code fanout --each CMD ARG...}: one process per record, N at a time, each record's result
 * written as {@code [seq, value]} in input order. Records wait in an {@link OrderedWindow} of {@link
 * #WINDOW_PER_PROCESS} × N: while the oldest runs, the N go on with the records behind it, up to the
 * window's end, each output waiting in its file ({@link OutputFiles}) until its turn comes, then read.
 * So fanout's heap holds the window's records and one output at a time, and one slow record stalls
 * the others only once the window behind it is full.
 *
 * <p>The processes run on N threads of their own ({@link Runners}), each starting a record's process
 * and waiting for its end, so the next record starts on the thread that saw a process end; that
 * thread says the ended record's result once the next one has started. This thread keeps the
 * window, on one queue of events: a record read (by {@link RecordFeed}), the end of the input, a
 * record's result, a record's failure.
 *
 * <p>A process that exits non-zero (or is killed by a signal) fails its record: with {@code
 * --retries K} it runs again, up to K times; after that, or without, the run stops as fanout stops
 * for a failed worker: the others get SIGTERM (SIGKILL after the grace period) and the failure names
 * the record's seq, its text and the status.
 *
 * <p>With {@code --skip-failed} (a {@link Rejects} given), a record that has failed for good in that
 * way, or whose output is more than a value may hold ({@link RecordFailedException}), is skipped
 * instead: named on stderr, its record as it came in kept for the rejects file, nothing written for
 * it, and the window moves past it. A process that can't start, or input that is not records, still
 * stops the run: no record answers for those.
 */
public final class EachRun {
  /** Records in the window per process: enough to keep N busy behind a slow record, few enough to stay small. */
  static final int WINDOW_PER_PROCESS = 4;
  /** The files fanout may hold for each of the N as its process starts (OpenFileLimit). */
  private static final int FILES_PER_PROCESS = OutputFiles.FILES_PER_THREAD + OpenFileLimit.PROCESS_START_FILES;
  /** What the messages of a run the limit can't hold say fanout keeps. */
  private static final String KEPT_FOR_EACH = "up to " + FILES_PER_PROCESS + " open files for each process as it starts";

  private final ArgumentTemplate command;
  private final int parallel;
  private final int retries;
  private final Duration grace;
  private final Consumer<String> warn;
  /** Where skipped records go; null: a failed record stops the run. */
  private final Rejects rejects;
  private final String label;
  private final BlockingQueue<Object> events = new LinkedBlockingQueue<>();
  private final OrderedWindow<Job> window;
  private final Semaphore room;
  private volatile boolean startedOne;

  /** A record in the window: its process, its place, and its index in the input (for the rejects file's order). */
  private record Entry(Job job, OrderedWindow.Slot<Job> slot, long index) {}

  /** The event of a record's process having exited 0: its output waits in its file. */
  private record Done(Entry entry) {}

  /** The event of a record having failed for good, under --skip-failed: it is skipped. */
  private record Skipped(Entry entry, RecordFailedException failure) {}

  /** The event of a record having failed for good, or its process not starting: what stops the run. */
  private record Failed(Throwable cause) {}

  /**
   * @param command the program's path (looked up already) then its arguments, {@code {}} among them
   * @param parallel processes at a time, N
   * @param retries how many times a record whose process failed runs again
   * @param grace between SIGTERM and SIGKILL when stopping the others
   * @param warn says each retry; called from any of the N threads
   */
  public EachRun(List<String> command, int parallel, int retries, Duration grace, Consumer<String> warn) {
    this(command, parallel, retries, grace, warn, null);
  }

  /**
   * As {@link #EachRun(List, int, int, Duration, Consumer)}, skipping a record that fails for good
   * into {@code rejects} (--skip-failed), each named through {@code warn}; null for none, as there.
   */
  public EachRun(List<String> command, int parallel, int retries, Duration grace, Consumer<String> warn,
      Rejects rejects) {
    if (parallel < 1) throw new IllegalArgumentException("parallel < 1: " + parallel);
    if (retries < 0) throw new IllegalArgumentException("retries < 0: " + retries);
    this.command = ArgumentTemplate.of(command);
    this.parallel = parallel;
    this.retries = retries;
    this.grace = grace;
    this.warn = warn;
    this.rejects = rejects;
    this.label = new File(this.command.program()).getName();
    int capacity = (int) Math.min(Integer.MAX_VALUE, (long) WINDOW_PER_PROCESS * parallel);
    this.window = new OrderedWindow<>(capacity);
    this.room = new Semaphore(capacity);
  }

  /**
   * Runs CMD for every record of {@code in} and writes the results to {@code out}; closes neither.
   *
   * @throws CannotStartException CMD can't be started (its first process)
   * @throws RecpipeException a record failed, or the input turned bad (after the records before it)
   */
  public void run(InputStream in, OutputStream out) throws IOException {
    // every thread may be starting a process at once (OpenFileLimit says why this is checked first)
    if (OpenFileLimit.cannotHold((long) parallel * FILES_PER_PROCESS)) {
      throw OpenFileLimit.cannotHold("cannot run " + parallel + " processes at once", KEPT_FOR_EACH, "(-n)");
    }
    // first: its reader's classes take longer to load than the rest takes to set up (tens of ms), and
    // the first record can start only once they have
    new RecordFeed(in, room, events, rejects != null).start();
    RecordWriter records = new RecordWriter(out);
    // closed in reverse: the threads stop first, then whatever process is still running is stopped
    try (Processes processes = new Processes(grace); PipeDirectory directory = PipeDirectory.create();
        OutputFiles files = new OutputFiles(directory, parallel)) {
      // one output file made here first: the first FileChannel a JVM opens sets up the JDK's file
      // dispatcher, which takes a descriptor of its own and, should there be none (32 threads starting
      // processes under ulimit -n 64), is broken for the JVM's life, every later open an Error with its
      // stack trace. Then each thread makes its first before the first record comes: see OutputFiles.prepareSpare
      files.prepareSpare();
      try (Runners<Entry> runners = new Runners<>(parallel, files::prepareSpare,
          (entry, before) -> runToEnd(entry, before, processes, files))) {
        IOException inputFailure = loop(records, runners);
        records.flush();
        if (inputFailure != null) throw inputFailure;
      }
    }
  }

  /** Runs until the input has ended and every record is out; returns why the input ended early, if it did. */
  private IOException loop(RecordWriter records, Runners<Entry> runners) throws IOException {
    IOException inputFailure = null;
    boolean inputEnded = false;
    long inputs = 0;
    while (!inputEnded || !window.isEmpty()) {
      Object event = nextEvent();
      if (event instanceof RecordFeed.Input) {
        RecordFeed.Input input = (RecordFeed.Input) event;
        runners.add(new Entry(new Job(input.seq(), input.value(), input.raw()), window.add(input.seq()), inputs++));
      } else if (event instanceof Done) {
        Done done = (Done) event;
        done.entry().slot().complete(done.entry().job());
      } else if (event instanceof Skipped) {
        skip((Skipped) event);
      } else if (event instanceof Failed) {
        throw failed(((Failed) event).cause(), records);
      } else {
        inputEnded = true;
        if (event != RecordFeed.END) inputFailure = asIoException((Throwable) event);
      }
      writeReady(records);
      if (events.isEmpty()) records.flush();
    }
    return inputFailure;
  }

  /** Names the skipped record, keeps it for the rejects file, and lets its slot go out as nothing. */
  private void skip(Skipped skipped) {
    Job job = skipped.entry().job();
    job.skip();
    warn.accept("skipped " + job.describe() + ": " + skipped.failure().reason());
    byte[] raw = job.raw();
    rejects.add(Chunk.of(raw, new long[] {job.seq()}, new int[] {raw.length}), skipped.entry().index());
    skipped.entry().slot().complete(job);
  }

  private Object nextEvent() throws InterruptedIOException {
    try {
      return events.take();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new InterruptedIOException("interrupted while waiting for the processes");
    }
  }

  private static IOException asIoException(Throwable e) {
    return e instanceof IOException ? (IOException) e : new IOException("reading stdin: " + e, e);
  }

  /**
   * A runner's failure, to be thrown on this thread as it was, once the records written before it are
   * out: the abort mark goes after them, and a failure can come right after the result before it
   * (the results are said after the next start, {@link Runners}), before any flush.
   */
  private static IOException failed(Throwable cause, RecordWriter records) {
    try {
      records.flush();
    } catch (IOException e) {
      cause.addSuppressed(e);
    }
    return rethrown(cause);
  }

  /** A runner's failure, thrown on this thread as it was. */
  private static IOException rethrown(Throwable cause) {
    if (cause instanceof IOException) return (IOException) cause;
    if (cause instanceof RuntimeException) throw (RuntimeException) cause;
    throw (Error) cause;
  }

  /**
   * On one of the N threads: runs the record's process, again after a failure while retries are
   * left, calling {@code before} once its first start is done (see {@link Runners.Work}); returns
   * what says that it ended with its result, or says at once what stops the run or skips the record.
   */
  private Runnable runToEnd(Entry entry, Runnable before, Processes processes, OutputFiles files)
      throws InterruptedException {
    try {
      runUntilSuccess(entry.job(), before, processes, files);
      return () -> events.add(new Done(entry));
    } catch (InterruptedException stopped) {
      throw stopped;
    } catch (RecordFailedException e) {
      events.add(rejects == null ? new Failed(e) : new Skipped(entry, e));
    } catch (Throwable e) {
      events.add(new Failed(e));
    }
    return Runners.NOTHING;
  }

  /**
   * Runs the record until a run exits 0, its output checked; throws once it has failed more than
   * its retries. Calls {@code before} once the first start is done, or has failed.
   */
  private void runUntilSuccess(Job job, Runnable before, Processes processes, OutputFiles files)
      throws IOException, InterruptedException {
    Runnable afterStart = before;
    while (true) {
      Process process;
      try {
        process = start(job, processes, files);
      } finally {
        afterStart.run();
        afterStart = Runners.NOTHING;
      }
      int status = process.waitFor();
      processes.exited(process);
      if (status == 0) {
        job.ended(label);
        return;
      }
      job.closeOutput();
      // stopped by fanout itself: neither run again nor skipped, and nothing said of the record
      if (processes.isClosing()) throw new InterruptedException("fanout is stopping");
      String failure = label + " exited with status " + status;
      if (job.attempts() > retries) {
        String gaveUp = retries == 0 ? "" : " (gave up after " + retries + (retries == 1 ? " retry)" : " retries)");
        throw new RecordFailedException(job.describe(), ShellFallback.explain(failure + gaveUp, command.program()));
      }
      warn.accept(job.describe() + ": " + failure + "; running it again (retry " + job.attempts() + " of " + retries + ")");
    }
  }

  private Process start(Job job, Processes processes, OutputFiles files) throws IOException {
    Process process;
    try {
      process = job.start(command, processes, files);
    } catch (RecpipeException e) {
      throw e;
    } catch (IOException e) {
      if (CannotStartException.isArgumentListTooLong(e)) { // the record's text, not CMD: that record fails, once
        throw new RecordFailedException(job.describe(), "its text is too long to be an argument of " + label
            + " (Argument list too long)");
      }
      if (OpenFileLimit.isReachedBy(e)) { // fanout's limit, not CMD's fault; ends the run, not the record (OpenFileLimit)
        throw OpenFileLimit.cannotHold("cannot start " + label + ": Too many open files", KEPT_FOR_EACH, "(-n)");
      }
      // the first start says whether CMD can run at all, in a shell's words and status
      if (!startedOne) throw CannotStartException.of(command.program(), e);
      throw new RecpipeException(job.describe() + ": cannot start " + label + ": " + e.getMessage(), e);
    }
    startedOne = true;
    return process;
  }

  private void writeReady(RecordWriter records) throws IOException {
    for (OrderedWindow.Slot<Job> slot = window.pollReady(); slot != null; slot = window.pollReady()) {
      if (!slot.result().isSkipped()) records.write(slot.seq(), slot.result().result());
      room.release();
    }
  }
}
