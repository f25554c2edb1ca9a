package dev.recpipe.fanout.workers;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * How fanout stops what it started, workers and {@code --each}'s processes alike: SIGTERM to each,
 * up to a grace period in all for them to exit, then SIGKILL to those still running. A recpipe
 * tool's JVM in the middle of its start gets SIGKILL at once, and another program's JVM its SIGTERM
 * once it has reached main ({@link JvmStarts}), so that neither writes the JVM's own errors.
 */
public final class Termination {
  private Termination() {}

  /**
   * Stops {@code processes} (the caller lists descendants too), giving them {@code grace} in all from
   * their SIGTERM, which another program's JVM still starting gets up to {@link JvmStarts#MOST} (or
   * {@code grace}) later; a recpipe tool's JVM still starting gets SIGKILL at once instead.
   */
  public static void stop(List<ProcessHandle> processes, Duration grace) {
    List<ProcessHandle> others = new ArrayList<>();
    for (ProcessHandle process : processes) {
      if (JvmStarts.isToolStarting(process)) {
        // looked at just before: a tool that reached main in between loses only what its shutdown
        // would have added, the abort mark, into a pipe of a run fanout is stopping
        process.destroyForcibly();
      } else {
        others.add(process);
      }
    }
    JvmStarts.awaitMains(others, grace.compareTo(JvmStarts.MOST) < 0 ? grace : JvmStarts.MOST);
    others.forEach(ProcessHandle::destroy);
    try {
      awaitExits(processes, grace);
    } finally {
      processes.stream().filter(ProcessHandle::isAlive).forEach(ProcessHandle::destroyForcibly);
    }
  }

  private static void awaitExits(List<ProcessHandle> processes, Duration grace) {
    long deadline = System.nanoTime() + grace.toNanos();
    for (ProcessHandle handle : processes) {
      long left = deadline - System.nanoTime();
      try {
        if (left > 0) handle.onExit().get(left, TimeUnit.NANOSECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      } catch (Exception stillRunning) {
        // killed after
      }
    }
  }
}
