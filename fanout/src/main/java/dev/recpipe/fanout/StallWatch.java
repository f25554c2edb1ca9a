package dev.recpipe.fanout;

import dev.recpipe.common.RecpipeException;
import dev.recpipe.fanout.workers.Worker;
import java.io.IOException;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code --stall-timeout}: stops, as failed, the workers that for longer than the timeout have work
 * and show nothing of it: input waiting in their pipe, of which they read none and write nothing; or,
 * once their input has ended and they have read all of it, no output and no end of it. A worker that
 * never reads its input looks like the first, one stuck on a record looks like either (the second
 * when the record was among the last it was dealt, or a {@code --skip-failed} probe's), and so does
 * a slow one: no one can tell them apart from outside, which is why there is no timeout unless the
 * user sets one longer than a worker takes over what it reads at once (docs/fanout.md). A worker whose input has not ended and who has read
 * all of it is waiting for more, not stalled, whatever it holds unanswered. A worker that has exited
 * 0 while its output has not ended (a child it left running holds it open), and nothing comes of it
 * for the timeout, fails the run: that child is no longer the worker's, and can't be stopped as it.
 * A worker that is a JVM still starting, before its tool's main, is not stalled ({@link
 * Worker#isStartingJvm}): the timeout counts from the end of its start, as on a loaded machine a JVM
 * took longer to start than a timeout set for the work (bench/chaos.sh found it).
 */
final class StallWatch implements LaneListener {
  /** What a lane showed when last seen changing. */
  private static final class Seen {
    long unread;
    long output;
    long since;
    /** Whether the worker had exited, its output held open by a child it left: seen once, when stalled. */
    boolean exited;
  }

  private final long timeoutNanos;
  private final List<Lane> lanes;
  private final Map<Lane, Seen> seen = new IdentityHashMap<>();
  /** When {@link #tick} last came, or 0 before the first. */
  private long lastTick;

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
    discountTimeNotWatched(now);
    for (Lane lane : lanes) {
      Seen last = hasStalled(lane, now);
      if (last == null) continue;
      if (last.exited) {
        throw new RecpipeException(lane.worker().label() + " exited, but its output did not end: a process it left"
            + " running holds it open, and wrote nothing for " + describe());
      }
      lane.worker().kill(last.unread > 0 ? "stalled: it read none of its input and wrote nothing for " + describe()
          : "stalled: it wrote nothing for " + describe() + " after reading the end of its input");
    }
  }

  /**
   * Ticks come at least every {@link #periodMillis()}: a longer gap is time fanout's loop did not run
   * (fanout stopped, by Ctrl-Z or SIGSTOP, or blocked writing to a downstream that does not read), in
   * which its workers were not watched, and could not be read from, or were stopped with it. That time
   * counts towards no stall: counted, a pipeline stopped and continued had a worker stopped as stalled
   * the moment fanout ran again, before the worker did.
   */
  private void discountTimeNotWatched(long now) {
    long notWatched = lastTick == 0 ? 0 : now - lastTick - periodMillis() * 1_000_000L;
    lastTick = now;
    if (notWatched <= 0) return;
    for (Seen last : seen.values()) {
      if (last.since != 0) last.since += notWatched;
    }
  }

  /** What the lane showed all along, if its worker has stalled; else null. */
  private Seen hasStalled(Lane lane, long now) throws IOException {
    Worker worker = lane.worker();
    boolean alive = worker.process().isAlive();
    Seen last = seen.computeIfAbsent(lane, key -> new Seen());
    long waiting = alive ? worker.unreadInput() : 0;
    long written = lane.inlet().bytesIn();
    // work it shows nothing of: input waiting, or its input ended and read whole with its output not
    // ended; once it has exited well, an output not ended (held open by a child it left running)
    boolean hasWork = alive ? waiting > 0 || waiting == 0 && lane.outlet().isClosed() && !lane.hasEnded()
        : lane.hasExitedWell() && !lane.hasEnded();
    if (!hasWork || waiting != last.unread || written != last.output || last.since == 0) {
      last.unread = waiting;
      last.output = written;
      last.since = now;
      return null;
    }
    if (now - last.since <= timeoutNanos) return null;
    last.since = now;
    if (alive && waiting > 0 && worker.isStartingJvm()) return null; // starting, not stalled: the clock starts again
    last.exited = !alive;
    return last;
  }

  /** The timeout as a user writes it: "10 s", "2.5 s", "0.000001 s", never in E notation. */
  String describe() {
    return BigDecimal.valueOf(timeoutNanos, 9).stripTrailingZeros().toPlainString() + " s";
  }
}
