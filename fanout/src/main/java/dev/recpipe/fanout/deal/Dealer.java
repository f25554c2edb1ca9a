package dev.recpipe.fanout.deal;

import dev.recpipe.common.Location;
import dev.recpipe.common.RecpipeException;
import dev.recpipe.common.cli.Tool;
import dev.recpipe.fanout.records.Chunk;
import dev.recpipe.fanout.records.UndealableRecordException;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.nio.channels.WritableByteChannel;
import java.util.List;

/**
 * Hands batches to outlets, round-robin or to whichever is ready ({@link Dispatch}), writing
 * without blocking; the selector loop calls {@link #writable} when a full pipe has room again. What
 * stdin gives is cut to each outlet's own batch size ({@link BatchSize}) as it is dealt, since the
 * outlet that takes a batch is only known then.
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
  /** The outlet of the last batch (its place in the list), and the seq that batch ended with: where that seq goes on. */
  private int last = -1;
  private long lastSeq = -1;
  private boolean ended;
  private boolean failed;
  /** Whether every pipe ends at once, when the last batch of each is in (see {@link #endEveryPipeTogether}). */
  private boolean together;

  /** {@code dealt} is the ledger the outlets' shares are in: the dealer ends it with the input. */
  public Dealer(List<Outlet> outlets, Dispatch dispatch, Dealt dealt) {
    if (outlets.isEmpty()) throw new IllegalArgumentException("no outlets");
    this.outlets = outlets;
    this.dispatch = dispatch;
    this.dealt = dealt;
  }

  /**
   * {@code fanout deal}: ends no pipe before the last batch of every pipe is in. Nobody there knows
   * which records a pipe's reader got; if one of them exits before reading its last batch, the write
   * fails, and the other pipes must still be open to end with the abort mark: a clean end would let
   * their readers, and the merge after them, end well without the lost records. Returns this dealer.
   */
  public Dealer endEveryPipeTogether() {
    together = true;
    return this;
  }

  /**
   * Deals the records of {@code batch} from record {@code from} on, as far as the outlets take them
   * now: each outlet it picks gets as many as its {@link BatchSize} says, cut from {@code batch}, and
   * writes them without blocking. Returns the first record not dealt: {@code batch.records()} once all
   * went; else every candidate is still busy with its last batch (call again after {@link #writable}).
   *
   * @throws UndealableRecordException a record can't be put in the form its worker reads: the records
   *     before it are dealt, it and those after it are not
   */
  public int offer(Chunk batch, int from) throws IOException {
    while (from < batch.records()) {
      int picked = pick(batch.seq(from));
      if (picked < 0) break;
      from = deal(batch, from, picked);
    }
    return from;
  }

  /** Deals outlet {@code picked} its next batch, from record {@code from} of {@code batch} on; returns where that batch ends. */
  private int deal(Chunk batch, int from, int picked) throws IOException {
    Outlet outlet = outlets.get(picked);
    if (outlet.isClosed()) {
      throw new RecpipeException(outlet.name + " exited before reading all its input");
    }
    int to = (int) Math.min(batch.records(), (long) from + outlet.size().records());
    Chunk share = from == 0 && to == batch.records() ? batch : batch.slice(from, to);
    try {
      outlet.assign(share);
    } catch (UndealableRecordException refused) {
      // the records before the refused one still go, as those before a bad record of the input do
      if (refused.index() > 0) deal(outlet, picked, share.slice(0, refused.index()));
      throw refused;
    }
    dealt(outlet, picked, share);
    return to;
  }

  private void deal(Outlet outlet, int picked, Chunk share) throws IOException {
    outlet.assign(share);
    dealt(outlet, picked, share);
  }

  /** {@code share}, now {@code outlet}'s, goes into its pipe. */
  private void dealt(Outlet outlet, int picked, Chunk share) throws IOException {
    next = (picked + 1) % outlets.size();
    last = picked;
    lastSeq = share.lastSeq();
    write(outlet);
  }

  /**
   * The place in the list of the outlet to take a batch starting with {@code firstSeq}, or -1 if it
   * must wait.
   *
   * @throws RecpipeException ready dispatch, and every outlet is closed and idle (its worker exited
   *     0): the batch can't go anywhere, and waiting would be for ever
   */
  private int pick(long firstSeq) throws RecpipeException {
    if (last >= 0 && firstSeq == lastSeq) return outlets.get(last).isBusy() ? -1 : last;
    if (dispatch == Dispatch.ROUND_ROBIN) return outlets.get(next).isBusy() ? -1 : next;
    boolean open = false;
    for (int i = 0; i < outlets.size(); i++) {
      int candidate = (next + i) % outlets.size();
      Outlet outlet = outlets.get(candidate);
      if (outlet.isBusy()) {
        open = true; // writing, or a --skip-failed probe whose worker's place is taken again after it
      } else if (!outlet.isClosed()) {
        return candidate;
      }
    }
    if (!open) {
      throw new RecpipeException("every worker exited before the end of its input, with records from seq " + firstSeq
          + " on left to deal: a worker must read all of its input");
    }
    return -1;
  }

  /** The pipe of {@code outlet} has room: go on with its batch. */
  public void writable(Outlet outlet) throws IOException {
    if (outlet.isBusy()) write(outlet);
  }

  private void write(Outlet outlet) throws IOException {
    try {
      if (outlet.write() && ended) finishWritten(outlet);
    } catch (IOException e) {
      if (Tool.isBrokenPipe(e)) {
        throw new RecpipeException(outlet.name + " exited before reading all its input");
      }
      throw new IOException(Location.of(outlet.name).describe(e.getMessage()), e);
    }
  }

  /**
   * The input is done, or {@code failed}: then each outlet's last batch is followed by an abort mark
   * (see {@link Outlet#abort()}), so whoever reads the pipe fails too, after the whole records it got.
   */
  public void end(boolean failed) throws IOException {
    this.ended = true;
    this.failed = failed;
    dealt.end();
    for (Outlet outlet : outlets) {
      if (!outlet.isBusy()) finishWritten(outlet);
    }
  }

  /** Ends the pipe of {@code outlet}, whose last batch is in; {@link #together}, every pipe once all of theirs are. */
  private void finishWritten(Outlet outlet) throws IOException {
    if (!together) {
      finish(outlet);
    } else if (isDone()) {
      for (Outlet each : outlets) finish(each);
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

  /**
   * The worker of {@code outlet} crashed and a new one reads {@code next}: it is dealt again the
   * records of the old one from seq {@code fromSeq} on (see {@link Outlet#restart}), before anything
   * new. Returns how many records that is.
   */
  public int redeal(Outlet outlet, WritableByteChannel next, long fromSeq) throws IOException {
    int records = outlet.restart(next, fromSeq);
    if (outlet.isBusy()) {
      write(outlet);
    } else if (ended) {
      finish(outlet);
    }
    return records;
  }

  /** Marks a worker that has exited: it takes no more batches. */
  public void exited(Outlet outlet) throws IOException {
    outlet.close();
  }
}
