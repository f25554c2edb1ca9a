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
 * lines are answered, so what is kept is what is in flight. That is everything dealt to a worker that
 * writes nothing until its input ends (sort, awk printing in its END block), so seqs are kept as runs
 * that go up by the same step: by one within a batch of reader's, by N between the records of {@code
 * -b 1} dealt round-robin to N workers, by none for records that share a seq. That is 24 bytes a batch,
 * as the deal ledger keeps, where one seq a record, 8 bytes a line, ran the heap out at some 12M
 * lines.
 */
final class DealtSeqs {
  /**
   * Run {@code r} holds the records from index {@code start[r]} to the next run's start (or {@code
   * tail}), their seqs {@code first[r]}, {@code first[r] + step[r]}, ...; indexes count the records
   * noted since the last {@link #clear}. A run of one record takes its step from the second.
   */
  private long[] first = new long[16];
  private long[] start = new long[16];
  private long[] step = new long[16];
  /** Kept runs are {@code [headRun, runs)}; {@code nextRun} is at or before the run holding {@code next}. */
  private int headRun;
  private int nextRun;
  private int runs;
  /** Kept records are {@code [head, tail)}; the next to give out is at {@code next}. */
  private long head;
  private long next;
  private long tail;

  /** Notes the seqs of {@code batch}, dealt to the worker after everything noted before. */
  void dealt(Chunk batch) {
    for (int i = 0; i < batch.records(); i++) add(batch.seq(i));
  }

  /** Whether a record dealt has not been answered by a line yet. */
  boolean hasNext() {
    return next < tail;
  }

  /** The seq of the next record not yet answered, without taking it; call only when {@link #hasNext}. */
  long peek() {
    nextRun = runOf(next, nextRun);
    return seqAt(nextRun, next);
  }

  /** The seq of the next record not yet answered; call only when {@link #hasNext}. */
  long next() {
    long seq = peek();
    next++;
    head = firstFrom(head, headRun, seq, next - 1);
    headRun = runOf(head, headRun);
    return seq;
  }

  /** A fresh worker answers only what is dealt from now on ({@code --skip-failed}). */
  void clear() {
    headRun = 0;
    nextRun = 0;
    runs = 0;
    head = 0;
    next = 0;
    tail = 0;
  }

  /** Records dealt and not yet answered. */
  long unanswered() {
    return tail - next;
  }

  /** The worker was replaced: the next line answers the first record kept with seq {@code seq} or more. */
  void rewind(long seq) {
    next = firstFrom(head, headRun, seq, tail);
    nextRun = runOf(Math.min(next, tail - 1), headRun);
  }

  /** Notes one more record, of {@code seq}: in the last run if it goes on that run's way. */
  private void add(long seq) {
    if (runs > 0) {
      int last = runs - 1;
      long lastSeq = seqAt(last, tail - 1);
      if (tail - start[last] == 1) step[last] = seq - lastSeq; // >= 0: seqs dealt to a worker never go down
      if (seq == lastSeq + step[last]) {
        tail++;
        return;
      }
    }
    ensureRoom();
    first[runs] = seq;
    start[runs] = tail;
    step[runs] = 0;
    runs++;
    tail++;
  }

  /**
   * The first index from {@code from} (in run {@code run}) on whose seq is {@code seq} or more, or
   * {@code limit} if none comes before it; a run at a time where its seqs allow.
   */
  private long firstFrom(long from, int run, long seq, long limit) {
    long at = from;
    while (at < limit) {
      run = runOf(at, run);
      long found = seqAt(run, at);
      if (found >= seq) return at;
      long end = Math.min(runEnd(run), limit);
      long distance = seq - found; // > 0
      long step = this.step[run];
      long records = step == 0 ? Long.MAX_VALUE : distance / step + (distance % step == 0 ? 0 : 1); // to reach seq
      at = records >= end - at ? end : at + records;
    }
    return limit;
  }

  /** The run that holds index {@code index}, looking from run {@code from} on; the last run for an index past it. */
  private int runOf(long index, int from) {
    int run = Math.max(from, headRun);
    while (run < runs - 1 && start[run + 1] <= index) run++;
    return run;
  }

  private long runEnd(int run) {
    return run + 1 < runs ? start[run + 1] : tail;
  }

  private long seqAt(int run, long index) {
    return first[run] + step[run] * (index - start[run]);
  }

  /** Room for one more run: the runs before the head's are let go, and the arrays grow only when half full of kept ones. */
  private void ensureRoom() {
    if (runs < first.length) return;
    int kept = runs - headRun;
    int length = kept + 1 <= first.length / 2 ? first.length : first.length * 2;
    first = shifted(first, length, kept);
    start = shifted(start, length, kept);
    step = shifted(step, length, kept);
    nextRun -= headRun;
    runs = kept;
    headRun = 0;
  }

  private long[] shifted(long[] from, int length, int kept) {
    long[] to = length == from.length ? from : Arrays.copyOf(from, length);
    System.arraycopy(from, headRun, to, 0, kept);
    return to;
  }
}
