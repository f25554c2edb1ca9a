package dev.recpipe.fanout;

import dev.recpipe.fanout.merge.Merger;
import java.io.PrintStream;
import java.util.List;
import java.util.Locale;

/**
 * {@code --progress}: records in and out, the rate, and each worker's share, on stderr. On a
 * terminal the line is redrawn in place a few times a second, like {@code pv}; otherwise only a
 * summary line is written at the end, so logs don't fill with redraws.
 */
final class Progress implements LaneListener {
  private static final long REDRAW_NANOS = 250_000_000L;

  private final PrintStream err;
  private final boolean terminal;
  private final List<Lane> lanes;
  private final Merger merger;
  private final long start = System.nanoTime();
  private long lastDraw;

  Progress(PrintStream err, boolean terminal, List<Lane> lanes, Merger merger) {
    this.err = err;
    this.terminal = terminal;
    this.lanes = lanes;
    this.merger = merger;
  }

  /** Redraws if it is time. */
  @Override
  public void tick(long now) {
    if (!terminal || now - lastDraw < REDRAW_NANOS) return;
    lastDraw = now;
    err.print("\r" + line(now) + "\033[K");
    err.flush();
  }

  /** A few times a second. */
  @Override
  public long periodMillis() {
    return 250;
  }

  /** The final line, on a terminal or not. */
  @Override
  public void finished() {
    String line = line(System.nanoTime());
    err.print(terminal ? "\r" + line + "\033[K\n" : line + "\n");
    err.flush();
  }

  String line(long now) {
    long in = 0;
    StringBuilder shares = new StringBuilder();
    for (Lane lane : lanes) {
      in += lane.recordsDealt();
      shares.append(shares.length() == 0 ? "" : " ").append(lane.recordsDealt());
    }
    long out = merger.recordsWritten();
    double seconds = Math.max(1e-9, (now - start) / 1e9);
    return String.format(Locale.ROOT, "fanout: %d records in, %d out, %.1fs, %.0f records/s; per worker: %s",
        in, out, seconds, out / seconds, shares);
  }
}
