package dev.recpipe.fanout;

import dev.recpipe.common.Limits;
import dev.recpipe.fanout.deal.BatchSource;
import dev.recpipe.fanout.deal.Dealer;
import dev.recpipe.fanout.records.Chunk;
import dev.recpipe.fanout.records.UndealableRecordException;
import java.io.IOException;
import java.io.InputStream;

/**
 * The deal side of the switchboard: stdin cut into batches on a thread of its own ("fanout-stdin"),
 * a bounded queue of them (a {@link Handoff}), and the {@link Dealer} the loop hands them to.
 * Reading stdin is the only thread besides the loop's.
 */
class Intake {
  /** Nothing to deal: {@code fanout merge}. */
  static final Intake NONE = new Intake();

  private static final Object END = new Object();

  private final Dealer dealer;
  private final Handoff batches;
  private final boolean abortPipes;
  private Chunk waiting;
  /** The first record of {@code waiting} not dealt yet: the dealer cuts it into each outlet's batch size. */
  private int dealtUpTo;
  private boolean ended;
  /** Why stdin ended early: thrown once the records dealt before it are all out. */
  private IOException failure;

  private Intake() {
    this.dealer = null;
    this.batches = null;
    this.abortPipes = false;
    this.ended = true;
  }

  /**
   * Deals {@code in}, cut into batches of {@code batchSize} records (only whole ones with {@code
   * wholeBatches}: see {@link BatchSource}), which the dealer cuts again to each outlet's size, with
   * {@code dealer}; {@code wake} wakes the loop (the selector's {@code wakeup}) when a batch comes
   * while it sleeps for one ({@link #sleep}). With {@code abortPipes}, a failed input ends every pipe with
   * an abort mark ({@code fanout deal}'s readers); else the workers get a clean end and finish, and
   * fanout fails after merging them.
   */
  Intake(InputStream in, int batchSize, boolean wholeBatches, Dealer dealer, int outlets, Runnable wake,
      boolean abortPipes) {
    this.dealer = dealer;
    // bytes too: batches of records of a few MiB, N + 4 of them, would not fit in the heap
    this.batches = new Handoff(outlets + 4, Limits.MAX_RECORD_BYTES, item -> item instanceof Chunk c ? c.bytes().length : 0, wake);
    this.abortPipes = abortPipes;
    Thread reader = new Thread(() -> readBatches(new BatchSource(in, batchSize, wholeBatches)), "fanout-stdin");
    reader.setDaemon(true);
    reader.start();
  }

  private void readBatches(BatchSource source) {
    try {
      for (Chunk batch = source.next(); batch != null; batch = source.next()) batches.put(batch);
      batches.put(END);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (Throwable e) {
      // put, not offer: the queue is bounded, and a failure dropped from a full queue left the
      // loop waiting for ever for an input that had ended (FaultsIT.inputThatVanishedNamesTheFile)
      try {
        batches.put(e);
      } catch (InterruptedException stopped) {
        Thread.currentThread().interrupt();
      }
    }
  }

  /** Deals the batches that have come, as far as the outlets take them. */
  void deal() throws IOException {
    while (!ended) {
      if (waiting == null) {
        Object next = batches.poll();
        if (next == null) return;
        if (next instanceof Throwable) end((Throwable) next);
        if (next == END) end(null);
        if (ended) return;
        waiting = (Chunk) next;
        dealtUpTo = 0;
      }
      try {
        dealtUpTo = dealer.offer(waiting, dealtUpTo);
      } catch (UndealableRecordException refused) {
        // as a bad record of the input: what was dealt before it is answered and goes out, then fanout fails
        waiting = null;
        end(refused);
        return;
      }
      if (dealtUpTo < waiting.records()) return;
      waiting = null;
    }
  }

  private void end(Throwable e) throws IOException {
    ended = true;
    if (e != null) failure = e instanceof IOException ? (IOException) e : new IOException("reading stdin: " + e, e);
    dealer.end(failure != null && abortPipes);
  }

  /**
   * Runs {@code sleep} (the loop's select) unless a batch from stdin could be dealt now; a batch
   * that comes meanwhile ends it. While the loop's batch waits for room in a pipe, a new one could
   * not be dealt: it sleeps, not woken by stdin's batches.
   */
  void sleep(Handoff.Sleep<IOException> sleep) throws IOException {
    if (ended || waiting != null) {
      sleep.sleep();
    } else {
      batches.sleep(sleep);
    }
  }

  /** True when the input is done and every batch is in its pipe. */
  boolean isDone() {
    return dealer == null || dealer.isDone();
  }

  /** Throws why stdin ended early, if it did: once everything dealt before is out. */
  void rethrowFailure() throws IOException {
    if (failure != null) throw failure;
  }

  Dealer dealer() {
    return dealer;
  }
}
