package dev.recpipe.fanout.workers;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The N workers and their pipe directory, and the one way they all end: {@link #close()} stops any
 * still running (TERM to each and its descendants, KILL after a grace period) and removes the pipes.
 * A shutdown hook does the same on SIGINT and SIGTERM, so nothing is left behind.
 */
public final class WorkerPool implements AutoCloseable {
  private final PipeDirectory directory;
  private final List<Worker> workers = new ArrayList<>();
  private final Duration grace;
  private List<String> command;
  private int restarts;
  private final Thread hook = new Thread(this::close, "fanout-cleanup");
  private volatile boolean closing;

  private WorkerPool(PipeDirectory directory, Duration grace) {
    this.directory = directory;
    this.grace = grace;
  }

  /** Starts {@code count} copies of {@code command}. */
  public static WorkerPool start(int count, List<String> command, Duration grace) throws IOException {
    WorkerPool pool = new WorkerPool(PipeDirectory.create(), grace);
    pool.command = command;
    Runtime.getRuntime().addShutdownHook(pool.hook);
    try {
      synchronized (pool) { // a signal's cleanup waits until no worker is half started
        for (int i = 0; i < count && !pool.closing; i++) {
          pool.workers.add(Worker.start(i, count, command, pool.directory, 0));
        }
      }
    } catch (IOException | RuntimeException e) {
      pool.close();
      throw e;
    }
    return pool;
  }

  /**
   * Replaces worker {@code index}, which has exited, with a new copy of the command on new pipes.
   *
   * @throws IOException the new one could not start, or the pool is being closed
   */
  public synchronized Worker restart(int index) throws IOException {
    if (closing) throw new IOException("fanout is stopping");
    workers.get(index).retire();
    Worker fresh = Worker.start(index, workers.size(), command, directory, ++restarts);
    workers.set(index, fresh);
    return fresh;
  }

  /** Kills what worker {@code index}, which has exited, left running: it could hold its pipes open. */
  public void killDescendants(int index) {
    workers.get(index).process().toHandle().descendants().forEach(ProcessHandle::destroyForcibly);
  }

  public PipeDirectory directory() {
    return directory;
  }

  public List<Worker> workers() {
    return workers;
  }

  @Override
  public synchronized void close() {
    if (!closing) {
      closing = true;
      stopAll();
      for (Worker worker : workers) worker.closeChannels();
      directory.close();
    }
    try {
      Runtime.getRuntime().removeShutdownHook(hook);
    } catch (IllegalStateException alreadyShuttingDown) {
      // called from the hook itself
    }
  }

  private void stopAll() {
    List<ProcessHandle> running = new ArrayList<>();
    for (Worker worker : workers) {
      ProcessHandle handle = worker.process().toHandle();
      handle.descendants().forEach(running::add);
      if (handle.isAlive()) running.add(handle);
    }
    running.forEach(ProcessHandle::destroy);
    long deadline = System.nanoTime() + grace.toNanos();
    for (ProcessHandle handle : running) {
      long left = deadline - System.nanoTime();
      try {
        if (left > 0) handle.onExit().get(left, TimeUnit.NANOSECONDS);
      } catch (Exception stillRunning) {
        // killed below
      }
    }
    running.stream().filter(ProcessHandle::isAlive).forEach(ProcessHandle::destroyForcibly);
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
