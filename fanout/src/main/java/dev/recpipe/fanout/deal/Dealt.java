package dev.recpipe.fanout.deal;

import dev.recpipe.fanout.records.Chunk;

/**
 * The deal ledger: what the dealer has handed to each worker, as seq ranges, one {@link Share} a
 * worker. The merger reads a worker's share as its {@link Ledger}.
 *
 * <p>It relies on the dealer's rule that a seq goes to one worker only (see {@link Dealer}): a batch
 * that starts with the seq the last one ended with goes to the same worker. So a batch dealt from
 * now on to any other worker starts past every seq dealt so far.
 */
public final class Dealt {
  /**
   * The entries a worker's ranges may take before a batch's gaps are no longer split apart: 32 bytes
   * each, 2 MiB a worker.
   */
  static final int SPLIT_ENTRIES = 65_536;

  private final boolean keep;
  /** The largest seq dealt so far, -1 before the first. */
  private long lastDealt = -1;
  private boolean ended;

  /** With {@code keep} false, no ranges are kept: for {@code fanout deal}, where nobody reads them. */
  public Dealt(boolean keep) {
    this.keep = keep;
  }

  /** A new worker's share. */
  public Share share() {
    return new Share();
  }

  /** No more input: no worker will be dealt anything new. */
  public void end() {
    ended = true;
  }

  /** The seq ranges dealt to one worker. */
  public final class Share implements Ledger {
    private final Ranges ranges = new Ranges();

    private Share() {}

    /** Records that seqs {@code first..last} went to this worker. */
    public void dealt(long first, long last) {
      if (keep) ranges.add(first, last);
      lastDealt = last;
    }

    /**
     * Records that the records of {@code batch} went to this worker: a range for each run of
     * consecutive (or equal) seqs in it, so that a seq the input skipped, inside the batch, is not
     * taken as dealt (a worker writing it has a bug: it went through, the record it answered lost).
     * Reader's batches are one run; runs at a steady stride (seqs 0, 2, 4, ...) are one entry of
     * {@link Ranges}. Past {@link #SPLIT_ENTRIES} entries the rest of a batch is one range, so a worker
     * that answers nothing until its end costs a bounded amount whatever gaps the input has.
     */
    public void dealt(Chunk batch) {
      long first = batch.firstSeq();
      long previous = first;
      for (int i = 1; keep && i < batch.records() && ranges.entries() < SPLIT_ENTRIES; i++) {
        long seq = batch.seq(i);
        if (seq - previous > 1) { // seqs never go down: no overflow
          ranges.add(first, previous);
          first = seq;
        }
        previous = seq;
      }
      dealt(first, batch.lastSeq());
    }

    /**
     * {@code --skip-failed}: the worker will write no seq up to {@code seq} any more, having answered
     * or skipped every record it was dealt through it. A skipped seq is never written; without this
     * the merger would hold the other workers' later records back until this one wrote a later seq.
     */
    public void passed(long seq) {
      while (!ranges.isEmpty() && ranges.last() <= seq) ranges.removeFirst();
      if (!ranges.isEmpty() && ranges.first() <= seq) ranges.startFirstAt(seq + 1); // seq < that range's last
    }

    /**
     * What the worker may still write: a seq in a range dealt to it and not below {@code
     * lastWritten}, or one dealt to it later, past every seq dealt so far. The bound is one below the
     * smallest of those, and never needs a seq past 2^63-1 to say "none".
     */
    @Override
    public long before(long lastWritten) {
      dropBelow(lastWritten);
      if (!ranges.isEmpty()) return Math.max(lastWritten, ranges.first()) - 1;
      return ended ? NO_BOUND : Math.max(lastWritten - 1, lastDealt);
    }

    /** A worker's seqs never go down, so the ranges below {@code seq} are done with: amortized constant time. */
    @Override
    public long dealtThrough(long seq) {
      dropBelow(seq);
      return !ranges.isEmpty() && ranges.first() <= seq ? ranges.last() : -1;
    }

    private void dropBelow(long seq) {
      while (!ranges.isEmpty() && ranges.last() < seq) ranges.removeFirst();
    }
  }
}
