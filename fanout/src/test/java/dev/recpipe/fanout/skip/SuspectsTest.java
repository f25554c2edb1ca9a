package dev.recpipe.fanout.skip;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.recpipe.common.RecordWriter;
import dev.recpipe.common.testing.Hex;
import dev.recpipe.fanout.deal.BatchSource;
import dev.recpipe.fanout.records.Chunk;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.LongPredicate;
import org.junit.jupiter.api.Test;

/**
 * The narrowing of {@code --skip-failed}, against a scripted worker that crashes on the records it
 * is told to, having flushed its output at a random point before (so what it wrote says little of
 * where it crashed): every bad seq is found and skipped, after exactly K + 1 crashes alone, every
 * other record is answered once, in order, and the number of workers it takes stays small.
 */
class SuspectsTest {
  @Test
  void oneBadRecordAmongABatchIsFoundAndEveryOtherIsAnsweredOnceInOrder() throws IOException {
    for (int bad = 0; bad < 256; bad += 17) {
      long poison = bad;
      Narrowed run = narrow(records(256), 256, 0, seq -> seq == poison, bad);
      assertEquals(List.of(poison), run.skipped, "bad record " + bad);
      assertEquals(expectedAnswers(256, seq -> seq == poison), run.answered);
      assertTrue(run.workers <= 2 * 8 + 2, run.workers + " workers for one bad record among 256");
    }
  }

  @Test
  void theFirstAndTheLastRecordAndTwoNeighbours() throws IOException {
    for (Set<Long> bad : List.of(Set.of(0L), Set.of(255L), Set.of(100L, 101L), Set.of(0L, 1L), Set.of(254L, 255L))) {
      Narrowed run = narrow(records(256), 64, 0, bad::contains, 1);
      assertEquals(new ArrayList<>(new TreeSet<>(bad)), run.skipped, bad.toString());
      assertEquals(expectedAnswers(256, bad::contains), run.answered, bad.toString());
    }
  }

  @Test
  void everyRecordBadTakesAboutOneWorkerEach() throws IOException {
    Narrowed run = narrow(records(100), 256, 0, seq -> true, 3);
    assertEquals(expectedAnswers(100, seq -> false), run.skipped);
    assertEquals(List.of(), run.answered);
    assertTrue(run.workers <= 100 + 7, run.workers + " workers for 100 bad records");
  }

  @Test
  void aRecordFailsAfterKPlusOneCrashesAloneNotBefore() throws IOException {
    for (int retries = 0; retries <= 3; retries++) {
      Narrowed run = narrow(records(300), 256, retries, seq -> seq == 7 || seq == 200, 5);
      assertEquals(List.of(7L, 200L), run.skipped);
      assertEquals(Map.of(7L, retries + 1, 200L, retries + 1), run.crashesAlone, "retries " + retries);
      assertEquals(expectedAnswers(300, seq -> seq == 7 || seq == 200), run.answered);
    }
  }

  @Test
  void aSingleRecordIsDealtAloneFromTheStart() throws IOException {
    Suspects suspects = new Suspects(chunks(records(1), 10), 1);
    Chunk probe = suspects.nextProbe();
    assertEquals(1, probe.records());
    assertNull(suspects.crashed(-1)); // its first crash alone: one retry left
    assertEquals(Hex.encode(probe.bytes()), Hex.encode(suspects.nextProbe().bytes()));
    assertEquals(Hex.encode(probe.bytes()), Hex.encode(suspects.crashed(-1).bytes()));
    assertTrue(suspects.isDone());
  }

  @Test
  void aFlakyRecordThatPassesOnceIsNotSkipped() throws IOException {
    Suspects suspects = new Suspects(chunks(records(1), 10), 1);
    suspects.nextProbe();
    assertNull(suspects.crashed(-1));
    suspects.nextProbe();
    suspects.passed();
    assertTrue(suspects.isDone());
  }

  @Test
  void recordsThatShareASeqAreDealtAndSkippedTogether() throws IOException {
    byte[] input = records(new long[] {0, 1, 2, 2, 2, 3, 4});
    Narrowed run = narrow(input, 256, 0, seq -> seq == 2, 2);
    assertEquals(List.of(2L, 2L, 2L), run.skipped);
    assertEquals(List.of(0L, 1L, 3L, 4L), run.answered);
  }

