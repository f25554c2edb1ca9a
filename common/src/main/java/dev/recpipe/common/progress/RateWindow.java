package dev.recpipe.common.progress;

import java.time.Duration;
import java.util.ArrayDeque;

/**
 * The rate of a growing count over the last few seconds, as {@code pv} and {@code tqdm} show it:
 * the average since the start would still show the fast first minute of a run that has slowed down,
 * and its estimate of the end would be wrong for as long.
 */
public final class RateWindow {
  private final long windowNanos;
  /** Pairs of (time in nanoseconds, count), oldest first; the oldest spans the window, no more. */
  private final ArrayDeque<long[]> samples = new ArrayDeque<>();

  public RateWindow(Duration window) {
    if (window.isNegative() || window.isZero()) throw new IllegalArgumentException("window <= 0: " + window);
    this.windowNanos = window.toNanos();
  }

  /** Takes {@code count} at {@code nanos} (a monotonic clock) and returns the rate per second over the window. */
  public double rate(long nanos, long count) {
    samples.addLast(new long[] {nanos, count});
    while (samples.size() > 2 && nanos - second()[0] >= windowNanos) samples.removeFirst();
    long[] oldest = samples.peekFirst();
    long span = nanos - oldest[0];
    return span <= 0 ? 0 : (count - oldest[1]) / (span / 1e9);
  }

  private long[] second() {
    var iterator = samples.iterator();
    iterator.next();
    return iterator.next();
  }
}
