package dev.recpipe.spark;

import java.io.IOException;
import java.util.concurrent.TimeUnit;
import java.util.function.IntSupplier;

/**
 * Removes what a job that did not succeed leaves behind: its stages still running, and its output
 * directory. It runs when the job fails, or as a shutdown hook when recpipe-spark is interrupted or
 * terminated, whichever comes first; once.
 *
 * <p>Spark fails a job as soon as one task fails, and only asks the others to stop. Its commit
 * protocol removes the files of the job's tasks, but not the directory it made, and a task still
 * running may write there after. So: stop the stages, which in local mode are this JVM's children
 * (the tasks then end at once), wait until no task runs, then remove the directory.
 */
final class FailedJobCleanup implements Runnable {
  private final OutputDirectory output;
  private final IntSupplier runningTasks;
  private final long waitNanos;
  private boolean done;

  /**
   * @param runningTasks how many tasks run now
   * @param waitSeconds the longest wait for them to end
   */
  FailedJobCleanup(OutputDirectory output, IntSupplier runningTasks, long waitSeconds) {
    this.output = output;
    this.runningTasks = runningTasks;
    this.waitNanos = TimeUnit.SECONDS.toNanos(waitSeconds);
  }

  /** The job succeeded: there is nothing to remove. */
  synchronized void jobSucceeded() {
    done = true;
  }

  @Override
  public synchronized void run() {
    if (done) return;
    done = true;
    ProcessHandle.current().descendants().forEach(ProcessHandle::destroy);
    awaitRunningTasks();
    try {
      output.delete();
    } catch (IOException e) {
      System.err.println(ControlCharacters.madeVisible("recpipe-spark: could not remove " + output.name() + ": " + e.getMessage()));
    }
  }

  private void awaitRunningTasks() {
    long deadline = System.nanoTime() + waitNanos;
    try {
      while (running() > 0 && System.nanoTime() < deadline) Thread.sleep(20);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** The running tasks, or 0 once Spark has stopped and cannot say. */
  private int running() {
    try {
      return runningTasks.getAsInt();
    } catch (RuntimeException e) {
      return 0;
    }
  }
}
