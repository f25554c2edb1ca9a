package dev.recpipe.fanout.merge;

import dev.recpipe.common.RecpipeException;
import dev.recpipe.fanout.deal.Ledger;
import dev.recpipe.fanout.records.Chunker;
import dev.recpipe.fanout.records.OutputFramer;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.ReadableByteChannel;
import java.util.ArrayList;
import java.util.List;

/**
 * Puts the workers' outputs back in input order: a k-way merge by seq over the records each worker
 * has written, where a worker whose queue is empty holds back only the records it could still
 * precede (its {@link Ledger}). With {@code unordered}, records go out as they arrive.
 *
 * <p>Every worker's output is read as soon as it is ready, whatever the merge is waiting for, so no
 * worker ever blocks on a full output pipe and there is no deadlock. How much waits here depends on
 * how far the workers run apart: in the steady state about one batch per worker. A worker that
 * writes nothing for a long stretch (it drops records, or is slow) holds back everything the others
 * write meanwhile; past the memory budget those records wait in spill files on disk, so memory stays
 * bounded whatever the workers do, and disk holds the rest.
 */
public final class Merger implements AutoCloseable {
  private final List<Inlet> inlets = new ArrayList<>();
  private final boolean unordered;
  private final OutputStream out;
  private final byte[] buffer = new byte[64 * 1024];
  private int size;
  private final MemoryBudget budget;
  private final SpillDirectory spill;
  private final boolean hold;
  private long written;

  /** An unbounded merger that keeps everything in memory: for tests. */
  public Merger(OutputStream out, boolean unordered) {
    this(out, unordered, Long.MAX_VALUE, null, false);
  }

  /**
   * Writes to {@code out}, which it flushes but does not close. Records waiting for their turn take at
   * most about {@code memoryBudget} bytes of memory; past that they wait in files in {@code spill}.
   * With {@code hold}, each input's records of its latest seq wait until {@link Inlet#release} or
   * {@link Inlet#reopen}: for workers that may crash and be restarted.
   */
  public Merger(OutputStream out, boolean unordered, long memoryBudget, SpillDirectory spill, boolean hold) {
    this.out = out;
    this.unordered = unordered;
    this.budget = new MemoryBudget(memoryBudget);
    this.spill = spill;
    this.hold = hold;
  }

  /**
   * Adds an input named {@code name} in messages, whose seqs are bounded by {@code ledger} (when
   * ordered) and must each have been dealt to it as the ledger says (ordered or not). With {@code ofWorker}, it is over only once {@link #release released} (its worker
   * exited 0): a worker that crashed leaves records it was dealt unanswered, and the others' later
   * records must not go out before them. Inputs added first come first among equal seqs.
   */
  public Inlet add(String name, ReadableByteChannel channel, Ledger ledger, boolean ofWorker) {
    return add(name, channel, ledger, ofWorker, new Chunker());
  }

  /** As above, the input framed by {@code framer} (lines, for {@code --lines}). */
  public Inlet add(String name, ReadableByteChannel channel, Ledger ledger, boolean ofWorker, OutputFramer framer) {
    // unordered too: the ledger bounds nothing then, but says which seqs the input may write at all
    Inlet inlet = new Inlet(name, channel, ledger, new SpillQueue(name, budget, spill), hold, ofWorker, framer);
    inlets.add(inlet);
    return inlet;
  }

  /** Reads what {@code inlet} has ready and writes what can go out; false at its end of file. */
  public boolean read(Inlet inlet) throws IOException {
    boolean more = inlet.read();
    drain();
    return more;
  }

  /**
   * {@code inlet} is at its end and its worker exited 0: its output is over, and, with hold, its held
   * records are whole and go out in their turn.
   *
   * @throws RecpipeException its output ended with a cut record or an abort mark all the same
   */
  public void release(Inlet inlet) throws IOException {
    inlet.release();
    drain();
  }

  /** With hold: the worker of {@code inlet} crashed and a new one writes to {@code channel} (see {@link Inlet#reopen}). */
  public void reopen(Inlet inlet, ReadableByteChannel channel) {
    inlet.reopen(channel);
  }

