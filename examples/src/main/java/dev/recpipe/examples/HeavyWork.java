package dev.recpipe.examples;

import dev.recpipe.common.IntegerSink;
import java.math.BigInteger;

/**
 * The per-record computation of {@code heavy}: a row's integers are hashed, and the hash decides
 * both how long a xorshift64 generator runs and where it starts. The result is the generator's final
 * state, so the work can't be skipped and any machine can check it.
 *
 * <p>Why xorshift: each step depends on the one before (three shift-xors, about 2 ns on a 2020s
 * core), so neither the JIT nor the CPU can shortcut the loop, and the cost is linear in the count.
 * From {@link #MIN_ITERATIONS} to {@link #MAX_ITERATIONS} steps a record costs about 0.1 to 1 ms,
 * spread uniformly by the hash: a workload like a real per-record computation of uneven cost.
 *
 * <pre>{@code
 * HeavyWork work = new HeavyWork(1.0);
 * work.start();
 * work.add(1); work.add(2); work.add(3);
 * long result = work.finish();
 * }</pre>
 */
final class HeavyWork implements IntegerSink {
  /** Steps for the cheapest record at scale 1: about 0.1 ms (measured 1.9-2.4 ns a step on 2 cores). */
  static final long MIN_ITERATIONS = 50_000;
  /** Steps for the costliest record at scale 1: about 1 ms. */
  static final long MAX_ITERATIONS = 500_000;

  private static final long HASH_START = 0x9E3779B97F4A7C15L;

  private final double scale;
  private long hash;

  /** {@code scale} multiplies every record's step count; 0 runs none. */
  HeavyWork(double scale) {
    if (!(scale >= 0)) throw new IllegalArgumentException("scale < 0: " + scale);
    this.scale = scale;
  }

  /** Begins a new row. */
  void start() {
    hash = HASH_START;
  }

  /** Adds the row's next integer. */
  @Override
  public void add(long value) {
    hash = mix(hash ^ value);
  }

  /** Adds an integer beyond 64 bits: its low 64 bits. */
  @Override
  public void add(BigInteger value) {
    add(value.longValue());
  }

  /** How many generator steps the row hashed so far costs. */
  long iterations() {
    long span = MAX_ITERATIONS - MIN_ITERATIONS + 1;
    return Math.round(scale * (MIN_ITERATIONS + Long.remainderUnsigned(hash, span)));
  }

  /** Runs the row's steps and returns the generator's final state. */
  long finish() {
    return xorshift(mix(hash + 1), iterations());
  }

  /** SplitMix64's finalizer: every input bit moves about half the output bits. */
  static long mix(long z) {
    z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
    z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
    return z ^ (z >>> 31);
  }

  /** Marsaglia's xorshift64 (13, 7, 17), {@code steps} times from {@code seed} (0 becomes 1). */
  static long xorshift(long seed, long steps) {
    long x = seed == 0 ? 1 : seed;
    for (long i = 0; i < steps; i++) {
      x ^= x << 13;
      x ^= x >>> 7;
      x ^= x << 17;
    }
    return x;
  }
}
