package dev.recpipe.common.testing;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.management.ManagementFactory;
import java.util.concurrent.Callable;
import java.util.function.Supplier;

/**
 * Counts the bytes the current thread allocates on the heap, so a test can check that a decoder's
 * memory is bounded by its input: a length field that claims a gigabyte must not make it allocate
 * one. The count is HotSpot's, cheap to read, and includes garbage already collected.
 *
 * <pre>{@code
 * Outcome outcome = Allocations.atMost(1 << 20, () -> decode(input), () -> Hex.encode(input));
 * }</pre>
 */
public final class Allocations {
  private static final com.sun.management.ThreadMXBean THREADS =
      (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();

  private Allocations() {}

  /** Bytes allocated by the calling thread since it started. */
  public static long ofThisThread() {
    return THREADS.getCurrentThreadAllocatedBytes();
  }

  /**
   * Runs {@code code} and returns its result, failing if it allocated more than {@code allowance}
   * bytes. Loading a class on first use (and, when fuzzing, instrumenting it) allocates too, so a run
   * over the allowance is repeated once, and only the second run counts: {@code code} must do the same
   * each time.
   */
  public static <T> T atMost(long allowance, Callable<T> code, Supplier<String> what) throws Exception {
    long before = ofThisThread();
    T result = code.call();
    if (ofThisThread() - before <= allowance) return result;
    before = ofThisThread();
    code.call();
    long allocated = ofThisThread() - before;
    assertTrue(allocated <= allowance, () -> "allocated " + allocated + " bytes, more than " + allowance + ": " + what.get());
    return result;
  }
}
