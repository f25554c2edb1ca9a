package dev.recpipe.fanout;

import dev.recpipe.fanout.pipes.Fifos;
import dev.recpipe.fanout.pipes.Posix;
import java.io.IOException;
import java.util.List;

/**
 * Chooses fanout's way to named pipes ({@link Fifos#forOwnPipes}) and opens a selector once, on a
 * second thread while the main thread reads the command line: on two cores the two overlap. With the
 * JDK's pipe channels this loads the selector's classes; with jnr's (the fallback) it binds the C
 * library, which took a hundred milliseconds and more. Whoever needs the pipes first simply waits for
 * the class initialization to finish.
 *
 * <p>{@code fanout --each} makes no pipes but memory files, through jnr ({@link Posix#memoryFile}):
 * a command line with {@code --each} in it has jnr bound here instead.
 */
final class PipesWarmUp {
  private PipesWarmUp() {}

  static void start(String[] args) {
    boolean each = List.of(args).contains("--each");
    Thread thread = new Thread(() -> warmUp(each), "fanout-pipes-warm-up");
    thread.setDaemon(true);
    start(thread);
  }

  /**
   * Starts the warm-up {@code thread}, unless no thread can be had (out of threads): the main thread
   * then does the work when it needs it, and the run goes on to Tool, which fails it with one line
   * and the abort mark if it too finds no thread. Thrown from here, the error ended fanout before
   * Tool's main, with the JVM's stack trace and no mark.
   */
  static void start(Thread thread) {
    try {
      thread.start();
    } catch (OutOfMemoryError noThread) {
      // the warm-up is a saving only
    }
  }

  private static void warmUp(boolean each) {
    try {
      if (each) Posix.load();
      else Fifos.forOwnPipes().openSelector().close();
    } catch (IOException | RuntimeException | LinkageError e) {
      // the main thread meets the same failure where it matters, and reports it there
    }
  }
}
