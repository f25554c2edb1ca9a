package dev.recpipe.fanout;

import dev.recpipe.fanout.workers.Worker;
import java.io.IOException;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code --stall-timeout}: stops, as failed, the workers that have input waiting in their pipe, yet
 * for longer than the timeout read none of it and write nothing. A worker that never reads its input
 * looks like that, and so does one stuck on a record: no one can tell them apart from outside, which
 * is why there is no timeout unless the user sets one longer than the slowest record.
 */
final class StallWatch implements LaneListener {
  /** What a lane showed when last seen changing. */
  private static final class Seen {
    long unread;
    long output;
    long since;
  }

  private final long timeoutNanos;
  private final List<Lane> lanes;
  private final Map<Lane, Seen> seen = new IdentityHashMap<>();

  StallWatch(Duration timeout, List<Lane> lanes) {
    this.timeoutNanos = timeout.toNanos();
    this.lanes = lanes;
  }

  /** How often to look, so a stall is found within a tenth of the timeout past it. */
  @Override
  public long periodMillis() {
    return Math.max(10, Math.min(1000, timeoutNanos / 10_000_000));
  }

  @Override
  public void tick(long now) throws IOException {
    for (Lane lane : lanes) {
      if (hasStalled(lane, now)) {
        lane.worker().kill("stalled: it read none of its input and wrote nothing for " + describe());
      }
    }
  }

  private boolean hasStalled(Lane lane, long now) throws IOException {
    Worker worker = lane.worker();
    if (!worker.process().isAlive()) return false;
    Seen last = seen.computeIfAbsent(lane, key -> new Seen());
    long waiting = worker.unreadInput();
    long written = lane.inlet().bytesIn();
    if (waiting <= 0 || waiting != last.unread || written != last.output || last.since == 0) {
      last.unread = waiting;
      last.output = written;
      last.since = now;
      return false;
    }
    if (now - last.since <= timeoutNanos) return false;
    last.since = now;
    return true;
  }

  /** The timeout as a user writes it: "10 s", "2.5 s", "0.000001 s", never in E notation. */
  String describe() {
    return BigDecimal.valueOf(timeoutNanos, 9).stripTrailingZeros().toPlainString() + " s";
  }
}
