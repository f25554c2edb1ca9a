package dev.recpipe.fanout.merge;

import java.util.ArrayDeque;

/**
 * What the dealer has handed to each worker, as seq ranges: the merger's knowledge of which seqs a
 * worker can still produce. A worker that holds no undone input can only answer batches not dealt
 * yet, so another worker's record with a smaller seq can go out without waiting for it.
 *
 * <p>It relies on the dealer's rule that a seq goes to one worker only (see
 * {@link dev.recpipe.fanout.deal.Dealer}): a batch that starts with the seq the last one ended with
 * goes to the same worker. So a batch dealt from now on to any other worker starts past every seq
 * dealt so far.
 *
 * <p>Without a dealer (as in {@code fanout merge}) nothing is known, and the merger waits for every
 * open input to show its next record: a plain k-way merge.
 */
public final class Dealt {
  private final ArrayDeque<long[]>[] ranges;
  /** The largest seq dealt so far, -1 before the first. */
  private long lastDealt = -1;
  private boolean ended;

  @SuppressWarnings("unchecked")
  public Dealt(int workers) {
    ranges = new ArrayDeque[workers];
    for (int i = 0; i < workers; i++) ranges[i] = new ArrayDeque<>();
  }

  /** Records that seqs {@code first..last} went to {@code worker}. */
  public void dealt(int worker, long first, long last) {
    ranges[worker].addLast(new long[] {first, last});
    lastDealt = last;
  }

  /** No more input: no worker will be dealt anything new. */
  public void end() {
    ended = true;
  }

  /**
   * The largest seq that comes before every record {@code worker} may still write, given the largest
   * it has written so far (-1 for none); {@link Merger#NO_BOUND} if it can write nothing more. What
   * it may still write: a seq in a range dealt to it and not below {@code lastWritten}, or one dealt
   * to it later, past every seq dealt so far. The bound is one below the smallest of those, and never
   * needs a seq past 2^63-1 to say "none".
   */
  long before(int worker, long lastWritten) {
    ArrayDeque<long[]> queue = ranges[worker];
    while (!queue.isEmpty() && queue.peekFirst()[1] < lastWritten) queue.removeFirst();
    if (!queue.isEmpty()) return Math.max(lastWritten, queue.peekFirst()[0]) - 1;
    return ended ? Merger.NO_BOUND : Math.max(lastWritten - 1, lastDealt);
  }

  /**
   * Whether {@code seq} is in a range dealt to {@code worker}. A worker's seqs never go down, so the
   * ranges below {@code seq} are done with and dropped: amortized constant time.
   */
  boolean wasDealt(int worker, long seq) {
    ArrayDeque<long[]> queue = ranges[worker];
    while (!queue.isEmpty() && queue.peekFirst()[1] < seq) queue.removeFirst();
    return !queue.isEmpty() && queue.peekFirst()[0] <= seq;
  }
}
