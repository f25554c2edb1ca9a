package dev.recpipe.fanout.deal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.recpipe.common.RecordWriter;
import dev.recpipe.common.testing.Hex;
import dev.recpipe.fanout.records.Chunk;
import dev.recpipe.fanout.testing.MemoryPipe;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The deal side's part in {@code --skip-failed}: an outlet hands over what its crashed worker had not
 * answered, deals a probe and then ends its pipe, takes no batch meanwhile, and goes on afresh after;
 * a skipped seq leaves the lane's ledger, so the merge never waits for it.
 */
class SkipHooksTest {
  @Test
  void anOutletHandsOverItsUnansweredRecordsAndKeepsNone() throws IOException {
    Dealt dealt = new Dealt(true);
    MemoryPipe pipe = new MemoryPipe(1 << 20, 1 << 20);
    Outlet outlet = new Outlet("worker 1", pipe.writer(), dealt.share(), true, BatchSize.fixed(256));
    Dealer dealer = new Dealer(List.of(outlet), Dispatch.ROUND_ROBIN, dealt);
    for (Chunk batch : batches(10, 4)) assertEquals(batch.records(), dealer.offer(batch, 0)); // seqs 0-3, 4-7, 8-9
    List<Chunk> unanswered = outlet.takeUnanswered(5);
    assertEquals(List.of("5-7", "8-9"), unanswered.stream().map(c -> c.firstSeq() + "-" + c.lastSeq()).toList());
    assertEquals(List.of(), outlet.takeUnanswered(-1));
  }

  @Test
  void aProbeIsDealtThenItsPipeEndsAndTheOutletTakesNoBatchUntilItGoesOn() throws IOException {
    Dealt dealt = new Dealt(true);
    MemoryPipe first = new MemoryPipe(1 << 20, 1 << 20);
    Outlet outlet = new Outlet("worker 1", first.writer(), dealt.share(), true, BatchSize.fixed(256));
    Dealer dealer = new Dealer(List.of(outlet), Dispatch.ROUND_ROBIN, dealt);
    List<Chunk> batches = batches(12, 4);
    assertEquals(batches.get(0).records(), dealer.offer(batches.get(0), 0));
    Chunk suspects = outlet.takeUnanswered(-1).get(0);

    MemoryPipe probe = new MemoryPipe(5, 3); // a few bytes at a time: the probe goes in over several writes
    outlet.probe(probe.writer(), suspects.slice(1, 3));
    while (outlet.isWriting()) {
      dealer.writable(outlet);
      drain(probe);
    }
    while (probe.size() > 0) drain(probe);
    assertTrue(probe.isWriterClosed(), "the probe's pipe ends after its records");
    assertEquals(Hex.encode(suspects.slice(1, 3).bytes()), Hex.encode(read));
    assertTrue(outlet.isBusy(), "no batch while the probe is on");
    assertEquals(0, dealer.offer(batches.get(1), 0));

    MemoryPipe next = new MemoryPipe(1 << 20, 1 << 20);
    assertEquals(0, dealer.redeal(outlet, next.writer(), -1)); // the narrowing is over: nothing again
    assertFalse(outlet.isBusy());
    assertEquals(batches.get(1).records(), dealer.offer(batches.get(1), 0));
    assertEquals(batches.get(1).bytes().length, next.size(), "the worker that goes on gets the next batch");
  }

  @Test
  void aSkippedSeqLeavesTheLedgerSoTheMergeDoesNotWaitForIt() {
    Dealt dealt = new Dealt(true);
    Dealt.Share share = dealt.share();
    share.dealt(0, 9);
    dealt.share().dealt(10, 19); // another worker's, later
    assertEquals(4, share.before(5)); // seqs 5 to 9 may still come
    share.passed(7); // 5 to 7 answered or skipped
    assertEquals(7, share.before(5));
    assertEquals(9, share.dealtThrough(8));
    assertEquals(-1, share.dealtThrough(7), "a skipped seq is no longer the worker's to write");
    share.passed(9);
    assertEquals(19, share.before(5)); // nothing of its own before what is dealt next
  }

  @Test
  void theLargestSeqCanBeSkipped() {
    Dealt dealt = new Dealt(true);
    Dealt.Share share = dealt.share();
    share.dealt(Long.MAX_VALUE - 1, Long.MAX_VALUE);
    share.passed(Long.MAX_VALUE - 1);
    assertEquals(Long.MAX_VALUE, share.dealtThrough(Long.MAX_VALUE));
    share.passed(Long.MAX_VALUE);
    dealt.end();
    assertEquals(Ledger.NO_BOUND, share.before(-1));
  }

  private byte[] read = new byte[0];

  private void drain(MemoryPipe pipe) throws IOException {
    ByteBuffer buffer = ByteBuffer.allocate(64);
    int n = pipe.reader().read(buffer);
    if (n <= 0) return;
    byte[] more = new byte[read.length + n];
    System.arraycopy(read, 0, more, 0, read.length);
    System.arraycopy(buffer.array(), 0, more, read.length, n);
    read = more;
  }

  private static List<Chunk> batches(int records, int batchSize) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    RecordWriter writer = new RecordWriter(out);
    for (int i = 0; i < records; i++) writer.writeIntegers(i, new long[] {i}, 1);
    writer.flush();
    BatchSource source = new BatchSource(new ByteArrayInputStream(out.toByteArray()), batchSize, true);
    List<Chunk> batches = new java.util.ArrayList<>();
    for (Chunk batch = source.next(); batch != null; batch = source.next()) batches.add(batch);
    return batches;
  }
}
