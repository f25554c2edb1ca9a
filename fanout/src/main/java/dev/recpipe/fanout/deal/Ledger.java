package dev.recpipe.fanout.deal;

/**
 * What was dealt to one worker, as the merger reads it: which seqs the worker may still write. A
 * worker that holds no undone input can only answer batches not dealt yet, so another worker's record
 * with a smaller seq can go out without waiting for it. Written by the dealer ({@link Dealt}), read
 * here only.
 */
public interface Ledger {
  /**
   * A bound that holds nothing back: the largest seq FORMAT.md allows, 2^63-1, so even that seq is
   * within it. Bounds are inclusive, so no seq is ever needed past the largest to say "none".
   */
  long NO_BOUND = Long.MAX_VALUE;

  /**
   * Nothing known (as in {@code fanout merge}, or {@code --unordered}): a worker may write any seq not
   * below its last, and the merger waits for every open input to show its next record.
   */
  Ledger UNKNOWN = new Ledger() {
    @Override
    public long dealtThrough(long seq) {
      return NO_BOUND;
    }

    @Override
    public long before(long lastWritten) {
      return lastWritten - 1;
    }
  };

  /**
   * The last seq of the range dealt to this worker that holds {@code seq}, or -1 if none does: so
   * that the records of an answer are checked a dealt range at a time, not each against the ledger.
   * Seqs asked about never go down.
   */
  long dealtThrough(long seq);

  /**
   * The largest seq that comes before every record the worker may still write, given the largest it
   * has written so far (-1 for none); {@link #NO_BOUND} if it can write nothing more.
   */
  long before(long lastWritten);
}
