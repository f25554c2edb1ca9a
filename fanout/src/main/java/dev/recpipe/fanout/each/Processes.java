package dev.recpipe.fanout.each;

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

  Processes(Duration grace) {
    this.grace = grace;
    Runtime.getRuntime().addShutdownHook(hook);
  }

  /**
   * Starts {@code builder}'s process, or refuses once stopping has begun.
   *
   * @throws IOException the JDK's, when the process can't be started
   */
  synchronized Process start(ProcessBuilder builder) throws IOException {
    if (closing) throw new IOException("fanout is stopping");
    Process process = builder.start();
    running.add(process);
    return process;
  }

  /** Forgets a process that has exited. */
  synchronized void exited(Process process) {
    running.remove(process);
  }

  @Override
  public void close() {
    List<ProcessHandle> stopping = new ArrayList<>();
    synchronized (this) {
      if (closing) return;
      closing = true;
      for (Process process : running) {
        process.toHandle().descendants().forEach(stopping::add);
        stopping.add(process.toHandle());
      }
    }
    try {
      Termination.stop(stopping, grace);
    } finally {
      removeHook();
    }
  }

  private void removeHook() {
    try {
      Runtime.getRuntime().removeShutdownHook(hook);
    } catch (IllegalStateException shuttingDown) {
      // called from the hook itself
    }
  }
}
