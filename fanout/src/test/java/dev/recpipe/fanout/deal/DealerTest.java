package dev.recpipe.fanout.deal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.recpipe.common.RecpipeException;
import dev.recpipe.common.testing.Hex;
import dev.recpipe.fanout.records.BatchEncoder;
import dev.recpipe.fanout.records.Chunk;
import dev.recpipe.fanout.records.UndealableRecordException;
import dev.recpipe.fanout.testing.MemoryPipe;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/**
 * What the dealer hands each outlet when it cuts stdin's batches to each outlet's own size: the
 * shares of a short input (a file list), the seq rule across the cuts, and where it stops when an
 * outlet is busy.
 */
class DealerTest {
  @Test
  void aListOf900FilesGoesToEveryOneOf8WorkersByDefault() throws IOException {
    for (Dispatch dispatch : Dispatch.values()) {
      long[] shares = shares(distinct(900), 8, dispatch, AdaptiveBatchSize::new, AdaptiveBatchSize.MAX);
      long min = Arrays.stream(shares).min().orElseThrow();
      long max = Arrays.stream(shares).max().orElseThrow();
      assertTrue(min >= 100 && max <= 115, dispatch + ": " + Arrays.toString(shares));
    }
  }

  @Test
  void fixedBatchesOf256LeaveHalfOf8WorkersIdleOnIt() throws IOException {
    long[] shares = shares(distinct(900), 8, Dispatch.ROUND_ROBIN, () -> BatchSize.fixed(256), 256);
    assertEquals("[256, 256, 256, 132, 0, 0, 0, 0]", Arrays.toString(shares));
  }

  @Test
  void aLongInputGrowsEveryWorkersBatchesToTheLargest() throws IOException {
    List<Outlet> outlets = outlets(2, AdaptiveBatchSize::new, 1 << 30);
    deal(distinct(100_000), outlets, Dispatch.ROUND_ROBIN, AdaptiveBatchSize.MAX);
    for (Outlet outlet : outlets) assertEquals(AdaptiveBatchSize.MAX, outlet.size().records());
  }

  @Test
  void recordsOfOneSeqCutApartByTheSizeAllGoToOneWorker() throws IOException {
    long[] seqs = new long[60];
    for (int i = 0; i < seqs.length; i++) seqs[i] = i < 40 ? i / 20 : i; // seqs 0 and 1 twenty times each
    for (Dispatch dispatch : Dispatch.values()) {
      List<Outlet> outlets = outlets(3, AdaptiveBatchSize::new, 1 << 20);
      Dealt dealt = new Dealt(true);
      Dealer dealer = new Dealer(outlets, dispatch, dealt);
      assertEquals(60, dealer.offer(chunk(seqs, 0, 60), 0));
      long[] shares = outlets.stream().mapToLong(Outlet::records).toArray();
      assertTrue(shares[0] >= 20 && shares[1] >= 20, dispatch + ": seq 0 to worker 1, seq 1 to worker 2: "
          + Arrays.toString(shares));
    }
  }

  @Test
  void offerStopsAtTheFirstRecordNoOutletCanTakeNow() throws IOException {
    List<Outlet> outlets = outlets(2, () -> BatchSize.fixed(3), 2); // each pipe takes 2 bytes of a 3-byte batch
    Dealer dealer = new Dealer(outlets, Dispatch.ROUND_ROBIN, new Dealt(false));
    Chunk batch = chunk(distinct(20), 0, 20);
    assertEquals(6, dealer.offer(batch, 0), "3 to each; both still writing theirs");
    assertEquals(6, dealer.offer(batch, 6));
    assertEquals(3, outlets.get(0).records());
    assertEquals(3, outlets.get(1).records());
  }

