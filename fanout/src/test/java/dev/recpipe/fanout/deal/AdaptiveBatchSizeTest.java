package dev.recpipe.fanout.deal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.recpipe.fanout.records.Chunk;
import org.junit.jupiter.api.Test;

/**
 * The sizing rule of the default batch size, fed made-up deals and answers at made-up times: one
 * record at first, growing with the outlet's share, held down by the measured time per record, not
 * fooled by a worker's start-up, its idle time, a batch answered in parts or records it drops.
 */
class AdaptiveBatchSizeTest {
  private static final long MS = 1_000_000L;

  private final AdaptiveBatchSize size = new AdaptiveBatchSize();
  private long nextSeq;

  @Test
  void startsAtOneRecordAndGrowsWithTheShareDealt() {
    assertEquals(1, size.records());
    int batches = 0;
    long dealt = 0;
    while (dealt < 8L * AdaptiveBatchSize.MAX) {
      assertEquals(Math.max(1, Math.min(AdaptiveBatchSize.MAX, dealt / AdaptiveBatchSize.SHARE)), size.records(),
          "after " + dealt + " records");
      dealt += deal(size.records(), 0);
      batches++;
    }
    assertEquals(AdaptiveBatchSize.MAX, size.records());
    assertTrue(batches < 60, batches + " batches to reach the largest size");
    deal(size.records(), 0);
    assertEquals(AdaptiveBatchSize.MAX, size.records(), "never past the largest");
  }

  @Test
  void recordsThatCostMillisecondsGoAFewAtATimeHoweverLongTheShare() {
    long now = 0;
    dealAndAnswer(4000, now += 100 * MS, now += 300 * MS); // start-up: not measured
    assertEquals(AdaptiveBatchSize.MAX, size.records());
    for (int i = 0; i < 20; i++) {
      deal(size.records(), now);
      answerAll(now += size.records() * 5 * MS); // 5 ms a record
    }
    assertEquals(AdaptiveBatchSize.TARGET_NANOS / (5 * MS), size.records());
    assertEquals(5.0 * MS, size.nanosPerRecord(), 0.01 * MS);
  }

  @Test
  void recordsThatCostSecondsGoOneAtATime() {
    long now = 0;
    dealAndAnswer(100, now, now += MS);
    dealAndAnswer(10, now, now += 10 * 1000 * MS);
    assertEquals(1, size.records());
  }

  @Test
  void cheapRecordsAreBoundByTheShareOnly() {
    long now = 0;
    dealAndAnswer(100, now, now += 400 * MS); // start-up
    dealAndAnswer(100, now, now += 100 * 1000); // 1 microsecond a record
    assertEquals(200 / AdaptiveBatchSize.SHARE, size.records());
  }

  @Test
  void theFirstAnswerWaitsForTheWorkersStartAndIsNotMeasured() {
    dealAndAnswer(800, 0, 2000 * MS); // 2.5 ms a record, were it measured
    assertEquals(100, size.records());
    assertEquals(0, size.nanosPerRecord());
  }

  @Test
  void theFirstAnswerAfterARestartIsNotMeasuredEither() {
    long now = 0;
    dealAndAnswer(800, now, now += 300 * MS);
    dealAndAnswer(100, now, now += 100 * 1000);
    double before = size.nanosPerRecord();
    deal(100, now);
    size.restarted();
    answerAll(now += 2000 * MS); // the new worker's start-up
    assertEquals(before, size.nanosPerRecord());
    dealAndAnswer(100, now, now += 100 * 1000);
    assertEquals(before, size.nanosPerRecord(), 1e-9);
  }

  @Test
  void timeWithNothingToAnswerIsNotMeasured() {
    long now = 0;
    dealAndAnswer(800, now, now += 300 * MS);
    dealAndAnswer(100, now, now += 100 * 1000); // 1 microsecond a record
    now += 60_000 * MS; // idle: nothing dealt for a minute
    dealAndAnswer(100, now, now += 100 * 1000);
    assertEquals(1000, size.nanosPerRecord(), 1e-9);
  }

