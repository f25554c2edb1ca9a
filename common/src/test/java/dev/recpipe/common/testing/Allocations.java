package dev.recpipe.common.testing;

import java.lang.management.ManagementFactory;

/**
 * Counts the bytes the current thread allocates on the heap, so a test can check that a decoder's
 * memory is bounded by its input: a length field that claims a gigabyte must not make it allocate
 * one. The count is HotSpot's, cheap to read, and includes garbage already collected.
 *
 * <pre>{@code
 * long before = Allocations.ofThisThread();
 * decode(input);
 * assertTrue(Allocations.ofThisThread() - before < 1 << 20);
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
}
