package dev.recpipe.fanout;

import static org.junit.jupiter.api.Assertions.fail;

import org.junit.jupiter.api.Test;

/** The warm-up is a saving, never a failure of its own. */
class PipesWarmUpTest {
  /**
   * Out of threads (seen by hand under {@code ulimit -v 2200000} on fanout), the warm-up's start
   * threw the JVM's OutOfMemoryError out of fanout's main before Tool's: fanout ended 1 with the
   * JVM's stack trace and no abort mark, and writer after it took the empty stream for a whole one,
   * exit 0. Skipped, the run goes on to Tool, which fails it with one line and the mark if it too
   * finds no thread.
   */
  @Test
  void aWarmUpThatGetsNoThreadIsSkipped() {
    Thread noThread = new Thread(() -> {}) {
      @Override
      public synchronized void start() {
        throw new OutOfMemoryError("unable to create native thread: possibly out of memory or process/resource limits reached");
      }
    };
    try {
      PipesWarmUp.start(noThread);
    } catch (OutOfMemoryError e) { // caught here: JUnit's assertions let it through, and it ended the test JVM
      fail("the warm-up's want of a thread ended fanout's main: " + e);
    }
  }
}
