package dev.recpipe.fanout.merge;

import dev.recpipe.common.RecpipeException;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.ReadableByteChannel;
import java.util.ArrayList;
import java.util.List;

/**
 * Puts the workers' outputs back in input order: a k-way merge by seq over the records each worker
 * has written, where a worker whose queue is empty holds back only the records it could still
 * precede (see {@link Dealt}). With {@code unordered}, records go out as they arrive.
 *
 * <p>Every worker's output is read as soon as it is ready, whatever the merge is waiting for, so no
 * worker ever blocks on a full output pipe and there is no deadlock. How much waits here depends on
 * how far the workers run apart: in the steady state about one batch per worker. A worker that
 * writes nothing for a long stretch (it drops records, or is slow) holds back everything the others
 * write meanwhile; past the memory budget those records wait in spill files on disk, so memory stays
 * bounded whatever the workers do, and disk holds the rest.
 */
public final class Merger {
  /**
   * A bound that holds nothing back: the largest seq FORMAT.md allows, 2^63-1, so even that seq is
   * within it. Bounds are inclusive, so no seq is ever needed past the largest to say "none".
   */
  static final long NO_BOUND = Long.MAX_VALUE;

  private final List<Inlet> inlets = new ArrayList<>();
  private final Dealt dealt;
  private final boolean unordered;
  private final OutputStream out;
  private final byte[] buffer = new byte[64 * 1024];
  private int size;
  private final long memoryBudget;
  private final SpillDirectory spill;
  private final boolean hold;
  private long written;

  /** An unbounded merger that keeps everything in memory: for tests. */
  public Merger(OutputStream out, Dealt dealt, boolean unordered) {
    this(out, dealt, unordered, Long.MAX_VALUE, null, false);
  }

  /**
   * Writes to {@code out}, which it flushes but does not close. {@code dealt} may be null. Records
   * waiting for their turn take at most about {@code memoryBudget} bytes of memory; past that they
   * wait in files in {@code spill}. With {@code hold}, each input's records of its latest seq wait
   * until {@link #release} or {@link #reopen}: for workers that may crash and be restarted.
   */
  public Merger(OutputStream out, Dealt dealt, boolean unordered, long memoryBudget, SpillDirectory spill,
      boolean hold) {
    this.out = out;
    this.dealt = dealt;
    this.unordered = unordered;
    this.memoryBudget = memoryBudget;
    this.spill = spill;
    this.hold = hold;
  }

  /** Adds an input that is over at its end of file; its index is the worker number used with {@link Dealt}. */
  public int add(String name, ReadableByteChannel channel) {
    inlets.add(new Inlet(inlets.size(), name, channel, hold, false));
    return inlets.size() - 1;
  }

  /**
   * Adds a worker's output, over only once {@link #release released} (its worker exited 0): a worker
   * that crashed leaves records it was dealt unanswered, and the others' later records must not go
   * out before them.
   */
  public int addWorker(String name, ReadableByteChannel channel) {
    inlets.add(new Inlet(inlets.size(), name, channel, hold, true));
    return inlets.size() - 1;
  }

  /** Reads what input {@code index} has ready and writes what can go out; false at its end of file. */
  public boolean read(int index) throws IOException {
    Inlet inlet = inlets.get(index);
    int n = inlet.read();
    if (n > 0) enqueue(inlet, n);
    drain();
    return n >= 0;
  }

  private void enqueue(Inlet inlet, int bytes) throws IOException {
    if (dealt != null) checkDealt(inlet);
    long queued = queuedBytes();
    inlet.enqueue(queued + bytes > memoryBudget, spill);
  }

  /**
   * Worker input {@code index} is at its end and its worker exited 0: its output is over, and, with
   * hold, its held records are whole and go out in their turn.
   *
   * @throws RecpipeException its output ended with a cut record or an abort mark all the same
   */
  public void release(int index) throws IOException {
    Inlet inlet = inlets.get(index);
    int n = inlet.release();
    if (n > 0) enqueue(inlet, n);
    drain();
  }

