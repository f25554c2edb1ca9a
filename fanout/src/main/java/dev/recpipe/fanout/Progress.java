package dev.recpipe.fanout;

import dev.recpipe.common.progress.ProgressDisplay;
import dev.recpipe.fanout.deal.Outlet;
import dev.recpipe.fanout.merge.Merger;
import java.io.PrintStream;
import java.util.List;

/**
 * {@code --progress} wired to today's loop: the counts read from the outlets (dealt) and the merger
 * (answered, written), shown by {@link ProgressView}.
 */
final class Progress implements LaneCounts {
  private final List<Outlet> outlets;
  private final Merger merger;
  private final ProgressView view;

  Progress(PrintStream err, long total, List<Outlet> outlets, Merger merger) {
    this.outlets = outlets;
    this.merger = merger;
    this.view = new ProgressView(this, total, ProgressDisplay.onStderr(err, true), System::nanoTime);
  }

  /** Called from the switchboard's loop: redraws if it is time. */
  void tick() {
    view.tick();
  }

  /** The final line, on a terminal or not. */
  void finish() {
    view.finish();
  }

  @Override
  public int lanes() {
    return outlets.size();
  }

  @Override
  public long dealt(int lane) {
    return outlets.get(lane).records();
  }

  @Override
  public long answered(int lane) {
    return merger.recordsRead(lane);
  }

  @Override
  public long recordsIn() {
    long in = 0;
    for (Outlet outlet : outlets) in += outlet.records();
    return in;
  }

  @Override
  public long recordsOut() {
    return merger.recordsWritten();
  }
}