  @Test
  void whatTheCrashedWorkerAnsweredIsNotDealtAgain() throws IOException {
    Suspects suspects = new Suspects(chunks(records(8), 8), 0);
    assertEquals(4, suspects.nextProbe().records()); // half of the 8
    assertNull(suspects.crashed(2)); // answered seqs 0 and 1; seq 2 held, dealt again
    Chunk next = suspects.nextProbe();
    assertEquals(2, next.firstSeq());
    assertEquals(1, next.records()); // half of the 2 it had not answered, rounded up
    assertEquals(6, suspects.remaining());
  }

  @Test
  void usedOutOfTurnItSaysSo() throws IOException {
    Suspects suspects = new Suspects(chunks(records(2), 2), 0);
    assertThrows(IllegalStateException.class, suspects::passed);
    assertThrows(IllegalArgumentException.class, () -> new Suspects(List.of(), 0));
  }

  /** What a narrowing did: the seqs of the records skipped and answered, in order, and the workers it took. */
  private record Narrowed(List<Long> skipped, List<Long> answered, int workers, Map<Long, Integer> crashesAlone) {}

  /**
   * Narrows {@code input}, dealt in batches of {@code batch}, against a worker that crashes on the
   * records {@code bad} says, having flushed what it wrote at a random record before.
   */
  private static Narrowed narrow(byte[] input, int batch, int retries, LongPredicate bad, long seed) throws IOException {
    Random random = new Random(seed);
    Suspects suspects = new Suspects(chunks(input, batch), retries);
    List<Long> skipped = new ArrayList<>();
    List<Long> answered = new ArrayList<>();
    Map<Long, Integer> crashesAlone = new HashMap<>();
    int workers = 0;
    while (!suspects.isDone()) {
      assertTrue(++workers < 100_000, "narrowing goes on for ever");
      Chunk probe = suspects.nextProbe();
      int crashAt = firstBad(probe, bad);
      if (crashAt < 0) {
        for (int i = 0; i < probe.records(); i++) answered.add(probe.seq(i));
        suspects.passed();
        continue;
      }
      int flushed = random.nextInt(crashAt + 1); // records it wrote before the crash: 0 to all of those before
      long lastSeq = flushed == 0 ? -1 : probe.seq(flushed - 1);
      for (int i = 0; i < flushed && probe.seq(i) < lastSeq; i++) answered.add(probe.seq(i)); // lastSeq's are held
      if (probe.firstSeq() == probe.lastSeq()) crashesAlone.merge(probe.firstSeq(), 1, Integer::sum);
      Chunk failed = suspects.crashed(lastSeq);
      if (failed != null) {
        for (int i = 0; i < failed.records(); i++) skipped.add(failed.seq(i));
      }
    }
    return new Narrowed(skipped, answered, workers, crashesAlone);
  }

  private static int firstBad(Chunk probe, LongPredicate bad) {
    for (int i = 0; i < probe.records(); i++) {
      if (bad.test(probe.seq(i))) return i;
    }
    return -1;
  }

  private static List<Long> expectedAnswers(int count, LongPredicate bad) {
    List<Long> seqs = new ArrayList<>();
    for (long seq = 0; seq < count; seq++) {
      if (!bad.test(seq)) seqs.add(seq);
    }
    return seqs;
  }

  private static List<Chunk> chunks(byte[] input, int batch) throws IOException {
    BatchSource source = new BatchSource(new ByteArrayInputStream(input), batch, true);
    List<Chunk> chunks = new ArrayList<>();
    for (Chunk chunk = source.next(); chunk != null; chunk = source.next()) chunks.add(chunk);
    return chunks;
  }

  private static byte[] records(int count) throws IOException {
    long[] seqs = new long[count];
    for (int i = 0; i < count; i++) seqs[i] = i;
    return records(seqs);
  }

  private static byte[] records(long[] seqs) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    RecordWriter writer = new RecordWriter(out);
    for (int i = 0; i < seqs.length; i++) writer.writeIntegers(seqs[i], new long[] {i, 1L << (i % 60)}, 2);
    writer.flush();
    return out.toByteArray();
  }
}