  /**
   * With hold: the worker of input {@code index} crashed and a new one writes to {@code channel}.
   * Returns the seq from which the new worker must be dealt the old one's records again: the held
   * records, which are dropped, had it; every record before it is answered ({@link #lastSeq}).
   */
  public void reopen(int index, ReadableByteChannel channel) {
    inlets.get(index).reopen(channel);
  }

  /**
   * The latest seq input {@code index} has shown: the records dealt to it with smaller seqs are
   * answered, as a worker writes in seq order.
   */
  public long lastSeq(int index) {
    return inlets.get(index).lastSeq();
  }

  private void checkDealt(Inlet inlet) throws RecpipeException {
    Chunk chunk = inlet.newest();
    for (int i = 0; i < chunk.count; i++) {
      long seq = chunk.seqs[i];
      if (!dealt.wasDealt(inlet.index, seq)) {
        throw new RecpipeException(inlet.name + " wrote a record with seq " + seq + ", which it was not dealt");
      }
    }
  }

  /** Writes every record whose turn has come. */
  public void drain() throws IOException {
    if (unordered) {
      for (Inlet inlet : inlets) {
        while (inlet.hasRecord()) writeHead(inlet);
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
   * seq, and among equal seqs by input, lowest first, each input's records in the order written (with
   * fanout's own workers no two inputs share a seq: see {@link Dealt}). False if nothing could be
   * written.
   */
  private boolean drainRun() throws IOException {
    Inlet best = null;
    for (Inlet inlet : inlets) {
      if (inlet.hasRecord() && (best == null || inlet.head().headSeq() < best.head().headSeq())) best = inlet;
    }
    if (best == null) return false;
    long upTo = NO_BOUND;
    for (Inlet inlet : inlets) {
      if (inlet != best) upTo = Math.min(upTo, bound(inlet, inlet.index < best.index));
    }
    int run = 0;
    while (best.hasRecord()) {
      Chunk chunk = best.head();
      int from = chunk.headStart();
      int taken = best.takeRun(upTo);
      if (taken == 0) break;
      write(chunk.data, from, chunk.headStart() - from);
      written += taken;
      run += taken;
      if (!chunk.isEmpty()) break;
      best.dropEmptyHead();
    }
    return run > 0;
  }

  /**
   * The largest seq another input may write before {@code inlet}'s next record, given whether
   * {@code inlet} comes {@code first} among inputs on equal seqs; {@link #NO_BOUND} if it has nothing
   * more.
   */
  private long bound(Inlet inlet, boolean first) {
    long below; // the largest seq that comes before anything inlet may still write
    if (inlet.hasRecord()) {
      below = inlet.head().headSeq() - 1;
    } else if (!inlet.isEof()) {
      below = dealt == null ? inlet.lastSeq() - 1 : dealt.before(inlet.index, inlet.lastSeq());
    } else {
      return NO_BOUND;
    }
    return first || below == NO_BOUND ? below : below + 1; // an input after it may write that seq too
  }

  private void writeHead(Inlet inlet) throws IOException {
    Chunk chunk = inlet.head();
    write(chunk.data, chunk.headStart(), chunk.headEnd() - chunk.headStart());
    inlet.pop();
    written++;
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

  public long recordsWritten() {
    return written;
  }

  /** Whole records read from input {@code index} so far (a worker's answered records). */
  public long recordsRead(int index) {
    return inlets.get(index).recordsIn();
  }

  /** Bytes read from input {@code index} so far. */
  public long bytesRead(int index) {
    return inlets.get(index).bytesIn();
  }


  private long queuedBytes() {
    long total = 0;
    for (Inlet inlet : inlets) total += inlet.queuedBytes();
    return total;
  }

  /** Bytes of records waiting on disk now. */
  public long spilledBytes() {
    long total = 0;
    for (Inlet inlet : inlets) total += inlet.spilledBytes();
    return total;
  }

  /** Removes the spill files. */
  public void close() throws IOException {
    for (Inlet inlet : inlets) inlet.close();
  }
}
