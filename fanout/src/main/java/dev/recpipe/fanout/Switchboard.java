package dev.recpipe.fanout;

import dev.recpipe.common.RecpipeException;
import dev.recpipe.fanout.deal.Batch;
import dev.recpipe.fanout.deal.BatchSource;
import dev.recpipe.fanout.deal.Dealer;
import dev.recpipe.fanout.deal.Outlet;
import dev.recpipe.fanout.merge.Merger;
import dev.recpipe.fanout.pipes.FifoChannel;
import dev.recpipe.fanout.workers.Worker;
import dev.recpipe.fanout.workers.WorkerPool;
import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.function.Consumer;

/**
 * The one thread that moves every byte between fanout's pipes, around one {@link Selector}: batches
 * into the workers' input pipes as they have room, records out of their output pipes as they arrive,
 * and worker exits as they happen. Reading stdin is the only other thread: it cuts batches ahead.
 *
 * <p>Each part is optional, so {@code fanout deal} (stdin to pipes), {@code fanout merge} (pipes to
 * stdout) and {@code fanout CMD} (both, with workers between) are this same loop.
 */
final class Switchboard implements AutoCloseable {
  private static final Object END = new Object();

  private final Selector selector;
  private final List<Worker> workers = new ArrayList<>();
  private final ConcurrentLinkedQueue<Worker> exits = new ConcurrentLinkedQueue<>();
  private final List<SelectionKey> writeKeys = new ArrayList<>();
  private final List<SelectionKey> readKeys = new ArrayList<>();
  private Restarts restarts;
  /** Per worker, when merging workers: its output has ended, it has exited 0. Both: its output is whole. */
  private boolean[] outputEnded;
  private boolean[] exitedWell;
  private StallWatch stalls;
  private Dealer dealer;
  private BlockingQueue<Object> batches;
  private Batch waiting;
  private boolean inputEnded;
  /** Why stdin ended early: thrown once the records dealt before it are all out. */
  private IOException inputFailure;
  private Merger merger;
  private int openInlets;
  private int runningWorkers;
  private Runnable tick = () -> {};
  private long selectMillis = 1000;

  Switchboard() throws IOException {
    this.selector = FifoChannel.openSelector();
  }

  /** Deals the record stream on {@code in} over {@code outlets}. */
  void deal(InputStream in, int batchSize, Dealer dealer, List<Outlet> outlets) throws IOException {
    this.dealer = dealer;
    this.batches = new ArrayBlockingQueue<>(outlets.size() + 4);
    for (Outlet outlet : outlets) {
      writeKeys.add(outlet.channel().register(selector, 0, new Key(Key.WRITE, writeKeys.size())));
    }
    Thread reader = new Thread(() -> readBatches(new BatchSource(in, batchSize)), "fanout-stdin");
    reader.setDaemon(true);
    reader.start();
  }

