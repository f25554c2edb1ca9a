package dev.recpipe.fanout.deal;

import dev.recpipe.common.RecpipeException;
import dev.recpipe.common.cli.Tool;
import dev.recpipe.fanout.merge.Dealt;
import dev.recpipe.fanout.pipes.FifoChannel;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.util.List;

/**
 * Hands batches to outlets, round-robin or to whichever is ready ({@link Dispatch}), writing
 * without blocking; the selector loop calls {@link #writable} when a full pipe has room again.
 *
 * <p>One rule comes before the dispatch mode: a seq goes to one outlet only. A batch that starts
 * with the seq the last batch ended with (records that share a seq, cut apart by the batch size)
 * goes to the same outlet as that one. Its worker then answers all the records of that seq, in the
 * order dealt, and the merge, which orders by seq, never has to choose between two workers' records
 * of one seq: it could not tell which of them was dealt first.
 */
public final class Dealer {
  private final List<Outlet> outlets;
  private final Dispatch dispatch;
  private final Dealt dealt;
  private int next;
  /** The outlet of the last batch, and the seq that batch ended with: where that seq goes on. */
  private Outlet last;
  private long lastSeq = -1;
  private boolean ended;
  private boolean failed;

  /** {@code dealt} records which seqs went where, for the merger; may be null. */
  public Dealer(List<Outlet> outlets, Dispatch dispatch, Dealt dealt) {
    if (outlets.isEmpty()) throw new IllegalArgumentException("no outlets");
    this.outlets = outlets;
    this.dispatch = dispatch;
    this.dealt = dealt;
  }

  /**
   * Gives {@code batch} to the next worker if it can take one now; false if every candidate is
   * still busy with its last batch (call again after {@link #writable}).
   */
  public boolean offer(Batch batch) throws IOException {
    Outlet outlet = pick(batch);
    if (outlet == null) return false;
    if (outlet.isClosed()) {
      throw new RecpipeException(outlet.name + " exited before reading all its input");
    }
    outlet.assign(batch);
    if (dealt != null) dealt.dealt(outlet.index, batch.firstSeq(), batch.lastSeq());
    next = (outlet.index + 1) % outlets.size();
    last = outlet;
    lastSeq = batch.lastSeq();
    write(outlet);
    return true;
  }

  private Outlet pick(Batch batch) {
    if (last != null && batch.firstSeq() == lastSeq) return last.isBusy() ? null : last;
    if (dispatch == Dispatch.ROUND_ROBIN) {
      Outlet outlet = outlets.get(next);
      return outlet.isBusy() ? null : outlet;
    }
    for (int i = 0; i < outlets.size(); i++) {
      Outlet outlet = outlets.get((next + i) % outlets.size());
      if (!outlet.isBusy() && !outlet.isClosed()) return outlet;
    }
    return null;
  }

  /** The pipe of outlet {@code index} has room: go on with its batch. */
  public void writable(int index) throws IOException {
    Outlet outlet = outlets.get(index);
    if (outlet.isBusy()) write(outlet);
  }

  private void write(Outlet outlet) throws IOException {
    try {
      if (outlet.write() && ended) finish(outlet);
    } catch (IOException e) {
      if (Tool.isBrokenPipe(e)) {
        throw new RecpipeException(outlet.name + " exited before reading all its input");
      }
      throw new IOException(outlet.name + ": " + e.getMessage(), e);
    }
  }

  /**
   * The input is done, or {@code failed}: then each outlet's last batch is followed by an abort mark
   * (see {@link Outlet#abort()}), so whoever reads the pipe fails too, after the whole records it got.
   */
  public void end(boolean failed) throws IOException {
    this.ended = true;
    this.failed = failed;
    if (dealt != null) dealt.end();
    for (Outlet outlet : outlets) {
      if (!outlet.isBusy()) finish(outlet);
    }
  }

  private void finish(Outlet outlet) throws IOException {
    if (!failed) {
      outlet.close();
      return;
    }
    try {
      outlet.abort();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new InterruptedIOException("interrupted ending " + outlet.name);
    }
  }

  /** Whether outlet {@code index} waits for room in its pipe. */
  public boolean needsWrite(int index) {
    return outlets.get(index).isBusy();
  }

  /** True when the input is done and every batch is in its pipe. */
  public boolean isDone() {
    if (!ended) return false;
    for (Outlet outlet : outlets) {
      if (outlet.isBusy()) return false;
    }
    return true;
  }

  /** After a failure: ends every outlet with an abort mark (see {@link Outlet#abort()}). */
  public void abort() throws InterruptedException {
    for (Outlet outlet : outlets) outlet.abort();
  }

  /** The worker of outlet {@code index} has written seq {@code seq}: see {@link Outlet#answered}. */
  public void answered(int index, long seq) {
    outlets.get(index).answered(seq);
  }

  /**
   * The worker of outlet {@code index} crashed and a new one reads {@code next}: it is dealt again the
   * records of the old one from seq {@code fromSeq} on (see {@link Outlet#restart}), before anything
   * new. Returns how many records that is.
   */
  public int redeal(int index, FifoChannel next, long fromSeq) throws IOException {
    Outlet outlet = outlets.get(index);
    int records = outlet.restart(next, fromSeq);
    if (outlet.isBusy()) {
      write(outlet);
    } else if (ended) {
      finish(outlet);
    }
    return records;
  }

  /** Marks a worker that has exited: it takes no more batches. */
  public void exited(int index) throws IOException {
    outlets.get(index).close();
  }
}