  /**
   * Ready dispatch passes over the outlets of workers that have exited; once every worker has, what is
   * left to deal has nowhere to go: that is a failure. It was "no outlet can take it now", and fanout
   * waited for ever: `(sleep 1; cat recs) | fanout -n 2 --dispatch ready true` hung.
   */
  @Test
  void readyDispatchFailsOnceEveryWorkerHasExitedWithRecordsLeft() throws IOException {
    List<Outlet> outlets = outlets(2, () -> BatchSize.fixed(1), 1 << 20);
    Dealer dealer = new Dealer(outlets, Dispatch.READY, new Dealt(false));
    long[] seqs = distinct(8);
    dealer.exited(outlets.get(0));
    assertEquals(3, dealer.offer(chunk(seqs, 0, 3), 0), "worker 2 takes them");
    assertEquals(3, outlets.get(1).records());
    dealer.exited(outlets.get(1));
    RecpipeException e = assertThrows(RecpipeException.class, () -> dealer.offer(chunk(seqs, 3, 8), 0));
    assertEquals("every worker exited before the end of its input, with records from seq 3 on left to deal: a worker"
        + " must read all of its input", e.getMessage());
  }

  /**
   * A failure ends every pipe with the abort mark after its whole records, also one whose batch is
   * only part way in, as long as that part ends at a record's end: the rest of the batch is dropped
   * and the mark follows. Such a pipe was closed without it, a clean end between two records, and
   * its reader took what it had for all ({@code fanout deal}'s pipes when another one failed, or on
   * SIGTERM). A part that ends inside a record is a cut record already: the pipe is only closed.
   */
  @Test
  void aFailureEndsAPipeWithTheMarkAfterTheWholeRecordsOfABatchPartWayIn() throws Exception {
    MemoryPipe pipe = new MemoryPipe(2, 2);
    Outlet outlet = new Outlet("a", pipe.writer(), new Dealt(false).share(), false, BatchSize.fixed(3));
    Dealer dealer = new Dealer(List.of(outlet), Dispatch.ROUND_ROBIN, new Dealt(false));
    assertEquals(3, dealer.offer(chunk(distinct(3), 0, 3), 0), "the pipe takes 2 of its 3 one-byte records");
    assertEquals("00 00", Hex.encode(read(pipe)));
    dealer.abort();
    assertEquals("ff", Hex.encode(read(pipe)));
    assertTrue(pipe.isWriterClosed());

    MemoryPipe cut = new MemoryPipe(3, 3);
    Outlet inside = new Outlet("b", cut.writer(), new Dealt(false).share(), false, BatchSize.fixed(2));
    Dealer cutting = new Dealer(List.of(inside), Dispatch.ROUND_ROBIN, new Dealt(false));
    cutting.offer(Chunk.of(new byte[4], new long[] {0, 1}, new int[] {2, 4}), 0); // two records of 2 bytes: 3 bytes in
    assertEquals("00 00 00", Hex.encode(read(cut)));
    cutting.abort();
    assertEquals("", Hex.encode(read(cut)), "no mark inside a record");
    assertTrue(cut.isWriterClosed());
  }

  /**
   * An encoder that refuses a record ({@code --lines}: text with a line feed) makes the dealer deal
   * the records before it in the same share, and throw for it: what was dealt before is answered and
   * goes out, as before a bad record of the input. Its share went nowhere, and fanout failed at once.
   */
  @Test
  void theRecordsOfAShareBeforeOneTheEncoderRefusesAreDealt() throws IOException {
    for (int refused = 0; refused < 12; refused++) {
      List<MemoryPipe> pipes = List.of(new MemoryPipe(64, 64), new MemoryPipe(64, 64));
      Dealt dealt = new Dealt(false);
      List<Outlet> outlets = new ArrayList<>();
      for (MemoryPipe pipe : pipes) {
        outlets.add(new Outlet("worker " + (outlets.size() + 1), pipe.writer(), dealt.share(), false, BatchSize.fixed(5),
            refusing(refused)));
      }
      Dealer dealer = new Dealer(outlets, Dispatch.ROUND_ROBIN, dealt);
      byte[] bytes = new byte[12];
      for (int i = 0; i < bytes.length; i++) bytes[i] = (byte) i; // each record a byte, its seq
      Chunk batch = Chunk.of(bytes, distinct(12), new int[] {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12});
      UndealableRecordException e = assertThrows(UndealableRecordException.class, () -> dealer.offer(batch, 0));
      assertEquals(refused % 5, e.index(), "its place in the share");
      StringBuilder first = new StringBuilder(); // shares of 5: 0-4 to worker 1, 5-9 to worker 2, 10-11 to 1
      StringBuilder second = new StringBuilder();
      for (int seq = 0; seq < refused; seq++) (seq < 5 || seq >= 10 ? first : second).append(String.format("%02x ", seq));
      assertEquals(first.toString().strip(), Hex.encode(read(pipes.get(0))), "refused seq " + refused);
      assertEquals(second.toString().strip(), Hex.encode(read(pipes.get(1))), "refused seq " + refused);
      assertEquals(refused, outlets.get(0).records() + outlets.get(1).records());
    }
  }

