package dev.recpipe.fanout;

import dev.recpipe.common.progress.ProgressDisplay;
import dev.recpipe.fanout.merge.Merger;
import java.io.PrintStream;
import java.util.List;
import java.util.function.Consumer;

/**
 * {@code --progress}: a listener on the switchboard's loop that gives {@link ProgressView} the
 * counts it draws, read from the lanes (records dealt, records answered) and the merger (written).
 */
final class Progress implements LaneListener, LaneCounts {
  private final List<Lane> lanes;
  private final Merger merger;
  private final ProgressView view;

  Progress(PrintStream err, long total, List<Lane> lanes, Merger merger) {
    this.lanes = lanes;
    this.merger = merger;
    this.view = new ProgressView(this, total, ProgressDisplay.onStderr(err, true), System::nanoTime);
  }

  /** Redraws if it is time. */
  @Override
  public void tick(long now) {
    view.tick();
  }

  /** A few times a second. */
  @Override
  public long periodMillis() {
    return 250;
  }

  @Override
  public void finished() {
    finish();
  }

  /** Writes {@code message} with {@code warn} on a row of its own: the line drawn is erased first, and drawn again below it. */
  void notice(Consumer<String> warn, String message) {
    view.clear();
    warn.accept(message);
  }

  /** The final line, on a terminal or not; also when the run failed. Once only. */
  void finish() {
    view.finish();
  }

  @Override
  public int lanes() {
    return lanes.size();
  }

  @Override
  public long dealt(int lane) {
    return lanes.get(lane).recordsDealt();
  }

  @Override
  public long answered(int lane) {
    return lanes.get(lane).recordsAnswered();
  }

  @Override
  public long recordsIn() {
    long in = 0;
    for (Lane lane : lanes) in += lane.recordsDealt();
    return in;
  }

  @Override
  public long recordsOut() {
    return merger.recordsWritten();
  }
}