  @Test
  void aBatchAnsweredInPartsIsMeasuredOnceWhole() {
    long now = 0;
    dealAndAnswer(800, now, now += 300 * MS);
    long first = nextSeq;
    deal(100, now);
    size.answered(first + 49, now += 5 * MS); // half of it
    assertEquals(0, size.nanosPerRecord(), "nothing whole answered: nothing measured yet");
    size.answered(first + 99, now += 5 * MS);
    assertEquals(0.1 * MS, size.nanosPerRecord(), 1e-9);
  }

  @Test
  void aLaterSeqAnswersTheBatchesBeforeIt() {
    long now = 0;
    dealAndAnswer(800, now, now += 300 * MS);
    deal(100, now);
    deal(100, now);
    deal(100, now);
    size.answered(nextSeq - 1, now += 30 * MS); // a worker that dropped the first two batches' records
    assertEquals(0.1 * MS, size.nanosPerRecord(), 1e-9);
  }

  @Test
  void aWorkerThatAnswersNothingCostsAFixedAmountOfMemory() {
    for (int i = 0; i < 100_000; i++) deal(size.records(), 0);
    assertEquals(AdaptiveBatchSize.TRACKED, size.tracked());
    assertEquals(AdaptiveBatchSize.MAX, size.records());
  }

  @Test
  void batchesTrackedTogetherAreMeasuredWhenTheLastOfThemIsAnswered() {
    long now = 0;
    dealAndAnswer(800, now, now += 300 * MS);
    int apart = AdaptiveBatchSize.TRACKED - 1; // the last entry takes the 11 batches past them
    for (int i = 0; i < apart + 11; i++) deal(10, now);
    long lastApart = 800 + apart * 10L - 1;
    size.answered(lastApart, now += 10 * MS);
    double first = size.nanosPerRecord();
    assertEquals(10.0 * MS / (apart * 10), first, 1e-6);
    size.answered(lastApart + 50, now += 10 * MS); // within the 11 joined batches
    assertEquals(first, size.nanosPerRecord(), "the joined batches are not all answered yet");
    answerAll(now += 10 * MS);
    assertEquals(0, size.tracked());
    assertEquals(first + AdaptiveBatchSize.WEIGHT * (20.0 * MS / 110 - first), size.nanosPerRecord(), 1e-6,
        "110 records in 20 ms");
  }

  @Test
  void oneSlowMeasurementMovesTheTimeAQuarterOfTheWay() {
    long now = 0;
    dealAndAnswer(800, now, now += 300 * MS);
    dealAndAnswer(100, now, now += 100 * MS); // 1 ms a record
    dealAndAnswer(100, now, now += 500 * MS); // 5 ms a record: a pause, or costlier records
    assertEquals(2 * MS, size.nanosPerRecord(), 1e-6);
    assertEquals(AdaptiveBatchSize.TARGET_NANOS / (2 * MS), size.records());
  }

  @Test
  void aFixedSizeIsWhatItSays() {
    BatchSize fixed = BatchSize.fixed(7);
    fixed.dealt(batch(3), 0);
    fixed.answered(2, 5 * MS);
    assertEquals(7, fixed.records());
  }

  private void dealAndAnswer(int records, long dealtAt, long answeredAt) {
    deal(records, dealtAt);
    answerAll(answeredAt);
  }

  private int deal(int records, long now) {
    size.dealt(batch(records), now);
    return records;
  }

  private void answerAll(long now) {
    size.answered(nextSeq - 1, now);
  }

  /** {@code records} records with the next seqs. */
  private Chunk batch(int records) {
    long[] seqs = new long[records];
    int[] ends = new int[records];
    for (int i = 0; i < records; i++) {
      seqs[i] = nextSeq++;
      ends[i] = i + 1;
    }
    return Chunk.of(new byte[records], seqs, ends);
  }
}
