package dev.recpipe.fanout.deal;

import dev.recpipe.fanout.records.Chunk;
import java.util.ArrayDeque;

/**
 * The default batch size of one outlet (no {@code -b}): one record at first, growing with what its
 * worker has been dealt, and held down while its records are costly. Two bounds; the smaller wins.
 *
 * <ul>
 *   <li><b>A batch is at most 1/{@value #SHARE} of what the outlet has been dealt so far.</b> Every
 *       worker starts with one-record batches and grows as its share grows, so wherever the input
 *       ends, the workers' shares are within about 1/{@value #SHARE} of each other under round-robin:
 *       a list of 900 file names is dealt 103 to 114 to each of 8 workers, where fixed batches of 256
 *       dealt {@code 256 256 256 132 0 0 0 0}. It needs no answer to go on, so it also holds for a
 *       worker that writes nothing until its input ends, and for {@code fanout deal}. A long run
 *       reaches {@value #MAX} after {@value #SHARE} x {@value #MAX} records, in about 50 batches.
 *   <li><b>A batch takes its worker about {@link #TARGET_NANOS} at most,</b> by the time per record
 *       measured on its answers. Cheap records never feel it; costly ones (a file each) go a few at a
 *       time however long the run, so no batch holds back the ordered merge for long: the merge waits
 *       for a batch's records while the other workers' later ones wait in memory.
 * </ul>
 *
 * <p>The time per record is measured while the worker has records to answer: from the answer that
 * ended the last measurement (or from the deal that gave an idle worker records) to the answer of a
 * whole batch, over the records answered meanwhile, smoothed. The first answer of a worker is not
 * measured, since it waited for the worker's start-up too; nor the first after a restart. A worker
 * that buffers its output answers in bursts, which the smoothing and the counting by whole records
 * take as they come.
 *
 * <p>Times are given, not read from a clock, so the rule can be tested on made-up ones.
 */
public final class AdaptiveBatchSize implements BatchSize {
  /**
   * The largest batch: the old fixed default, above which fanout -n 2 summer gained nothing
   * measurable (docs/fanout.md), while a worker holds more records in its pipe.
   */
  public static final int MAX = 256;
  /** A batch is at most this fraction of what its outlet has been dealt so far. */
  static final int SHARE = 8;
  /** The time a batch should take its worker at most: what it may hold the merge back. */
  static final long TARGET_NANOS = 20_000_000L;
  /** The weight of a new measurement in the smoothed time per record. */
  static final double WEIGHT = 0.25;
  /**
   * The most batches tracked apart while unanswered; past it, a new batch joins the last one tracked,
   * so that a worker that answers nothing (it drops everything, or holds its output back) costs a
   * fixed amount of memory here, not one entry per batch dealt. Answers are then measured in larger
   * steps.
   */
  static final int TRACKED = 256;

  /** The batches dealt and not answered whole yet, oldest first: each one's last seq and records (see {@link #TRACKED}). */
  private final ArrayDeque<long[]> unanswered = new ArrayDeque<>();
  private long dealt;
  /** Since when the worker has had records to answer, with no measurement taken since; -1 while it has none. */
  private long busySince = -1;
  /** Whether the worker has answered since it started: its first answer also waited for its start. */
  private boolean started;
  /** Nanoseconds a record takes the worker, smoothed; 0 until measured. */
  private double nanosPerRecord;
  private int records = 1;

  @Override
  public int records() {
    return records;
  }

  @Override
  public void dealt(Chunk batch, long now) {
    if (unanswered.isEmpty()) busySince = now;
    if (unanswered.size() < TRACKED) {
      unanswered.addLast(new long[] {batch.lastSeq(), batch.records()});
    } else {
      long[] last = unanswered.peekLast();
      last[0] = batch.lastSeq();
      last[1] += batch.records();
    }
    dealt += batch.records();
    resize();
  }

  /**
   * A batch is answered once the worker has written a record of its last seq, or a later seq (it may
   * drop records): it writes in seq order.
   */
  @Override
  public void answered(long seq, long now) {
    long done = 0;
    while (!unanswered.isEmpty() && unanswered.peekFirst()[0] <= seq) done += unanswered.removeFirst()[1];
    if (done == 0) return;
    if (started) measure(now - busySince, done);
    started = true;
    busySince = unanswered.isEmpty() ? -1 : now;
    resize();
  }

  @Override
  public void restarted() {
    started = false;
  }

  /** How many entries track the unanswered batches: at most {@link #TRACKED}. */
  int tracked() {
    return unanswered.size();
  }

  /** The smoothed time per record, in nanoseconds; 0 before the first measurement. */
  double nanosPerRecord() {
    return nanosPerRecord;
  }

  private void measure(long nanos, long done) {
    double sample = (double) Math.max(nanos, 1) / done;
    nanosPerRecord = nanosPerRecord == 0 ? sample : nanosPerRecord + WEIGHT * (sample - nanosPerRecord);
  }

  private void resize() {
    long byShare = dealt / SHARE;
    long byTime = nanosPerRecord == 0 ? MAX : (long) (TARGET_NANOS / nanosPerRecord);
    records = (int) Math.max(1, Math.min(MAX, Math.min(byShare, byTime)));
  }
}
