package dev.recpipe.fanout.deal;

import dev.recpipe.common.AbortMark;
import dev.recpipe.common.RecordFormatException;
import dev.recpipe.common.RecordFramer;
import dev.recpipe.fanout.pipes.FifoChannel;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.ArrayDeque;

/**
 * The write end of one worker's input pipe, with at most one batch on its way into it. The pipe is
 * non-blocking: a batch goes in as the pipe has room, so the dealer never stalls on one worker.
 *
 * <p>When workers may be restarted, the outlet also keeps the batches its worker has not answered
 * yet (see {@link #answered}), to deal them again to the next worker in its place ({@link #restart}).
 */
public final class Outlet {
  final int index;
  final String name;
  private FifoChannel channel;
  private final ArrayDeque<Batch> unanswered;
  private ByteBuffer pending;
  private boolean closed;
  private long records;

  public Outlet(int index, String name, FifoChannel channel) {
    this(index, name, channel, false);
  }

  /** With {@code keep}, the outlet keeps each batch until its worker has answered it. */
  public Outlet(int index, String name, FifoChannel channel, boolean keep) {
    this.index = index;
    this.name = name;
    this.channel = channel;
    this.unanswered = keep ? new ArrayDeque<>() : null;
  }

  boolean isBusy() {
    return pending != null;
  }

  boolean isClosed() {
    return closed;
  }

  void assign(Batch batch) {
    pending = ByteBuffer.wrap(batch.bytes());
    records += batch.records();
    if (unanswered != null) unanswered.addLast(batch);
  }

  /**
   * The worker has written a record with seq {@code seq}: as it writes in seq order, it is done with
   * every record before that seq, and the batches made only of such records are let go.
   */
  void answered(long seq) {
    while (!unanswered.isEmpty() && unanswered.peekFirst().lastSeq() < seq) unanswered.removeFirst();
  }

  /**
   * The worker crashed: {@code next} is the input pipe of the one in its place, which gets again
   * every record kept from seq {@code fromSeq} on (all of them for -1) before any new batch. Returns
   * how many records that is.
   */
  int restart(FifoChannel next, long fromSeq) {
    answered(fromSeq);
    ByteArrayOutputStream again = new ByteArrayOutputStream();
    int count = 0;
    RecordFramer framer = new RecordFramer();
    for (Batch batch : unanswered) {
      byte[] bytes = batch.bytes();
      int position = 0;
      int skipped = 0;
      while (batch.firstSeq() < fromSeq && position < bytes.length) { // only the first can start before it
        int length = frame(framer, bytes, position);
        if (framer.seq() >= fromSeq) break;
        position += length;
        skipped++;
      }
      again.write(bytes, position, bytes.length - position);
      count += batch.records() - skipped;
    }
    channel = next;
    closed = false;
    pending = again.size() > 0 ? ByteBuffer.wrap(again.toByteArray()) : null;
    return count;
  }

  private static int frame(RecordFramer framer, byte[] bytes, int position) {
    try {
      return framer.frame(bytes, position, bytes.length, 0);
    } catch (RecordFormatException e) {
      throw new IllegalStateException("unreachable: a batch holds only records already framed", e);
    }
  }

  /** Writes what the pipe takes; true when the batch is all in. */
  boolean write() throws IOException {
    while (pending.hasRemaining()) {
      if (channel.write(pending) == 0) return false;
    }
    pending = null;
    return true;
  }

  /**
   * Ends the pipe with an abort mark after a failure, so its reader fails too instead of taking the
   * records so far for all of them. A batch half written leaves a cut record, which fails the
   * reader all the same. Gives up after a while on a pipe nobody reads.
   */
  void abort() throws InterruptedException {
    if (closed) return;
    try {
      ByteBuffer mark = ByteBuffer.wrap(new byte[] {(byte) AbortMark.BYTE});
      for (int tries = 0; pending == null && mark.hasRemaining() && tries < 200; tries++) {
        if (channel.write(mark) == 0) Thread.sleep(10);
      }
      close();
    } catch (IOException readerGone) {
      // nobody left to tell
    }
  }

  /** Ends the worker's input: it sees end of file once it has read what is in the pipe. */
  void close() throws IOException {
    if (closed) return;
    closed = true;
    channel.close();
  }


  public long records() {
    return records;
  }

  public String name() {
    return name;
  }

  public FifoChannel channel() {
    return channel;
  }
}
