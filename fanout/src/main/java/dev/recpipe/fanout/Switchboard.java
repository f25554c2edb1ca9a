package dev.recpipe.fanout;

import dev.recpipe.common.RecpipeException;
import dev.recpipe.fanout.deal.Dealer;
import dev.recpipe.fanout.merge.Merger;
import dev.recpipe.fanout.pipes.Fifos;
import dev.recpipe.fanout.records.Chunk;
import dev.recpipe.fanout.workers.ShellFallback;
import dev.recpipe.fanout.workers.Worker;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.locks.LockSupport;

/**
 * The one thread that moves every byte between fanout's pipes, around one {@link Selector}: batches
 * into the workers' input pipes as they have room, records out of their output pipes as they arrive,
 * and worker exits as they happen. Each worker is a {@link Lane}; the optional features listen
 * ({@link LaneListener}). Reading stdin is the only other thread ({@link Intake}).
 *
 * <p>{@code fanout deal} (lanes with an outlet only, no merger inputs), {@code fanout merge} (lanes
 * with an inlet only, nothing to deal) and {@code fanout CMD} (both, with workers between) are this
 * same loop.
 */
final class Switchboard implements AutoCloseable {
  private final Selector selector;
  private final List<Lane> lanes = new ArrayList<>();
  private final ConcurrentLinkedQueue<Lane> exits = new ConcurrentLinkedQueue<>();
  private final List<LaneListener> listeners = new ArrayList<>();
  private Intake intake = Intake.NONE;
  private Merger merger;
  private LaneListener listener;
  /** Set by {@link #stop}, from another thread. */
  private volatile boolean stopped;

  /** A switchboard for the channels of {@code fifos}. */
  Switchboard(Fifos fifos) throws IOException {
    this.selector = fifos.openSelector();
  }

  /** Deals the record stream on {@code in} with {@code dealer}; {@code abortPipes}: see {@link Intake}. */
  void deal(InputStream in, int batchSize, boolean wholeBatches, Dealer dealer, int outlets, boolean abortPipes) {
    intake = new Intake(in, batchSize, wholeBatches, dealer, outlets, selector::wakeup, abortPipes);
  }

  /** Adds a lane: its pipes are watched from now on, and its worker's exit. */
  void add(Lane lane) throws IOException {
    lanes.add(lane);
    start(lane);
  }

  private void start(Lane lane) throws IOException {
    lane.register(selector, () -> readable(lane), () -> intake.dealer().writable(lane.outlet()));
    Worker worker = lane.worker();
    if (worker == null) return;
    worker.process().onExit().thenRun(() -> announceExit(lane, worker));
  }

  private void announceExit(Lane lane, Worker worker) {
    if (!worker.noticeExit()) return;
    exits.add(lane);
    selector.wakeup();
  }

  /**
   * Announces the exits that {@link Process#onExit()} has not: it announces on a thread of the JDK's
   * (a new one for each exit on two cores, else the common pool's), and where none can be had (out of
   * threads: {@code ulimit -u}, a container's pid limit, {@code ulimit -v}) it never does, and fanout
   * waited for ever, every worker gone. {@link Process#isAlive()} learns of the exit on the JDK's
   * reaper thread itself. Looked at when the loop has slept a whole select with nothing to do.
   */
  private void announceUnannouncedExits() {
    for (Lane lane : lanes) {
      Worker worker = lane.worker();
      if (worker != null && !worker.process().isAlive()) announceExit(lane, worker);
    }
  }

  /** Tells {@code listener} what happens, in the order listeners are added. */
  void listen(LaneListener listener) {
    listeners.add(listener);
  }

  /** Runs until every record is dealt and merged into {@code merger}, every pipe ended and every worker exited. */
  void run(Merger merger) throws IOException {
    this.merger = merger;
    this.listener = LaneListener.all(listeners);
    try {
      loop(listener.periodMillis());
    } catch (IOException | RuntimeException e) {
      salvage(e);
      throw e;
    }
    intake.rethrowFailure();
    listener.finished();
  }

  /**
   * Asks the loop, from another thread, to stop at its next turn: {@link #run} then throws. {@code
   * fanout deal}'s shutdown hook does, on a signal, so that its pipes end as a failure ends them.
   */
  void stop() {
    stopped = true;
    selector.wakeup();
  }

  /** Whether {@link #stop} was called. */
  boolean isStopped() {
    return stopped;
  }

  private void loop(long selectMillis) throws IOException {
    while (!isDone()) {
      if (stopped) throw new InterruptedIOException("stopped");
      handleExits();
      intake.deal();
      merger.drain();
      for (Lane lane : lanes) lane.updateWriteInterest();
      if (isDone()) break;
      if (selector.selectNow() == 0) {
        merger.flush();
        // selectNow() clears a wakeup() that came before it, so what a wakeup announces (a batch
        // from stdin, a worker's exit) is looked for here: else the select would sleep on it
        intake.sleep(() -> {
          if (exits.isEmpty() && !stopped && selector.select(selectMillis) == 0) announceUnannouncedExits();
        });
      }
      handleSelected();
      listener.tick(System.nanoTime());
    }
    merger.finish();
  }

