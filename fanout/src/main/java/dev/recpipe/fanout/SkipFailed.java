package dev.recpipe.fanout;

import dev.recpipe.common.RecpipeException;
import dev.recpipe.fanout.deal.Dealt;
import dev.recpipe.fanout.records.Chunk;
import dev.recpipe.fanout.skip.Rejects;
import dev.recpipe.fanout.skip.Suspects;
import dev.recpipe.fanout.workers.ShellFallback;
import dev.recpipe.fanout.workers.Worker;
import dev.recpipe.fanout.workers.WorkerPool;
import java.io.IOException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * {@code --skip-failed}: a crashed worker's unanswered records are narrowed down ({@link Suspects})
 * to the ones it fails on, which are skipped, and the run goes on. While a lane narrows, its slot runs
 * one fresh worker per probe, each dealt a few of those records and then the end of its input; the
 * lane takes no new batch. Once every record has passed or been skipped, a fresh worker takes the
 * lane's new batches, as after a restart.
 *
 * <p>A crash is skipped only when records can answer for it: a worker that fails with nothing
 * unanswered (on empty input, say) is restarted as under {@code --retries} alone, and fails the run
 * past its retries (at once without); so does every failure that is no crash (output that is not
 * records, seqs out of order: see {@link Restarts}).
 */
final class SkipFailed implements LaneListener {
  private final Switchboard board;
  private final WorkerPool pool;
  private final int retries;
  private final List<Dealt.Share> shares;
  private final Rejects rejects;
  private final Consumer<String> warn;
  private final Map<Lane, Suspects> narrowing = new HashMap<>();

  /**
   * Narrows crashes down in {@code board}'s lanes, restarting workers in {@code pool}; a record fails
   * once it crashed alone {@code retries + 1} times. {@code shares} are the lanes' deal ledgers, by
   * worker index; skipped records go to {@code rejects}, and each is named through {@code warn}.
   */
  SkipFailed(Switchboard board, WorkerPool pool, int retries, List<Dealt.Share> shares, Rejects rejects,
      Consumer<String> warn) {
    this.board = board;
    this.pool = pool;
    this.retries = retries;
    this.shares = shares;
    this.rejects = rejects;
    this.warn = warn;
  }

  /** The batches the worker has answered are let go. */
  @Override
  public void answered(Lane lane) {
    lane.outlet().answered(lane.inlet().lastSeq());
  }

  @Override
  public boolean crashed(Lane lane, String failure) throws IOException {
    if (pool.isStopping()) return false; // fanout stopped it (a signal): no record is to blame, none to deal again
    pool.killDescendants(lane.worker().index());
    board.readToEnd(lane);
    long lastSeq = lane.inlet().lastSeq();
    Suspects suspects = narrowing.get(lane);
    if (suspects == null) {
      List<Chunk> unanswered = lane.outlet().takeUnanswered(lastSeq);
      if (unanswered.isEmpty()) return restartWithNothingUnanswered(lane, lastSeq, failure);
      suspects = new Suspects(unanswered, retries);
      narrowing.put(lane, suspects);
      int records = suspects.remaining();
      warn.accept(failure + (records == 1 ? "; dealing the record it had not answered again, alone, to see whether it fails"
          : "; dealing the " + records + " records it had not answered again, in smaller batches, to find the one that fails"));
    } else {
      Chunk failed = suspects.crashed(lastSeq);
      if (failed != null) skip(lane, failed, failure);
    }
    next(lane, suspects);
    return true;
  }

  /**
   * A crash no record can answer for (the worker was dealt nothing, or had answered all it was
   * dealt): as under {@code --retries} alone, a fresh worker takes the lane, up to {@code retries}
   * times in a row at the same seq; past that, or with no retries, it fails the run. Without this,
   * adding --skip-failed to --retries made a run less tolerant: a worker stopped by a signal before
   * it was dealt anything failed the run that --retries alone would have finished.
   */
  private boolean restartWithNothingUnanswered(Lane lane, long lastSeq, String failure) throws IOException {
    int crashes = lane.crashedAt(lastSeq);
    if (crashes > retries) {
      String gaveUp = retries == 0 ? "" : " (gave up after " + retries + (retries == 1 ? " retry)" : " retries)");
      throw new RecpipeException(ShellFallback.explain(failure + " with no record unanswered, so there is"
          + " no record to skip for it" + gaveUp, lane.worker().program()));
    }
    board.replace(lane, pool.restart(lane.worker().index()), -1);
    warn.accept(failure + " with no record unanswered; restarted it (retry " + crashes + " of " + retries + ")");
    return true;
  }

  @Override
  public boolean ended(Lane lane) throws IOException {
    Suspects suspects = narrowing.get(lane);
    if (suspects == null) return false;
    suspects.passed();
    next(lane, suspects);
    return true;
  }

  /** The next probe in the lane's slot, or, the narrowing done, a worker for its new batches. */
  private void next(Lane lane, Suspects suspects) throws IOException {
    Worker fresh = pool.restart(lane.worker().index());
    if (!suspects.isDone()) {
      board.probe(lane, fresh, suspects.nextProbe());
      return;
    }
    narrowing.remove(lane);
    board.replace(lane, fresh, -1); // nothing is kept unanswered: it only goes on
  }

  private void skip(Lane lane, Chunk failed, String failure) throws IOException {
    shares.get(lane.worker().index()).passed(failed.lastSeq());
    rejects.add(failed);
    String times = retries == 0 ? "" : ", " + (retries + 1) + " times";
    warn.accept("skipped record seq " + failed.firstSeq() + (failed.records() == 1 ? "" : " (" + failed.records()
        + " records)") + ": " + failure + " when dealt it alone" + times);
  }

  /** Records skipped so far. */
  long skipped() {
    return rejects.records();
  }
}
