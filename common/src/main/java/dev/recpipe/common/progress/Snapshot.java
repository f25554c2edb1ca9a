package dev.recpipe.common.progress;

import java.util.Objects;

/**
 * What a progress line shows at one moment: how much is {@code done} of a {@code total} ({@link
 * #UNKNOWN} when nobody knows it), since how long, and at what rate lately. Optionally, for a stage
 * that passes records through others (fanout), how many it has {@code received} besides those done,
 * and each part's share of the work done ({@code shares}, e.g. records answered per worker).
 *
 * <p>{@code rate} is the caller's measure over a recent window ({@link RateWindow}), per second: the
 * average since the start hides a run that has slowed down, and makes the estimate of the end wrong.
 *
 * <pre>{@code
 * Snapshot now = Snapshot.of("reader", Unit.BYTES, 31_100_000, 2_500_000_000L, 12.3e6).total(69_100_000);
 * String line = ProgressLine.render(now, 80, true);
 * }</pre>
 */
public record Snapshot(String label, Unit unit, long done, long total, long elapsedNanos, double rate,
    long received, long[] shares) {
  /** A total or a received count that is not known, or not kept. */
  public static final long UNKNOWN = -1;

  public Snapshot {
    Objects.requireNonNull(label, "label");
    Objects.requireNonNull(unit, "unit");
    if (done < 0) throw new IllegalArgumentException("done < 0: " + done);
    if (total < UNKNOWN) throw new IllegalArgumentException("total < -1: " + total);
    if (elapsedNanos < 0) throw new IllegalArgumentException("elapsedNanos < 0: " + elapsedNanos);
    if (received < UNKNOWN) throw new IllegalArgumentException("received < -1: " + received);
    if (!(rate >= 0) || Double.isInfinite(rate)) rate = 0; // no measure yet: no estimate either
    shares = shares == null ? new long[0] : shares.clone();
  }

  /** {@code done} units after {@code elapsedNanos}, lately at {@code rate} a second; no total, nothing else. */
  public static Snapshot of(String label, Unit unit, long done, long elapsedNanos, double rate) {
    return new Snapshot(label, unit, done, UNKNOWN, elapsedNanos, rate, UNKNOWN, null);
  }

  public Snapshot total(long newTotal) {
    return new Snapshot(label, unit, done, newTotal, elapsedNanos, rate, received, shares);
  }

  public Snapshot received(long newReceived) {
    return new Snapshot(label, unit, done, total, elapsedNanos, rate, newReceived, shares);
  }

  public Snapshot shares(long... newShares) {
    return new Snapshot(label, unit, done, total, elapsedNanos, rate, received, newShares);
  }

  @Override
  public long[] shares() {
    return shares.clone();
  }

  public boolean hasTotal() {
    return total != UNKNOWN;
  }

  /** Whether the total was wrong: more is done than it said there was. */
  boolean isOverTotal() {
    return hasTotal() && done > total;
  }

  /** The rate since the start, per second: for the summary, where the whole run is what counts. */
  double averageRate() {
    return elapsedNanos == 0 ? 0 : done / (elapsedNanos / 1e9);
  }
}