  /**
   * The run fails: the records the merger has put in order still go out, before the abort mark that
   * {@code Tool} then writes, so downstream gets them as a serial pipeline would have written them
   * before the failure. They waited in the merger's buffer, and were lost with it. Only those: no
   * merge after the failure, whose cause may have left an inlet's bounds wrong (a seq it was not
   * dealt), which could let a later record out past a gap.
   */
  private void salvage(Exception failure) {
    try {
      merger.flush();
    } catch (IOException | RuntimeException e) {
      failure.addSuppressed(e);
    }
  }

  private boolean isDone() {
    if (!intake.isDone()) return false;
    for (Lane lane : lanes) {
      if (lane.isActive()) return false;
    }
    return true;
  }

  private void handleSelected() throws IOException {
    Iterator<SelectionKey> selected = selector.selectedKeys().iterator();
    while (selected.hasNext()) {
      SelectionKey key = selected.next();
      selected.remove();
      if (key.isValid() && (key.readyOps() & key.interestOps()) != 0) ((Lane.Ready) key.attachment()).ready();
    }
  }

  private void readable(Lane lane) throws IOException {
    if (!merger.read(lane.inlet())) {
      if (lane.outputEnded()) release(lane);
    } else {
      listener.answered(lane);
    }
  }

  private void handleExits() throws IOException {
    for (Lane lane = exits.poll(); lane != null; lane = exits.poll()) {
      String failure = failure(lane);
      if (failure == null) {
        intake.dealer().exited(lane.outlet());
        if (lane.exited(true)) release(lane);
      } else {
        lane.exited(false);
        if (listener.crashed(lane, failure)) continue;
        readWhatIsLeft(lane);
        throw new RecpipeException(ShellFallback.explain(failure, lane.worker().program()));
      }
    }
  }

  /** The lane's worker ended well and its output is read: what it wrote is whole, and, unless a new worker takes the lane, over. */
  private void release(Lane lane) throws IOException {
    if (!listener.ended(lane)) merger.release(lane.inlet());
  }

  /**
   * The lane's inlet reads {@code fresh}'s output from now on: after a crash, what the old worker
   * held back is dropped; after a good end ({@link LaneListener#ended}), it is whole and queued, and
   * the input goes on, so the merger never takes it for over in between.
   */
  private void reopen(Lane lane, Worker fresh) throws IOException {
    boolean endedWell = lane.endedWell();
    lane.replace(fresh);
    if (endedWell) {
      merger.resume(lane.inlet(), fresh.output());
    } else {
      merger.reopen(lane.inlet(), fresh.output());
    }
  }

  /**
   * A failed worker ends the run: what it wrote before failing is read, so that its whole records go
   * out in their turn ({@link #salvage}). What that output shows (a cut record) says no more than the
   * failure itself, which is the one reported.
   */
  private void readWhatIsLeft(Lane lane) {
    try {
      readToEnd(lane);
    } catch (IOException | RuntimeException secondary) {
      // the worker's failure is the one to report
    }
  }

  /** Why a worker that has exited failed the run, or null if it ended well. */
  private static String failure(Lane lane) throws IOException {
    Worker worker = lane.worker();
    if (worker.stopReason() != null) {
      worker.unreadAfterExit(); // closes the probe
      return worker.label() + " " + worker.stopReason();
    }
    int status = worker.process().exitValue();
    if (status != 0) return worker.label() + " exited with status " + status;
    int unread = worker.unreadAfterExit();
    if (unread > 0 || lane.outlet().isWriting()) {
      return worker.label() + " exited before reading all its input"
          + (unread > 0 ? " (" + unread + " bytes unread)" : "");
    }
    return null;
  }

  /**
   * For a crashed worker's restart: reads what it wrote, to its end, since its last seq tells what it
   * answered. Gives up after a while if something still holds the pipe open (a child the worker left
   * running). Between reads it sleeps a millisecond rather than spin: what an exited worker left is at
   * most a pipe's worth, a read or two, while a pipe held open kept a core busy for the whole while.
   */
  void readToEnd(Lane lane) throws IOException {
    if (lane.hasEnded()) return;
    long deadline = System.nanoTime() + 2_000_000_000L;
    while (merger.read(lane.inlet())) {
      if (System.nanoTime() > deadline) break;
      LockSupport.parkNanos(1_000_000L);
    }
    lane.stopReading();
  }

  /**
   * {@code fresh} takes the place of the lane's crashed worker: its pipes are watched, the inlet reads
   * its output, and it is dealt again what the old one had not answered from seq {@code fromSeq} on.
   * Returns how many records that is.
   */
  int replace(Lane lane, Worker fresh, long fromSeq) throws IOException {
    reopen(lane, fresh);
    start(lane);
    return intake.dealer().redeal(lane.outlet(), fresh.input(), fromSeq);
  }

  /**
   * {@code --skip-failed}: {@code fresh} takes the place of the lane's worker, which crashed or ended
   * well, and is dealt {@code records} only, then the end of its input (see {@link
   * dev.recpipe.fanout.skip.Suspects}); the lane takes no new batch until {@link #replace}.
   */
  void probe(Lane lane, Worker fresh, Chunk records) throws IOException {
    reopen(lane, fresh);
    start(lane);
    lane.outlet().probe(fresh.input(), records);
    intake.dealer().writable(lane.outlet());
  }

  @Override
  public void close() throws IOException {
    selector.close();
    if (merger != null) merger.close();
  }
}
