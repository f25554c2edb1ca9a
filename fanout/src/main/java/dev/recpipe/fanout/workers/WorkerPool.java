package dev.recpipe.fanout.workers;

import dev.recpipe.common.RecpipeException;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The N workers and their pipe directory, and the one way they all end: {@link #close()} stops any
 * still running (TERM to each and its descendants, KILL after a grace period) and removes what is
 * left of the pipes. A shutdown hook does the same on SIGINT and SIGTERM, so nothing is left behind.
 */
public final class WorkerPool implements AutoCloseable {
  private final PipeDirectory directory;
  private final List<Worker> workers = new ArrayList<>();
  private final Duration grace;
  private List<String> command;
  private int restarts;
  private final Thread hook = new Thread(this::close, "fanout-cleanup");
  private volatile boolean closing;
  /** What the messages of workers the open file limit can't hold say fanout keeps. */
  private static final String KEPT_FOR_EACH = Worker.FILES + " open files for each worker";

  /** Set first thing by {@link #close()}, before it waits for the start to let go of the pool. */
  private volatile boolean stopping;

  private WorkerPool(PipeDirectory directory, Duration grace) {
    this.directory = directory;
    this.grace = grace;
  }

  /**
   * Starts {@code count} copies of {@code command}, their pipes in {@code directory}, which the pool
   * then owns; none if the open file limit can't hold their pipes whatever they do (a {@code -n} of
   * 100000 under {@code ulimit -n 20000} would start some 6,600 before it ran into it).
   *
   * @throws CannotStartException the command can't be run
   */
  public static WorkerPool start(int count, List<String> command, Duration grace, PipeDirectory directory)
      throws IOException {
    // what a start opens and closes again is counted once: one worker starts at a time
    if (OpenFileLimit.cannotHold((long) count * Worker.FILES + OpenFileLimit.PROCESS_START_FILES)) {
      throw OpenFileLimit.cannotHold("cannot start " + count + " workers", KEPT_FOR_EACH, "workers");
    }
    WorkerPool pool = new WorkerPool(directory, grace);
    pool.command = command;
    boolean started = false;
    try {
      Runtime.getRuntime().addShutdownHook(pool.hook);
      synchronized (pool) { // a signal's cleanup waits until no worker is half started
        directory.within(path -> {
          for (int i = 0; i < count; i++) {
            if (pool.stopping || directory.isClosed()) throw new IOException("fanout is stopping");
            pool.workers.add(startOrSayWhy(i, count, command, path));
          }
          return null;
        });
      }
      started = true;
    } finally {
      if (!started) pool.close(); // whatever went wrong, Errors included: the hook may never run
    }
    return pool;
  }

  /**
   * Starts worker {@code index}; if fanout is out of file descriptors, says so: it keeps 3 open for
   * each worker, so {@code -n} runs into {@code ulimit -n} long before the system is short of anything,
   * and "cannot start /usr/bin/cat: Too many open files" would blame the command.
   */
  private static Worker startOrSayWhy(int index, int count, List<String> command, Path path)
      throws IOException {
    try {
      return Worker.start(index, count, command, path, 0);
    } catch (IOException e) {
      if (!OpenFileLimit.isReachedBy(e)) throw e;
      throw OpenFileLimit.cannotHold("cannot start worker " + (index + 1) + " of " + count + ": Too many open files",
          KEPT_FOR_EACH, "workers");
    }
  }

  /**
   * Replaces worker {@code index}, which has exited, with a new copy of the command on new pipes.
   *
   * @throws IOException the new one could not start, or the pool is being closed
   */
  public synchronized Worker restart(int index) throws IOException {
    if (closing) throw new IOException("fanout is stopping");
    workers.get(index).closeChannels();
    int count = workers.size();
    int number = ++restarts;
    Worker fresh;
    try {
      fresh = directory.within(path -> Worker.start(index, count, command, path, number));
    } catch (CannotStartException e) { // it started before: this is no longer the shell's kind of failure
      throw new RecpipeException("cannot restart worker " + (index + 1) + ": " + e.getMessage(), e);
    }
    workers.set(index, fresh);
    return fresh;
  }

  /** Kills what worker {@code index}, which has exited, left running: it could hold its pipes open. */
  public void killDescendants(int index) {
    workers.get(index).process().toHandle().descendants().forEach(ProcessHandle::destroyForcibly);
  }

  /**
   * Whether the pool is stopping its workers (a signal's cleanup, or the end of the run): a worker
   * that exits now was stopped by fanout, and its status says nothing of its records.
   */
  public boolean isStopping() {
    return stopping;
  }

  public PipeDirectory directory() {
    return directory;
  }

  public List<Worker> workers() {
    return workers;
  }

  @Override
  public void close() {
    stopping = true;
    closeStopped();
  }

  private synchronized void closeStopped() {
    if (!closing) {
      closing = true;
      try {
        stopAll();
      } finally { // even if stopping failed (no thread left to wait with): nothing stays on disk
        for (Worker worker : workers) worker.closeChannels();
        directory.close();
      }
    }
    Cleanup.removeHook(hook);
  }

  private void stopAll() {
    List<ProcessHandle> handles = new ArrayList<>();
    for (Worker worker : workers) handles.add(worker.process().toHandle());
    Termination.stop(ProcessTree.andDescendants(handles), grace);
    for (Worker worker : workers) {
      try {
        worker.process().waitFor(grace.toMillis() + 1000, TimeUnit.MILLISECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
    }
  }
}
