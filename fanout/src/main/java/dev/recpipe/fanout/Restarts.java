package dev.recpipe.fanout;

import dev.recpipe.common.RecpipeException;
import dev.recpipe.fanout.workers.ShellFallback;
import dev.recpipe.fanout.workers.Worker;
import dev.recpipe.fanout.workers.WorkerPool;
import java.io.IOException;
import java.util.function.Consumer;

/**
 * {@code --retries}: a crashed worker's output is read to its end, a new worker takes its lane, and
 * the records the old one had not answered are dealt to it again, up to {@code retries} times for the
 * same records. The outlets keep what is unanswered ({@link #answered}), the inlets hold each worker's
 * latest seq until it is known whole. {@code warn} tells the user of each restart.
 */
record Restarts(Switchboard board, WorkerPool pool, int retries, Consumer<String> warn) implements LaneListener {
  /** The batches the worker has answered are let go. */
  @Override
  public void answered(Lane lane) {
    lane.outlet().answered(lane.inlet().lastSeq());
  }

  @Override
  public boolean crashed(Lane lane, String failure) throws IOException {
    if (pool.isStopping()) return false; // fanout stopped it (a signal): nothing to restart
    int slot = lane.worker().index();
    pool.killDescendants(slot);
    board.readToEnd(lane);
    long from = lane.inlet().lastSeq();
    int crashes = lane.crashedAt(from);
    String records = from < 0 ? "its records" : "its records from seq " + from;
    if (crashes > retries) {
      String gaveUp = " (gave up after " + retries + (retries == 1 ? " retry" : " retries") + " of " + records + ")";
      throw new RecpipeException(ShellFallback.explain(failure + gaveUp, lane.worker().program()));
    }
    Worker fresh = pool.restart(slot);
    int again = board.replace(lane, fresh, from);
    warn.accept(failure + "; restarted it (retry " + crashes + " of " + retries + "), dealing it "
        + again + (again == 1 ? " record" : " records") + " again");
    return true;
  }
}
