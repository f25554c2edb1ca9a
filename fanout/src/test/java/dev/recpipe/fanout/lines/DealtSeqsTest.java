package dev.recpipe.fanout.lines;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.recpipe.fanout.records.Chunk;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The seqs a {@code --lines} worker's lines answer, kept as runs: they give what one seq a record
 * gives, on generated deals (seqs that go up by one, by a stride as {@code -b 1} deals them, stay the
 * same, jump, reach 2^63-1), answers,
 * rewinds after a restart and clears.
 */
class DealtSeqsTest {

  @Test
  void runsGiveTheSeqsDealtInOrder() {
    DealtSeqs seqs = new DealtSeqs();
    seqs.dealt(batch(0, 1, 2, 2, 2, 3, 7, 8, 8, 20));
    seqs.dealt(batch(21, 22, Long.MAX_VALUE - 1, Long.MAX_VALUE, Long.MAX_VALUE));
    List<Long> given = new ArrayList<>();
    while (seqs.hasNext()) given.add(seqs.next());
    assertEquals(List.of(0L, 1L, 2L, 2L, 2L, 3L, 7L, 8L, 8L, 20L, 21L, 22L, Long.MAX_VALUE - 1, Long.MAX_VALUE, Long.MAX_VALUE), given);
  }

  @Test
  void seqsAStrideApartGiveThemBack() {
    DealtSeqs seqs = new DealtSeqs();
    seqs.dealt(batch(1, 4, 7, 10, 10, 11, 13));
    seqs.next();
    seqs.next();
    seqs.next();
    seqs.rewind(5);
    assertEquals(List.of(7L, 10L, 10L, 11L, 13L), List.of(seqs.next(), seqs.next(), seqs.next(), seqs.next(), seqs.next()));
  }

  @Test
  void aRewindGoesBackToTheFirstRecordOfTheSeqLastGivenOut() {
    DealtSeqs seqs = new DealtSeqs();
    seqs.dealt(batch(5, 5, 5, 6, 7));
    seqs.next();
    seqs.next();
    seqs.rewind(5);
    assertEquals(5, seqs.unanswered());
    assertEquals(5, seqs.next());
  }

  /** Against the simplest keeping, one seq a record, under every operation drawn at random. */
  @Test
  void generatedDealsAnswersAndRewindsGiveWhatOneSeqARecordGives() {
    Random random = new Random(2026_12_01);
    for (int run = 0; run < 300; run++) {
      DealtSeqs seqs = new DealtSeqs();
      Model model = new Model();
      long seq = random.nextBoolean() ? 0 : Long.MAX_VALUE - random.nextInt(3000);
      int stride = random.nextInt(3) == 0 ? 2 + random.nextInt(7) : 0; // -b 1 round-robin to that many workers
      for (int step = 0; step < 400; step++) {
        int what = random.nextInt(10);
        if (what < 4) {
          long[] drawn = new long[1 + random.nextInt(40)];
          for (int i = 0; i < drawn.length; i++) {
            long gap = stride > 0 && random.nextInt(20) > 0 ? stride : nextGap(random);
            seq = gap > Long.MAX_VALUE - seq ? Long.MAX_VALUE : seq + gap;
            drawn[i] = seq;
          }
          seqs.dealt(batch(drawn));
          model.dealt(drawn);
        } else if (what < 8) {
          for (int i = random.nextInt(30); i > 0 && model.hasNext(); i--) assertEquals(model.next(), seqs.next());
        } else if (what == 8 && model.head < model.seqs.size()) {
          long kept = model.seqs.get(model.head + random.nextInt(model.seqs.size() - model.head));
          long to = kept == Long.MAX_VALUE ? kept : kept + random.nextInt(2);
          seqs.rewind(to);
          model.rewind(to);
        } else if (random.nextInt(10) == 0) {
          seqs.clear();
          model.clear();
        }
        assertEquals(model.hasNext(), seqs.hasNext());
        assertEquals(model.seqs.size() - model.next, seqs.unanswered());
        if (model.hasNext()) assertEquals(model.seqs.get(model.next), seqs.peek());
      }
    }
  }

  /** Mostly one up or the same, now and then a jump. */
  private static long nextGap(Random random) {
    int kind = random.nextInt(10);
    return kind < 5 ? 1 : kind < 8 ? 0 : 2 + random.nextInt(1000);
  }

  private static Chunk batch(long... seqs) {
    int[] ends = new int[seqs.length];
    for (int i = 0; i < ends.length; i++) ends[i] = i + 1;
    return Chunk.of(new byte[seqs.length], seqs, ends);
  }

  /** One seq a record, as DealtSeqs kept them before its runs. */
  private static final class Model {
    final List<Long> seqs = new ArrayList<>();
    int head;
    int next;

    void dealt(long[] drawn) {
      for (long seq : drawn) seqs.add(seq);
    }

    boolean hasNext() {
      return next < seqs.size();
    }

    long next() {
      long seq = seqs.get(next++);
      while (head < next - 1 && seqs.get(head) < seq) head++;
      return seq;
    }

    void rewind(long seq) {
      next = head;
      while (next < seqs.size() && seqs.get(next) < seq) next++;
    }

    void clear() {
      seqs.clear();
      head = 0;
      next = 0;
    }
  }
}
