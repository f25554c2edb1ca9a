package dev.recpipe.fanout;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.recpipe.common.RecordWriter;
import dev.recpipe.common.RecpipeException;
import dev.recpipe.common.testing.Hex;
import dev.recpipe.common.testing.ThrottledInputStream;
import dev.recpipe.fanout.deal.AdaptiveBatchSize;
import dev.recpipe.fanout.deal.BatchSize;
import dev.recpipe.fanout.deal.BatchSource;
import dev.recpipe.fanout.deal.Dealer;
import dev.recpipe.fanout.deal.Dealt;
import dev.recpipe.fanout.deal.Dispatch;
import dev.recpipe.fanout.deal.Outlet;
import dev.recpipe.fanout.merge.Inlet;
import dev.recpipe.fanout.merge.Merger;
import dev.recpipe.fanout.records.Chunk;
import dev.recpipe.fanout.testing.MemoryPipe;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The deal and merge halves run as the switchboard runs them, with the workers and pipes scripted in
 * memory: stdin cut into batches, dealt into pipes that take a few bytes at a time, "workers" that
 * copy (or drop) what they read, inlets reading their output a few bytes at a time, and the merge
 * putting it back in order. A seeded random picks which part moves next, so every interleaving the
 * selector could give is tried; each case runs one byte at a time, in small partial writes, and in
 * larger ones.
 */
class InMemoryRunTest {
  private static final int[] CHUNKS = {1, 7, 100, 5000};
  /** The batch size that stands for the default, each outlet's own {@link AdaptiveBatchSize}. */
  private static final int ADAPTIVE = 0;

  @Test
  void catWorkersGiveTheInputBackInOrderHoweverTheBytesMove() throws IOException {
    byte[] input = records(seq -> seq, 500);
    for (int chunk : CHUNKS) {
      for (Dispatch dispatch : Dispatch.values()) {
        for (long seed = 0; seed < 3; seed++) {
          for (int batch : new int[] {3, ADAPTIVE}) {
            assertEquals(Hex.encode(input), Hex.encode(run(input, batch, 4, chunk, seed, dispatch, -1)),
                "batch " + batch + ", chunk " + chunk + ", " + dispatch + ", seed " + seed);
          }
        }
      }
    }
  }

  @Test
  void emptyInputGivesEmptyOutput() throws IOException {
    for (int chunk : CHUNKS) {
      assertEquals("", Hex.encode(run(new byte[0], 3, 4, chunk, 0, Dispatch.ROUND_ROBIN, -1)));
      assertEquals("", Hex.encode(run(new byte[0], ADAPTIVE, 4, chunk, 0, Dispatch.ROUND_ROBIN, -1)));
    }
  }

  @Test
  void recordsThatShareASeqStayInTheirOrderAcrossBatches() throws IOException {
    byte[] input = records(seq -> seq / 10, 400); // ten records a seq, cut apart by batches of 3, or 1 to 16
    for (int chunk : CHUNKS) {
      for (Dispatch dispatch : Dispatch.values()) {
        assertEquals(Hex.encode(input), Hex.encode(run(input, 3, 3, chunk, chunk, dispatch, -1)));
        assertEquals(Hex.encode(input), Hex.encode(run(input, ADAPTIVE, 3, chunk, chunk, dispatch, -1)));
      }
    }
  }

  @Test
  void theLargestSeqGoesOutLast() throws IOException {
    byte[] input = records(seq -> seq < 40 ? seq : Long.MAX_VALUE, 45);
    for (int chunk : CHUNKS) {
      assertEquals(Hex.encode(input), Hex.encode(run(input, 4, 3, chunk, 1, Dispatch.ROUND_ROBIN, -1)));
    }
  }

  @Test
  void aWorkerThatAnswersNothingHoldsBackNothingOnceItsInputIsRead() throws IOException {
    int batch = 5;
    int workers = 3;
    byte[] input = records(seq -> seq, 100);
    // round robin: worker 2 (index 1) is dealt batches 1, 4, 7, ... and drops every record
    byte[] expected = records(seq -> seq, 100, seq -> (seq / batch) % workers != 1);
    for (int chunk : CHUNKS) {
      assertEquals(Hex.encode(expected), Hex.encode(run(input, batch, workers, chunk, 2, Dispatch.ROUND_ROBIN, 1)));
    }
  }

