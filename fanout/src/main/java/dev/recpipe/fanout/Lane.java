package dev.recpipe.fanout;

import dev.recpipe.fanout.deal.Outlet;
import dev.recpipe.fanout.merge.Inlet;
import dev.recpipe.fanout.pipes.FifoChannel;
import dev.recpipe.fanout.workers.Worker;
import java.io.IOException;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;

/**
 * One worker's way through fanout: its {@link Outlet} (records dealt into its input pipe), its
 * {@link Worker} process, its {@link Inlet} (records read from its output pipe), the selection keys
 * of both pipes, and its crashes. The switchboard's loop and the features that hook into it ({@link
 * LaneListener}) talk to lanes, so a worker's state is in one place, not spread over arrays indexed
 * by its number.
 *
 * <p>{@code fanout deal} has lanes with an outlet only, {@code fanout merge} lanes with an inlet only;
 * neither has a worker.
 */
final class Lane {
  /** What a selection key does when its channel is ready. */
  @FunctionalInterface
  interface Ready {
    void ready() throws IOException;
  }

  private final Outlet outlet;
  private final Inlet inlet;
  private Worker worker;
  /** The pipe the inlet reads: the worker's output, or a pipe given to {@code fanout merge}. */
  private FifoChannel output;
  /** The pipe the outlet writes: the worker's input, or a pipe given to {@code fanout deal}. */
  private FifoChannel input;
  private SelectionKey readKey;
  private SelectionKey writeKey;
  private boolean reading;
  private boolean running;
  /** With a worker: its output has ended, it has exited 0. Both: its output is whole. */
  private boolean outputEnded;
  private boolean exitedWell;
  private int crashes;
  private long crashSeq;

  private Lane(Outlet outlet, Inlet inlet, Worker worker, FifoChannel output, FifoChannel input) {
    this.outlet = outlet;
    this.inlet = inlet;
    this.worker = worker;
    this.output = output;
    this.input = input;
  }

  /** A worker's lane: both pipes. */
  static Lane of(Worker worker, Outlet outlet, Inlet inlet) {
    return new Lane(outlet, inlet, worker, worker.output(), worker.input());
  }

  /** A pipe dealt to, in {@code fanout deal}: {@code outlet} writes {@code pipe}. */
  static Lane dealingTo(Outlet outlet, FifoChannel pipe) {
    return new Lane(outlet, null, null, null, pipe);
  }

  /** A pipe merged from, in {@code fanout merge}: {@code inlet} reads {@code pipe}. */
  static Lane mergingFrom(Inlet inlet, FifoChannel pipe) {
    return new Lane(null, inlet, null, pipe, null);
  }

  /**
   * Registers the lane's pipes with {@code selector}, each key doing what its {@code Ready} says; also
   * after a restart, for the new worker's pipes.
   */
  void register(Selector selector, Ready readable, Ready writable) throws IOException {
    if (inlet != null) {
      readKey = output.register(selector, SelectionKey.OP_READ, readable);
      reading = true;
    }
    if (outlet != null) writeKey = input.register(selector, 0, writable);
    running = worker != null;
  }

  /** Asks for write readiness while a batch waits for room in the input pipe. */
  void updateWriteInterest() {
    if (writeKey != null && writeKey.isValid()) writeKey.interestOps(outlet.isWriting() ? SelectionKey.OP_WRITE : 0);
  }

  /** The output pipe has ended: no more reading. Returns true if the output is now whole (see {@link #exited}). */
  boolean outputEnded() {
    stopReading();
    outputEnded = true;
    return exitedWell;
  }

  /** The worker's exit was handled; {@code well}: 0 and nothing left unread. Returns true if the output is now whole. */
  boolean exited(boolean well) {
    running = false;
    exitedWell = well;
    return well && outputEnded;
  }

  void stopReading() {
    if (!reading) return;
    readKey.cancel();
    reading = false;
  }

  /** The crashed worker's replacement takes over the lane. */
  void replace(Worker fresh) {
    worker = fresh;
    output = fresh.output();
    input = fresh.input();
    outputEnded = false;
    exitedWell = false;
  }

  /** Counts a crash at {@code seq} (the latest seq answered): the crashes in a row at that same seq. */
  int crashedAt(long seq) {
    crashes = seq == crashSeq ? crashes + 1 : 1;
    crashSeq = seq;
    return crashes;
  }

  /** Whether its worker has exited 0 and its output has ended: what it wrote is whole. */
  boolean endedWell() {
    return exitedWell && outputEnded;
  }

  /** Whether the lane still has a pipe to read or a worker running. */
  boolean isActive() {
    return reading || running;
  }

  /** Whether its worker's exit was handled, and was 0 with all its input read. */
  boolean hasExitedWell() {
    return exitedWell;
  }

  /** Whether its output has ended (the worker closed it, or it was read to its end). */
  boolean hasEnded() {
    return outputEnded;
  }

  Outlet outlet() {
    return outlet;
  }

  Inlet inlet() {
    return inlet;
  }

  Worker worker() {
    return worker;
  }

  /** Records dealt to this lane so far: for a display. */
  long recordsDealt() {
    return outlet == null ? 0 : outlet.records();
  }

  /** Whole records its worker has written so far: for a display. */
  long recordsAnswered() {
    return inlet == null ? 0 : inlet.records();
  }
}
