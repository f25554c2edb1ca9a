package dev.recpipe.fanout.deal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayDeque;
import java.util.Random;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.RepetitionInfo;
import org.junit.jupiter.api.Test;

class RangesTest {
  /**
   * Generated deals against the plain queue of {@code long[]} the ledger kept before: every range, in
   * order, cut where {@code passed} cuts it, the same; with even batches at a steady stride among
   * them, and equal seqs at batch edges (a batch starting with the seq the last one ended with).
   */
  @RepeatedTest(200)
  void holdsTheRangesAPlainQueueHolds(RepetitionInfo repetition) {
    Random random = new Random(repetition.getCurrentRepetition());
    Ranges ranges = new Ranges();
    ArrayDeque<long[]> plain = new ArrayDeque<>();
    long next = random.nextInt(3) == 0 ? Long.MAX_VALUE - 5000 : random.nextInt(10);
    int width = random.nextInt(4);
    int stride = width + random.nextInt(4);
    for (int step = 0; step < 2000; step++) {
      int what = random.nextInt(10);
      if (what < 6 && next < Long.MAX_VALUE - 100) {
        if (random.nextInt(8) == 0) width = random.nextInt(4); // a batch of another size: the run ends
        long first = random.nextInt(5) == 0 ? next + random.nextInt(3) : next; // a gap, now and then
        long last = first + width;
        ranges.add(first, last);
        plain.addLast(new long[] {first, last});
        next = random.nextInt(6) == 0 ? last : first + Math.max(stride, width); // equal seqs at the edge
      } else if (what < 8 && !plain.isEmpty()) {
        ranges.removeFirst();
        plain.removeFirst();
      } else if (!plain.isEmpty() && plain.peekFirst()[1] > plain.peekFirst()[0]) {
        long[] head = plain.peekFirst();
        long at = head[0] + 1 + (long) random.nextInt((int) Math.min(head[1] - head[0], 1000));
        ranges.startFirstAt(at);
        head[0] = at;
      }
      assertSame(plain, ranges);
    }
    while (!plain.isEmpty()) {
      assertSame(plain, ranges);
      ranges.removeFirst();
      plain.removeFirst();
    }
    assertEquals(true, ranges.isEmpty());
  }

  private static void assertSame(ArrayDeque<long[]> plain, Ranges ranges) {
    assertEquals(plain.isEmpty(), ranges.isEmpty());
    if (plain.isEmpty()) return;
    assertEquals(plain.peekFirst()[0], ranges.first());
    assertEquals(plain.peekFirst()[1], ranges.last());
  }

  /**
   * What fanout notes of a worker that answers nothing until its input ends, with {@code -b 1 -n 2}
   * and with batches of 256 among 8: one entry, however long the input, not one a batch.
   */
  @Test
  void aRoundRobinDealOfEvenBatchesIsOneEntryHoweverLong() {
    Ranges first = new Ranges();
    Ranges second = new Ranges();
    Ranges eighth = new Ranges();
    for (long seq = 0; seq < 10_000_000; seq += 2) {
      first.add(seq, seq);
      second.add(seq + 1, seq + 1);
    }
    for (long seq = 7 * 256; seq < 10_000_000; seq += 8 * 256) eighth.add(seq, seq + 255);
    assertEquals(1, first.entries());
    assertEquals(1, second.entries());
    assertEquals(1, eighth.entries());
    for (int i = 0; i < 1000; i++) first.removeFirst();
    assertEquals(2000, first.first());
    assertEquals(7 * 256 + 8 * 256 + 1, after(eighth));
  }

  /** The second range's first + 1, once the first range is cut to start past its first and removed. */
  private static long after(Ranges ranges) {
    ranges.startFirstAt(ranges.first() + 100);
    assertEquals(2, ranges.entries());
    ranges.removeFirst();
    return ranges.first() + 1;
  }
}
