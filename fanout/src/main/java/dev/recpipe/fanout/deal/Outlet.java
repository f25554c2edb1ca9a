package dev.recpipe.fanout.deal;

import dev.recpipe.common.AbortMark;
import dev.recpipe.fanout.pipes.FifoChannel;
import java.io.IOException;
import java.nio.ByteBuffer;

/**
 * The write end of one worker's input pipe, with at most one batch on its way into it. The pipe is
 * non-blocking: a batch goes in as the pipe has room, so the dealer never stalls on one worker.
 */
public final class Outlet {
  final int index;
  final String name;
  final FifoChannel channel;
  private ByteBuffer pending;
  private boolean closed;
  private long batches;
  private long records;

  public Outlet(int index, String name, FifoChannel channel) {
    this.index = index;
    this.name = name;
    this.channel = channel;
  }

  boolean isBusy() {
    return pending != null;
  }

  boolean isClosed() {
    return closed;
  }

  void assign(Batch batch) {
    pending = ByteBuffer.wrap(batch.bytes());
    batches++;
    records += batch.records();
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

  public long batches() {
    return batches;
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
