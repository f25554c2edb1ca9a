package dev.recpipe.fanout.each;

import dev.recpipe.fanout.workers.Cleanup;
import dev.recpipe.fanout.workers.ProcessTree;
import dev.recpipe.fanout.workers.Termination;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The processes {@code fanout --each} has running, and the one way they end early: {@link #close()}
 * sends SIGTERM to each and its descendants, SIGKILL to what is left after the grace period, as
 * fanout stops its workers. A shutdown hook does the same on SIGINT and SIGTERM, and no process
 * starts once it has begun, so none is left behind.
 */
final class Processes implements AutoCloseable {
  private final Duration grace;
  private final Set<Process> running = new LinkedHashSet<>();
  private final Thread hook = new Thread(this::close, "fanout-each-cleanup");
  private boolean closing;
  /** Starts under way, outside the lock. */
  private int starting;
  /** How long {@link #close()} waits for starts under way: a start that hangs must not hang the stop. */
  private static final long START_WAIT_NANOS = 5_000_000_000L;

  Processes(Duration grace) {
    this.grace = grace;
    Runtime.getRuntime().addShutdownHook(hook);
  }

  /**
   * Starts {@code builder}'s process, or refuses once stopping has begun. The N threads start theirs
   * side by side: the lock is held around the start's bookkeeping, not the start itself.
   *
   * @throws IOException the JDK's, when the process can't be started
   */
  Process start(ProcessBuilder builder) throws IOException {
    synchronized (this) {
      if (closing) throw new IOException("fanout is stopping");
      starting++;
    }
    Process process = null;
    try {
      process = builder.start();
      return process;
    } finally {
      synchronized (this) {
        starting--;
        if (process != null) running.add(process);
        notifyAll();
      }
    }
  }

  /** Starts under way now: for tests. */
  synchronized int startsUnderWay() {
    return starting;
  }

  /**
   * Whether {@link #close()} has begun: a process that exits now was stopped by fanout (a signal, or
   * the run failing), and its status says nothing of its record.
   */
  synchronized boolean isClosing() {
    return closing;
  }

  /** Forgets a process that has exited. */
  synchronized void exited(Process process) {
    running.remove(process);
  }

  @Override
  public void close() {
    List<ProcessHandle> started = new ArrayList<>();
    synchronized (this) {
      if (closing) return;
      closing = true;
      awaitStarts();
      for (Process process : running) started.add(process.toHandle());
    }
    List<ProcessHandle> stopping = ProcessTree.andDescendants(started);
    try {
      Termination.stop(stopping, grace);
    } finally {
      Cleanup.removeHook(hook);
    }
  }

  /** Waits for the starts under way, which take a few milliseconds, so their processes are stopped too. */
  private void awaitStarts() {
    Cleanup.awaitWhile(this, () -> starting > 0, START_WAIT_NANOS);
  }
}