  /** Records as they are, up to the one with seq {@code seq}, which it refuses. */
  private static BatchEncoder refusing(long seq) {
    return new BatchEncoder() {
      @Override
      public ByteBuffer deal(Chunk batch) throws UndealableRecordException {
        for (int i = 0; i < batch.records(); i++) {
          if (batch.seq(i) == seq) throw new UndealableRecordException(batch, i, "refused");
        }
        return ByteBuffer.wrap(batch.bytes());
      }

      @Override
      public ByteBuffer dealAgain(Chunk batch, int from) {
        throw new AssertionError("nothing is dealt again");
      }
    };
  }

  /** What waits in {@code pipe}, read out. */
  private static byte[] read(MemoryPipe pipe) throws IOException {
    java.nio.ByteBuffer bytes = java.nio.ByteBuffer.allocate(pipe.size());
    while (bytes.hasRemaining() && pipe.reader().read(bytes) > 0) {
      // the pipe gives at most its chunk a call
    }
    return Arrays.copyOf(bytes.array(), bytes.position());
  }

  /** The records each of {@code workers} outlets is dealt of {@code seqs}, stdin cut at {@code cut} records. */
  private static long[] shares(long[] seqs, int workers, Dispatch dispatch, Supplier<BatchSize> size, int cut)
      throws IOException {
    List<Outlet> outlets = outlets(workers, size, 1 << 20);
    deal(seqs, outlets, dispatch, cut);
    return outlets.stream().mapToLong(Outlet::records).toArray();
  }

  /** Deals {@code seqs} as the switchboard does, cut at {@code cut} records as stdin's batches are; every pipe has room. */
  private static void deal(long[] seqs, List<Outlet> outlets, Dispatch dispatch, int cut) throws IOException {
    Dealer dealer = new Dealer(outlets, dispatch, new Dealt(false));
    for (int from = 0; from < seqs.length; from += cut) {
      Chunk batch = chunk(seqs, from, Math.min(seqs.length, from + cut));
      assertEquals(batch.records(), dealer.offer(batch, 0));
    }
    dealer.end(false);
  }

  private static List<Outlet> outlets(int count, Supplier<BatchSize> size, int pipeBytes) {
    Dealt dealt = new Dealt(false);
    List<Outlet> outlets = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      outlets.add(new Outlet("worker " + (i + 1), new MemoryPipe(pipeBytes, pipeBytes).writer(), dealt.share(), false,
          size.get()));
    }
    return outlets;
  }

  private static long[] distinct(int count) {
    long[] seqs = new long[count];
    for (int i = 0; i < count; i++) seqs[i] = i;
    return seqs;
  }

  /** Records {@code from} to {@code to} of {@code seqs}, a byte each (the dealer does not read them). */
  private static Chunk chunk(long[] seqs, int from, int to) {
    int[] ends = new int[to - from];
    for (int i = 0; i < ends.length; i++) ends[i] = i + 1;
    return Chunk.of(new byte[ends.length], Arrays.copyOfRange(seqs, from, to), ends);
  }
}
