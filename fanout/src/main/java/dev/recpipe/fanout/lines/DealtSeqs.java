package dev.recpipe.fanout.lines;

import dev.recpipe.fanout.records.Chunk;
import java.util.Arrays;

/**
 * The seqs of the records dealt to one {@code --lines} worker, in the order dealt, for the lines it
 * writes back: its n-th line answers the n-th record. A worker's lines carry no seq, so this is the
 * only place the seq of a line is known.
 *
 * <p>Seqs are kept from the one last given out on, so a restart can go back to the first record of
 * that seq ({@link #rewind}), which is where the outlet deals again from; earlier ones are let go as
 * lines are answered, so what is kept is what is in flight: 8 bytes a record.
 */
final class DealtSeqs {
  private long[] seqs = new long[1024];
  /** Kept seqs are {@code [head, tail)}; the next to give out is at {@code next}. */
  private int head;
  private int next;
  private int tail;

  /** Notes the seqs of {@code batch}, dealt to the worker after everything noted before. */
  void dealt(Chunk batch) {
    ensureRoom(batch.records());
    for (int i = 0; i < batch.records(); i++) seqs[tail++] = batch.seq(i);
  }

  /** Whether a record dealt has not been answered by a line yet. */
  boolean hasNext() {
    return next < tail;
  }

  /** The seq of the next record not yet answered, without taking it; call only when {@link #hasNext}. */
  long peek() {
    return seqs[next];
  }

  /** The seq of the next record not yet answered; call only when {@link #hasNext}. */
  long next() {
    long seq = seqs[next++];
    while (head < next - 1 && seqs[head] < seq) head++;
    return seq;
  }

  /** A fresh worker answers only what is dealt from now on ({@code --skip-failed}). */
  void clear() {
    head = 0;
    next = 0;
    tail = 0;
  }

  /** Records dealt and not yet answered. */
  int unanswered() {
    return tail - next;
  }

  /** The worker was replaced: the next line answers the first record kept with seq {@code seq} or more. */
  void rewind(long seq) {
    next = head;
    while (next < tail && seqs[next] < seq) next++;
  }

  private void ensureRoom(int more) {
    if (tail + more <= seqs.length) return;
    int kept = tail - head;
    long[] to = kept + more <= seqs.length / 2 ? seqs : Arrays.copyOf(seqs, Math.max(seqs.length * 2, kept + more));
    System.arraycopy(seqs, head, to, 0, kept);
    seqs = to;
    next -= head;
    tail -= head;
    head = 0;
  }
}
