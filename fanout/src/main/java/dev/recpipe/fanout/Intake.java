package dev.recpipe.fanout;

import dev.recpipe.fanout.deal.BatchSource;
import dev.recpipe.fanout.deal.Dealer;
import dev.recpipe.fanout.records.Chunk;
import java.io.IOException;
import java.io.InputStream;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;

/**
 * The deal side of the switchboard: stdin cut into batches on a thread of its own ("fanout-stdin"),
 * a bounded queue of them, and the {@link Dealer} the loop hands them to. Reading stdin is the only
 * thread besides the loop's.
 */
class Intake {
  /** Nothing to deal: {@code fanout merge}. */
  static final Intake NONE = new Intake();

  private static final Object END = new Object();

  private final Dealer dealer;
  private final BlockingQueue<Object> batches;
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
   * {@code dealer}; wakes up {@code selector} when a batch comes. With {@code abortPipes}, a failed
   * input ends every pipe with an abort mark ({@code fanout deal}'s readers); else the workers get a
   * clean end and finish, and fanout fails after merging them. {@code wake} wakes the loop (the
   * selector's {@code wakeup}): see {@link #hand}.
   */
  Intake(InputStream in, int batchSize, boolean wholeBatches, Dealer dealer, int outlets, Runnable wake,
      boolean abortPipes) {
    this.dealer = dealer;
    this.batches = new ArrayBlockingQueue<>(outlets + 4);
    this.abortPipes = abortPipes;
    Thread reader = new Thread(() -> readBatches(new BatchSource(in, batchSize, wholeBatches), wake), "fanout-stdin");
    reader.setDaemon(true);
    reader.start();
  }

  private void readBatches(BatchSource source, Runnable wake) {
    try {
      for (Chunk batch = source.next(); batch != null; batch = source.next()) hand(batch, wake);
      hand(END, wake);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (Throwable e) {
      // put, not offer: the queue is bounded, and a failure dropped from a full queue left the
      // loop waiting for ever for an input that had ended (FaultsIT.inputThatVanishedNamesTheFile)
      try {
        hand(e, wake);
      } catch (InterruptedException stopped) {
        Thread.currentThread().interrupt();
      }
    }
  }

  /**
   * Queues {@code item} for the loop, and wakes it only if the queue was empty: a wake-up is a write
   * to the selector's pipe and a poll cut short, and one per batch was a tenth of the stdin thread's
   * CPU (bench/results/fanout-path.md). None is lost: the loop sleeps only once it has found the queue
   * empty ({@link #hasWaiting}) or its batch can't be dealt before a pipe has room, and an item put
   * into an empty queue wakes it. Only this thread puts, so a size of 1 just after the put means the
   * queue was empty before it, or the loop has taken an item meanwhile (a wake-up to spare).
   */
  private void hand(Object item, Runnable wake) throws InterruptedException {
    batches.put(item);
    if (batches.size() == 1) wake.run();
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
      dealtUpTo = dealer.offer(waiting, dealtUpTo);
      if (dealtUpTo < waiting.records()) return;
      waiting = null;
    }
  }

  private void end(Throwable e) throws IOException {
    ended = true;
    if (e != null) failure = e instanceof IOException ? (IOException) e : new IOException("reading stdin: " + e, e);
    dealer.end(failure != null && abortPipes);
  }

  /** A batch from stdin that could be dealt now. */
  boolean hasWaiting() {
    return !ended && waiting == null && !batches.isEmpty();
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
