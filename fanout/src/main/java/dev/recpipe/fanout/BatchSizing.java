package dev.recpipe.fanout;

import dev.recpipe.fanout.deal.AdaptiveBatchSize;
import dev.recpipe.fanout.deal.BatchSize;

/**
 * Tells each lane's {@link BatchSize} what its worker does: when it answers (the latest seq it wrote,
 * and when that was read), and when a new worker takes its place. The default, {@link
 * AdaptiveBatchSize}, sizes the lane's batches from that; a fixed size ({@code -b}) ignores it.
 *
 * <p>It must listen before {@link Restarts}, which takes care of a crash and so ends the call there:
 * this one only notes the crash and leaves it to the next.
 */
final class BatchSizing implements LaneListener {
  @Override
  public void answered(Lane lane) {
    lane.outlet().size().answered(lane.inlet().lastSeq(), System.nanoTime());
  }

  @Override
  public boolean crashed(Lane lane, String failure) {
    lane.outlet().size().restarted();
    return false;
  }
}
