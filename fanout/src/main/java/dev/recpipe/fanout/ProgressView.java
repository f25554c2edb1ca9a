package dev.recpipe.fanout;

import dev.recpipe.common.progress.ProgressDisplay;
import dev.recpipe.common.progress.RateWindow;
import dev.recpipe.common.progress.Snapshot;
import dev.recpipe.common.progress.Unit;
import java.time.Duration;
import java.util.function.LongSupplier;

/**
 * fanout's {@code --progress}: records in and out, the rate out over the last seconds, each worker's
 * share of the records answered (not dealt: under round-robin those are equal by construction, while
 * a slow worker answers fewer), and with {@code --total} the percent and the time left. Drawn by
 * the common {@link ProgressDisplay}: redrawn a few times a second on a terminal, taking it over from
 * the other stages' progress lines; a summary line at the end elsewhere.
 */
final class ProgressView {
  /** How often the line is redrawn at most: as often as the eye follows, no more. */
  static final long REDRAW_NANOS = 250_000_000L;
  /** The span the rate is measured over. */
  static final Duration RATE_WINDOW = Duration.ofSeconds(5);

  private final LaneCounts counts;
  private final long total;
  private final ProgressDisplay display;
  private final LongSupplier clock;
  private final long start;
  private final RateWindow rate = new RateWindow(RATE_WINDOW);
  private long lastDraw;
  private boolean drawn;

  /** Shows {@code counts} of a run of {@code total} records ({@link Snapshot#UNKNOWN} if not known); {@code clock} in nanoseconds. */
  ProgressView(LaneCounts counts, long total, ProgressDisplay display, LongSupplier clock) {
    this.counts = counts;
    this.total = total;
    this.display = display;
    this.clock = clock;
    this.start = clock.getAsLong();
  }

  /** Called on every turn of the loop: redraws if it is time. */
  void tick() {
    if (!display.isLive()) return;
    long now = clock.getAsLong();
    if (drawn && now - lastDraw < REDRAW_NANOS) return;
    drawn = true;
    lastDraw = now;
    display.show(snapshot(now));
  }

  /** Erases the line on a terminal, for a message to take its row (see {@link ProgressDisplay#clear}). */
  void clear() {
    display.clear();
  }

  /** The run is over, well or not: the last line, or the summary. */
  void finish() {
    display.finish(snapshot(clock.getAsLong()));
  }

  Snapshot snapshot(long now) {
    long out = counts.recordsOut();
    long[] answered = new long[counts.lanes()];
    for (int lane = 0; lane < answered.length; lane++) answered[lane] = counts.answered(lane);
    return Snapshot.of("fanout", Unit.RECORDS, out, now - start, rate.rate(now, out))
        .total(total).received(counts.recordsIn()).shares(answered);
  }
}