  /**
   * {@code --skip-failed}: the worker of {@code inlet} ended well, and a new one writes to {@code
   * channel}: what the first wrote is whole (as {@link #release}), and the input goes on (as {@link
   * #reopen}), never taken for over in between.
   */
  public void resume(Inlet inlet, ReadableByteChannel channel) throws IOException {
    inlet.release();
    inlet.reopen(channel);
    drain();
  }

  /** Writes every record whose turn has come. */
  public void drain() throws IOException {
    if (unordered) {
      for (Inlet inlet : inlets) {
        while (inlet.queue.hasRecord()) written += inlet.queue.takeRun(Ledger.NO_BOUND, this::write);
      }
      return;
    }
    while (drainRun()) {
      // each run writes the records of one input that come before anything another can still write
    }
  }

  /**
   * Writes the longest run of records from the input that holds the next record in merge order, and
   * that no other input can precede: one scan of the inputs per run, not per record. The order is by
   * seq, and among equal seqs by input, first added first, each input's records in the order written
   * (with fanout's own workers no two inputs share a seq: see {@link dev.recpipe.fanout.deal.Dealt}).
   * False if nothing could be written.
   */
  private boolean drainRun() throws IOException {
    Inlet best = null;
    for (Inlet inlet : inlets) {
      if (inlet.queue.hasRecord() && (best == null || inlet.queue.headSeq() < best.queue.headSeq())) best = inlet;
    }
    if (best == null) return false;
    long upTo = Ledger.NO_BOUND;
    boolean first = true; // whether an inlet comes before best among equal seqs
    for (Inlet inlet : inlets) {
      if (inlet == best) {
        first = false;
      } else {
        upTo = Math.min(upTo, bound(inlet, first));
      }
    }
    long run = 0;
    int taken;
    while (best.queue.hasRecord() && (taken = best.queue.takeRun(upTo, this::write)) > 0) run += taken;
    written += run;
    return run > 0;
  }

  /**
   * The largest seq another input may write before {@code inlet}'s next record, given whether
   * {@code inlet} comes {@code first} among inputs on equal seqs; {@link Ledger#NO_BOUND} if it has
   * nothing more.
   */
  private static long bound(Inlet inlet, boolean first) throws IOException {
    long below = inlet.before();
    return first || below == Ledger.NO_BOUND ? below : below + 1; // an input after it may write that seq too
  }

  private void write(byte[] data, int offset, int length) throws IOException {
    if (length > buffer.length - size) {
      flushBuffer();
      if (length > buffer.length) {
        out.write(data, offset, length);
        return;
      }
    }
    System.arraycopy(data, offset, buffer, size, length);
    size += length;
  }

  private void flushBuffer() throws IOException {
    out.write(buffer, 0, size);
    size = 0;
  }

  /** Writes out what is buffered; call when the inputs have gone quiet, and at the end. */
  public void flush() throws IOException {
    flushBuffer();
    out.flush();
  }

  /**
   * At the end of a run, once every input has ended: checks that every record read went out, so that
   * none is ever dropped in silence, whatever went wrong before.
   *
   * @throws RecpipeException a record still waits, named by input and seq
   */
  public void finish() throws IOException {
    drain();
    flush();
    for (Inlet inlet : inlets) {
      String waiting = inlet.waiting();
      if (waiting != null) {
        throw new RecpipeException("internal error: at the end of the run, " + inlet.name + "'s output still has "
            + waiting + " that never went out; failing rather than dropping it");
      }
    }
  }

  /** Records written to the output so far. */
  public long recordsWritten() {
    return written;
  }

  /** Bytes of records waiting on disk now. */
  long spilledBytes() {
    long total = 0;
    for (Inlet inlet : inlets) total += inlet.queue.spilledBytes();
    return total;
  }

  /** Removes the spill files. */
  @Override
  public void close() throws IOException {
    for (Inlet inlet : inlets) inlet.close();
  }
}
