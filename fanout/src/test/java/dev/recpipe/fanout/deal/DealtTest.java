package dev.recpipe.fanout.deal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.recpipe.fanout.records.Chunk;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.TreeSet;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.RepetitionInfo;
import org.junit.jupiter.api.Test;

class DealtTest {
  /**
   * A seq the input skipped, inside a batch, was taken as dealt: the share noted the batch as the
   * range from its first seq to its last, so a worker that wrote it went through, exit 0.
   */
  @Test
  void aSeqTheInputSkippedInsideABatchIsNotDealt() {
    Dealt.Share share = new Dealt(true).share();
    share.dealt(batch(0, 1, 2, 4, 5));
    assertEquals(2, share.dealtThrough(2));
    assertEquals(-1, share.dealtThrough(3));
    assertEquals(5, share.dealtThrough(4));
  }

  @Test
  void seqsAtASteadyStrideTakeOneEntry() {
    Dealt.Share share = new Dealt(true).share();
    long[] seqs = new long[256];
    for (int i = 0; i < seqs.length; i++) seqs[i] = 2L * i;
    share.dealt(batch(seqs));
    assertEquals(-1, share.dealtThrough(509));
    assertEquals(510, share.dealtThrough(510));
  }

  /**
   * Generated batches with gaps, equal seqs and seqs up to 2^63-1, dealt to one share: every seq
   * dealt is dealt through at least itself, and every seq skipped is not dealt, asked in order as the
   * merger asks (a worker's seqs never go down).
   */
  @RepeatedTest(100)
  void everySeqDealtPassesAndEverySeqSkippedDoesNot(RepetitionInfo repetition) {
    Random random = new Random(repetition.getCurrentRepetition());
    Dealt.Share share = new Dealt(true).share();
    TreeSet<Long> dealt = new TreeSet<>();
    long next = random.nextBoolean() ? random.nextInt(5) : Long.MAX_VALUE - 3000;
    for (int b = 0; b < 20 && next < Long.MAX_VALUE - 200; b++) {
      List<Long> seqs = new ArrayList<>();
      for (int i = 0, n = 1 + random.nextInt(20); i < n; i++) {
        seqs.add(next);
        dealt.add(next);
        next += List.of(0, 1, 1, 2, 3, 7).get(random.nextInt(6));
      }
      share.dealt(batch(seqs.stream().mapToLong(Long::longValue).toArray()));
    }
    for (long seq = dealt.first(); seq <= dealt.last(); seq++) {
      long through = share.dealtThrough(seq);
      if (dealt.contains(seq)) {
        assertTrue(through >= seq, "seq " + seq + " was dealt, dealt through " + through);
      } else {
        assertEquals(-1, through, "seq " + seq + " was not dealt");
      }
    }
  }

  @Test
  void pastTheEntriesItMaySplitABatchIsOneRangeAgain() {
    Dealt.Share share = new Dealt(true).share();
    long[] seqs = new long[2 * Dealt.SPLIT_ENTRIES + 10];
    long seq = 0;
    for (int i = 0; i < seqs.length; i++) {
      seqs[i] = seq;
      seq += 2 + (i % 2); // strides 2, 3, 2, 3: two ranges an entry
    }
    share.dealt(batch(seqs));
    assertEquals(-1, share.dealtThrough(1));
    assertEquals(seqs[seqs.length - 1], share.dealtThrough(seqs[seqs.length - 2] + 1)); // the rest, one range
  }

  private static Chunk batch(long... seqs) {
    int[] ends = new int[seqs.length];
    for (int i = 0; i < ends.length; i++) ends[i] = i + 1;
    return Chunk.of(new byte[seqs.length], seqs, ends);
  }
}
