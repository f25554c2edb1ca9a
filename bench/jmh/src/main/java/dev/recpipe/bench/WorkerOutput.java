package dev.recpipe.bench;

import java.nio.ByteBuffer;
import java.nio.channels.ReadableByteChannel;

/**
 * One worker's output as fanout's merger reads it from a pipe, from memory: the records of the
 * batches dealt to it so far, at most a pipe's capacity per read, and end of file once the dealer
 * has ended and everything was read. A worker that answers instantly, so the merger alone is timed.
 */
final class WorkerOutput implements ReadableByteChannel {
  /** What one read from a Linux pipe returns at most. */
  static final int PIPE_CAPACITY = 64 * 1024;

  private final byte[] bytes;
  private final int[] batchEnds;
  private int batchesDealt;
  private boolean ended;
  private int position;

  /** {@code batchEnds}: where each batch dealt to this worker ends in {@code bytes}, in order. */
  WorkerOutput(byte[] bytes, int[] batchEnds) {
    this.bytes = bytes;
    this.batchEnds = batchEnds;
  }

  /** Makes the next batch's records readable: the worker has done it. */
  void dealBatch() {
    batchesDealt++;
  }

  /** No more batches come: once the bytes are read, reads return end of file. */
  void end() {
    ended = true;
  }

  /** Whether a selector would report the pipe readable: bytes waiting, or end of file. */
  boolean isReadable() {
    return position < dealtEnd() || ended;
  }

  /** Back to before the first batch, for the next benchmark operation. */
  void rewind() {
    batchesDealt = 0;
    ended = false;
    position = 0;
  }

  @Override
  public int read(ByteBuffer dst) {
    int end = dealtEnd();
    if (position == end) return ended ? -1 : 0;
    int n = Math.min(Math.min(end - position, dst.remaining()), PIPE_CAPACITY);
    dst.put(bytes, position, n);
    position += n;
    return n;
  }

  private int dealtEnd() {
    return batchesDealt == 0 ? 0 : batchEnds[batchesDealt - 1];
  }

  @Override
  public boolean isOpen() {
    return true;
  }

  @Override
  public void close() {}
}