  private void readBatches(BatchSource source) {
    try {
      for (Batch batch = source.next(); batch != null; batch = source.next()) {
        batches.put(batch);
        selector.wakeup();
      }
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
    selector.wakeup();
  }

  /** Merges the records arriving on {@code channels} into {@code merger}. */
  void merge(Merger merger, List<FifoChannel> channels) throws IOException {
    this.merger = merger;
    for (FifoChannel channel : channels) {
      int index = merger.add(channel.path(), channel);
      readKeys.add(channel.register(selector, SelectionKey.OP_READ, new Key(Key.READ, index)));
      openInlets++;
    }
  }

  /**
   * Same, naming each input after its worker. A worker's output counts as ended only once the worker
   * has exited 0 too: until then it may have crashed, and the records it was dealt and never answered
   * still come before the others' later ones.
   */
  void mergeWorkers(Merger merger) throws IOException {
    this.merger = merger;
    this.outputEnded = new boolean[workers.size()];
    this.exitedWell = new boolean[workers.size()];
    for (Worker worker : workers) {
      int index = merger.addWorker(worker.label(), worker.output());
      readKeys.add(worker.output().register(selector, SelectionKey.OP_READ, new Key(Key.READ, index)));
      openInlets++;
    }
  }

  /** Watches the workers' exits. */
  void watch(List<Worker> pool) {
    for (Worker worker : pool) {
      workers.add(worker);
      watch(worker);
    }
  }

  private void watch(Worker worker) {
    runningWorkers++;
    worker.process().onExit().thenRun(() -> {
      exits.add(worker);
      selector.wakeup();
    });
  }

  /**
   * Restarts a worker that crashes, up to {@code retries} times for the same records, instead of
   * failing the run; {@code warn} tells the user each time. The dealer must keep unanswered batches
   * and the merger hold each worker's latest seq.
   */
  void restartCrashed(WorkerPool pool, int retries, Consumer<String> warn) {
    this.restarts = new Restarts(pool, retries, warn, workers.size());
  }

  /** Kills, as failed, a worker that has input waiting yet reads none of it and writes nothing for {@code timeout}. */
  void stopStalled(Duration timeout) {
    stalls = new StallWatch(timeout, workers.size());
    selectMillis = Math.min(selectMillis, stalls.periodMillis());
  }

  /** Runs {@code tick} on every turn of the loop, and at least every {@code millis}. */
  void onTick(Runnable tick, long millis) {
    this.tick = tick;
    this.selectMillis = Math.min(selectMillis, millis);
  }

  void run() throws IOException {
    try {
      loop();
    } catch (java.io.UncheckedIOException e) {
      throw e.getCause();
    }
    if (inputFailure != null) throw inputFailure;
  }

  private void loop() throws IOException {
    while (!isDone()) {
      handleExits();
      dealBatches();
      if (merger != null) merger.drain();
      updateWriteInterest();
      if (isDone()) break;
      if (selector.selectNow() == 0) {
        if (merger != null) merger.flush();
        // selectNow() clears a wakeup() that came before it, so what a wakeup announces (a batch
        // from stdin, a worker's exit) is looked for here: else the select below would sleep on it
        if (!hasWaitingWork()) selector.select(selectMillis);
      }
      handleSelected();
      if (stalls != null) {
        for (Worker worker : stalls.stalled(workers, merger, System.nanoTime())) {
          worker.kill("stalled: it read none of its input and wrote nothing for " + stalls.describe());
        }
      }
      tick.run();
    }
    if (merger != null) merger.finish();
  }

  /** A batch from stdin that could be dealt now, or a worker exit not handled yet. */
  private boolean hasWaitingWork() {
    return !exits.isEmpty() || (batches != null && waiting == null && !inputEnded && !batches.isEmpty());
  }

  private boolean isDone() {
    return (dealer == null || dealer.isDone()) && openInlets == 0 && runningWorkers == 0;
  }

  private void handleSelected() throws IOException {
    Iterator<SelectionKey> selected = selector.selectedKeys().iterator();
    while (selected.hasNext()) {
      SelectionKey key = selected.next();
      selected.remove();
      if (!key.isValid()) continue;
      Key what = (Key) key.attachment();
      if (what.kind == Key.READ && key.isReadable()) {
        if (!merger.read(what.index)) {
          outputEnded(what.index);
        } else if (restarts != null) {
          dealer.answered(what.index, merger.lastSeq(what.index));
        }
      } else if (what.kind == Key.WRITE && key.isWritable()) {
        dealer.writable(what.index);
      }
    }
  }

  private void dealBatches() throws IOException {
    if (dealer == null || inputEnded) return;
    while (true) {
      if (waiting == null) {
        Object next = batches.poll();
        if (next == null) return;
        if (next instanceof Throwable) { // the records dealt so far are finished, then the run fails
          Throwable e = (Throwable) next;
          inputFailure = e instanceof IOException ? (IOException) e : new IOException("reading stdin: " + e, e);
        }
        if (next == END || inputFailure != null) {
          inputEnded = true;
          // workers of fanout's own get a clean end and finish; fanout fails after merging them. The
          // readers of `fanout deal`'s pipes get an abort mark after their last batch instead.
          dealer.end(inputFailure != null && workers.isEmpty());
          return;
        }
        waiting = (Batch) next;
      }
      if (!dealer.offer(waiting)) return;
      waiting = null;
    }
  }

  private void updateWriteInterest() {
    for (int i = 0; i < writeKeys.size(); i++) {
      SelectionKey key = writeKeys.get(i);
      if (key.isValid()) key.interestOps(dealer.needsWrite(i) ? SelectionKey.OP_WRITE : 0);
    }
  }

  private void outputEnded(int index) throws IOException {
    readKeys.get(index).cancel();
    openInlets--;
    if (outputEnded == null) return;
    outputEnded[index] = true;
    if (exitedWell[index]) merger.release(index);
  }

  private void exitedWell(int index) throws IOException {
    if (outputEnded == null) return;
    exitedWell[index] = true;
    if (outputEnded[index]) merger.release(index);
  }

  private void handleExits() throws IOException {
    for (Worker worker = exits.poll(); worker != null; worker = exits.poll()) {
      runningWorkers--;
      String failure = failure(worker);
      if (failure == null) {
        if (dealer != null) dealer.exited(worker.index());
        exitedWell(worker.index());
      } else if (restarts != null) {
        restarts.restart(worker, failure);
      } else {
        throw new RecpipeException(failure);
      }
    }
  }

  /** Why a worker that has exited failed the run, or null if it ended well. */
  private String failure(Worker worker) throws IOException {
    if (worker.stopReason() != null) {
      worker.unreadAfterExit(); // closes the probe
      return worker.label() + " " + worker.stopReason();
    }
    int status = worker.process().exitValue();
    if (status != 0) return worker.label() + " exited with status " + status;
    int unread = worker.unreadAfterExit();
    if (unread > 0 || (dealer != null && dealer.needsWrite(worker.index()))) {
      return worker.label() + " exited before reading all its input"
          + (unread > 0 ? " (" + unread + " bytes unread)" : "");
    }
    return null;
  }

  /**
   * {@code --retries}: a crashed worker's output is read to its end, a new worker takes its slot, and
   * the records the old one had not answered are dealt to it again. A worker's output is complete
   * when it has ended and the worker exited 0; only then do its last records go out.
   */
  private final class Restarts {
    private final WorkerPool pool;
    private final int retries;
    private final Consumer<String> warn;
    private final long[] crashSeq;
    private final int[] crashes;

    Restarts(WorkerPool pool, int retries, Consumer<String> warn, int workers) {
      this.pool = pool;
      this.retries = retries;
      this.warn = warn;
      this.crashSeq = new long[workers];
      this.crashes = new int[workers];
    }

    void restart(Worker worker, String failure) throws IOException {
      int index = worker.index();
      pool.killDescendants(index);
      readToEnd(index);
      long from = merger.lastSeq(index);
      crashes[index] = from == crashSeq[index] ? crashes[index] + 1 : 1;
      crashSeq[index] = from;
      String records = from < 0 ? "its records" : "its records from seq " + from;
      if (crashes[index] > retries) {
        throw new RecpipeException(failure + " (gave up after " + retries + (retries == 1 ? " retry" : " retries")
            + " of " + records + ")");
      }
      Worker fresh = pool.restart(index);
      workers.set(index, fresh);
      watch(fresh);
      merger.reopen(index, fresh.output());
      readKeys.set(index, fresh.output().register(selector, SelectionKey.OP_READ, new Key(Key.READ, index)));
      openInlets++;
      outputEnded[index] = false;
      exitedWell[index] = false;
      writeKeys.set(index, fresh.input().register(selector, 0, new Key(Key.WRITE, index)));
      int again = dealer.redeal(index, fresh.input(), from);
      warn.accept(failure + "; restarted it (retry " + crashes[index] + " of " + retries + "), dealing it "
          + again + (again == 1 ? " record" : " records") + " again");
    }

    /** Reads what the crashed worker wrote, to its end: its last seq tells what it answered. */
    private void readToEnd(int index) throws IOException {
      if (outputEnded[index]) return;
      long deadline = System.nanoTime() + 2_000_000_000L;
      while (merger.read(index)) {
        if (System.nanoTime() > deadline) break; // something still holds the pipe open: go on without
        Thread.onSpinWait();
      }
      readKeys.get(index).cancel();
      openInlets--;
    }
  }

  @Override
  public void close() throws IOException {
    selector.close();
    if (merger != null) merger.close();
  }

  /** What a selection key stands for: reading input {@code index}, or writing to outlet {@code index}. */
  private record Key(int kind, int index) {
    static final int READ = 0;
    static final int WRITE = 1;
  }
}
