package dev.recpipe.fanout.workers;

import java.util.function.BooleanSupplier;

/**
 * What fanout's cleanups on the way out share ({@link PipeDirectory}, {@link WorkerPool}, and
 * {@code fanout --each}'s processes): each runs from its owner's close or from its shutdown hook
 * on a signal, whichever comes first.
 */
public final class Cleanup {
  private Cleanup() {}

  /** Removes {@code hook}, unless the JVM is shutting down: then it runs, or this is it. */
  public static void removeHook(Thread hook) {
    try {
      Runtime.getRuntime().removeShutdownHook(hook);
    } catch (IllegalStateException shuttingDown) {
      // called from the hook itself, or during the shutdown it belongs to
    }
  }

  /**
   * Waits on {@code monitor}, which the caller holds and which is notified when {@code busy} may
   * have changed, while {@code busy} holds, up to {@code nanos}: a use under way (pipes being made,
   * a process being started) is let finish, so that what it makes is cleaned up too, but a signal's
   * cleanup must end. Returns at once, the interrupt kept, if the thread is interrupted.
   */
  public static void awaitWhile(Object monitor, BooleanSupplier busy, long nanos) {
    long deadline = System.nanoTime() + nanos;
    for (long left = nanos; busy.getAsBoolean() && left > 0; left = deadline - System.nanoTime()) {
      try {
        monitor.wait(left / 1_000_000 + 1);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
    }
  }
}