  /**
   * Runs {@code input} through {@code workers} scripted copies of cat, the one at {@code dropper}
   * (if not -1) dropping what it reads, in batches of {@code batchSize} records or of each outlet's
   * own size ({@link #ADAPTIVE}, told the answers at made-up times); returns the merged output.
   */
  private static byte[] run(byte[] input, int batchSize, int workers, int chunk, long seed, Dispatch dispatch,
      int dropper) throws IOException {
    Random random = new Random(seed);
    InputStream stdin = chunk == 1
        ? ThrottledInputStream.oneByteAtATime(new ByteArrayInputStream(input))
        : ThrottledInputStream.randomChunks(new ByteArrayInputStream(input), chunk, seed);
    // as fanout's: -b's batches whole, the default's cut also where stdin has no more yet
    BatchSource source = batchSize == ADAPTIVE
        ? new BatchSource(stdin, AdaptiveBatchSize.MAX, false)
        : new BatchSource(stdin, batchSize, true);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    Merger merger = new Merger(out, false);
    Dealt dealt = new Dealt(true);
    List<Outlet> outlets = new ArrayList<>();
    List<ScriptedWorker> scripted = new ArrayList<>();
    for (int i = 0; i < workers; i++) {
      MemoryPipe in = new MemoryPipe(4 * chunk + 3, chunk);
      MemoryPipe output = new MemoryPipe(4 * chunk + 3, chunk);
      Dealt.Share share = dealt.share();
      BatchSize size = batchSize == ADAPTIVE ? new AdaptiveBatchSize() : BatchSize.fixed(batchSize);
      Outlet outlet = new Outlet("worker " + (i + 1), in.writer(), share, false, size);
      outlets.add(outlet);
      Inlet inlet = merger.add("worker " + (i + 1), output.reader(), share, true);
      scripted.add(new ScriptedWorker(outlet, in, output, inlet, i == dropper));
    }
    Dealer dealer = new Dealer(outlets, dispatch, dealt);
    Chunk waiting = null;
    int dealtUpTo = 0;
    boolean ended = false;
    for (int step = 0; !(ended && dealer.isDone() && scripted.stream().allMatch(w -> w.done)); step++) {
      assertTrue(step < 10_000_000, "the run goes on for ever");
      while (!ended) { // what the switchboard does with each batch from stdin
        if (waiting == null) {
          waiting = source.next();
          dealtUpTo = 0;
        }
        if (waiting == null) {
          dealer.end(false);
          ended = true;
          break;
        }
        dealtUpTo = dealer.offer(waiting, dealtUpTo);
        if (dealtUpTo < waiting.records()) break;
        waiting = null;
      }
      ScriptedWorker worker = scripted.get(random.nextInt(workers));
      switch (random.nextInt(3)) {
        case 0 -> dealer.writable(worker.outlet);
        case 1 -> worker.work();
        default -> worker.merge(merger, step * 1000L);
      }
    }
    merger.finish();
    return out.toByteArray();
  }

  /** A worker as the pipes see it: it moves bytes from its input pipe to its output pipe (or drops them). */
  private static final class ScriptedWorker {
    final Outlet outlet;
    final MemoryPipe in;
    final MemoryPipe out;
    final Inlet inlet;
    final boolean drops;
    boolean done;

    ScriptedWorker(Outlet outlet, MemoryPipe in, MemoryPipe out, Inlet inlet, boolean drops) {
      this.outlet = outlet;
      this.in = in;
      this.out = out;
      this.inlet = inlet;
      this.drops = drops;
    }

    void work() throws IOException {
      int room = drops ? 64 : Math.min(64, out.room());
      if (room == 0) return; // its output pipe is full: it waits for the merger to read
      ByteBuffer buffer = ByteBuffer.allocate(room);
      int n = in.reader().read(buffer);
      if (n < 0) {
        out.writer().close(); // input read to its end: the worker exits
        return;
      }
      buffer.flip();
      while (!drops && buffer.hasRemaining()) out.writer().write(buffer); // all fits: see room
    }

    /**
     * What the switchboard does when the output pipe is readable (its {@code BatchSizing} tells the
     * outlet's size of the answer, read at {@code now}), and when the worker has exited 0.
     */
    void merge(Merger merger, long now) throws IOException {
      if (done) return;
      if (merger.read(inlet)) {
        outlet.size().answered(inlet.lastSeq(), now);
        return;
      }
      merger.release(inlet);
      done = true;
    }
  }

  @Test
  void aWorkerThatWritesASeqItWasNotDealtFailsTheRun() throws IOException {
    Dealt dealt = new Dealt(true);
    Dealt.Share share = dealt.share();
    share.dealt(0, 9);
    MemoryPipe output = new MemoryPipe(100, 100);
    Merger merger = new Merger(new ByteArrayOutputStream(), false);
    Inlet inlet = merger.add("worker 1 (x)", output.reader(), share, true);
    output.writer().write(ByteBuffer.wrap(Hex.decode("82 0a 00")));
    RecpipeException e = assertThrows(RecpipeException.class, () -> merger.read(inlet));
    assertEquals("worker 1 (x) wrote a record with seq 10, which it was not dealt", e.getMessage());
  }

  interface Seqs {
    long of(int index);
  }

  interface Keep {
    boolean test(long seq);
  }

  static byte[] records(Seqs seqs, int count) throws IOException {
    return records(seqs, count, seq -> true);
  }

  static byte[] records(Seqs seqs, int count, Keep keep) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    RecordWriter writer = new RecordWriter(out);
    for (int i = 0; i < count; i++) {
      if (keep.test(i)) writer.writeIntegers(seqs.of(i), new long[] {i, -i, 1L << (i % 60)}, 3);
    }
    writer.flush();
    return out.toByteArray();
  }
}
