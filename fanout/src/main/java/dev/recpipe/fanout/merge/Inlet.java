package dev.recpipe.fanout.merge;

import dev.recpipe.common.AbortMark;
import dev.recpipe.common.RecordFormatException;
import dev.recpipe.common.RecordFramer;
import dev.recpipe.common.RecpipeException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.ReadableByteChannel;
import java.util.ArrayDeque;
import java.util.Arrays;

/**
 * One worker's output as it arrives: bytes read whenever the selector says so, cut into whole records
 * and queued, in the order the worker wrote them, until the merger writes them out.
 */
final class Inlet {
  private static final int MAX_RECORD_BYTES = 256 << 20;

  final int index;
  final String name;
  private final ReadableByteChannel channel;
  private final RecordFramer framer = new RecordFramer();
  private final RecordFramer spillFramer = new RecordFramer();
  private Chunk newest;
  private long[] scratchSeqs = new long[1024];
  private int[] scratchEnds = new int[1024];
  private final ArrayDeque<Chunk> queue = new ArrayDeque<>();
  private SpillFile spill;
  private byte[] buffer = new byte[64 * 1024];
  private int limit;
  private long offset;
  private long lastSeq = -1;
  private long queuedBytes;
  private long records;
  private boolean eof;

  Inlet(int index, String name, ReadableByteChannel channel) {
    this.index = index;
    this.name = name;
    this.channel = channel;
  }

  /** Reads what is there and frames it; returns the bytes framed (see {@link #enqueue}), or -1 at end of file. */
  int read() throws IOException {
    if (limit == buffer.length) grow();
    int n = channel.read(ByteBuffer.wrap(buffer, limit, buffer.length - limit));
    if (n < 0) {
      eof = true;
      if (limit > 0) {
        throw new RecordFormatException(name + ": truncated record at byte offset " + offset
            + ": output ends at byte offset " + (offset + limit) + " inside it", offset);
      }
      return -1;
    }
    limit += n;
    return frame();
  }

  private int frame() throws IOException {
    long[] seqs = scratchSeqs;
    int[] ends = scratchEnds;
    int count = 0;
    int position = 0;
    int length;
    while (position < limit && (length = frameAt(position)) > 0) {
      long seq = framer.seq();
      if (seq < lastSeq) {
        throw new RecpipeException(name + " wrote seq " + seq + " after seq " + lastSeq
            + " (byte offset " + (offset + position) + "): a worker's output must be in non-decreasing seq order");
      }
      lastSeq = seq;
      if (count == seqs.length) {
        seqs = scratchSeqs = Arrays.copyOf(seqs, count * 2);
        ends = scratchEnds = Arrays.copyOf(ends, count * 2);
      }
      position += length;
      seqs[count] = seq;
      ends[count++] = position;
    }
    if (count > 0) {
      // the scratch index arrays are reused; the chunk keeps copies of exactly its size
      newest = new Chunk(Arrays.copyOf(buffer, position), Arrays.copyOf(seqs, count),
          Arrays.copyOf(ends, count), count);
      System.arraycopy(buffer, position, buffer, 0, limit - position);
      limit -= position;
      offset += position;
      records += count;
    }
    return position;
  }

  /**
   * Queues the records the last {@link #read()} framed: in memory, or on disk in {@code spillTo}
   * when {@code overBudget} or when earlier records of this worker already wait there (order).
   */
  void enqueue(boolean overBudget, SpillDirectory spillTo) throws IOException {
    Chunk chunk = newest;
    if ((overBudget || hasSpilled()) && spillTo != null) {
      if (spill == null) spill = spillTo.open(index);
      spill.append(chunk.data, chunk.data.length);
      return;
    }
    queue.addLast(chunk);
    queuedBytes += chunk.data.length;
  }

  private boolean hasSpilled() {
    return spill != null && !spill.isEmpty();
  }

  /** Brings the oldest spilled block back into memory when the memory queue has run dry. */
  private void unspill() {
    if (!queue.isEmpty() || !hasSpilled()) return;
    try {
      byte[] block = spill.takeFirst();
      long[] seqs = new long[16];
      int[] ends = new int[16];
      int count = 0;
      for (int position = 0; position < block.length; ) {
        int length = spillFramer.frame(block, position, block.length, 0);
        if (count == seqs.length) {
          seqs = Arrays.copyOf(seqs, count * 2);
          ends = Arrays.copyOf(ends, count * 2);
        }
        position += length;
        seqs[count] = spillFramer.seq();
        ends[count++] = position;
      }
      queue.addLast(new Chunk(block, seqs, ends, count));
      queuedBytes += block.length;
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(name + ": reading back spilled records: " + e.getMessage(), e);
    }
  }

  /** Bytes of this worker's records waiting on disk. */
  long spilledBytes() {
    return spill == null ? 0 : spill.bytes();
  }

  void close() throws IOException {
    if (spill != null) spill.close();
  }

  private int frameAt(int position) throws RecpipeException {
    if ((buffer[position] & 0xff) == AbortMark.BYTE) {
      throw new RecpipeException(name + " failed: its output ends with an abort mark");
    }
    try {
      return framer.frame(buffer, position, limit, offset + position);
    } catch (RecordFormatException e) {
      throw new RecordFormatException(name + ": " + e.getMessage(), e.byteOffset(), e);
    }
  }

  /** The records the last {@link #read()} framed (it framed some). */
  Chunk newest() {
    return newest;
  }

  private void grow() throws RecordFormatException {
    if (buffer.length >= MAX_RECORD_BYTES) {
      throw new RecordFormatException(name + ": byte offset " + offset + ": record larger than "
          + (MAX_RECORD_BYTES >> 20) + " MiB", offset);
    }
    buffer = Arrays.copyOf(buffer, buffer.length * 2);
  }

  boolean isEof() {
    return eof;
  }

  boolean hasRecord() {
    unspill();
    return !queue.isEmpty();
  }

  Chunk head() {
    unspill();
    return queue.peekFirst();
  }

  /**
   * Takes the leading records of the head chunk whose seq is at most {@code upTo} and below
   * {@code below}: they lie back to back, so the caller writes them with one copy. Returns their
   * count; their bytes are {@code head().data} from the head's old start to its new one.
   */
  int takeRun(long upTo, long below) {
    Chunk chunk = queue.peekFirst();
    int from = chunk.headStart();
    int count = 0;
    while (!chunk.isEmpty() && chunk.headSeq() <= upTo && chunk.headSeq() < below) {
      chunk.advance();
      count++;
    }
    queuedBytes -= chunk.headStart() - from;
    return count;
  }

  /** Drops the head chunk once {@link #takeRun} has taken all of it. */
  void dropEmptyHead() {
    if (queue.peekFirst().isEmpty()) queue.removeFirst();
  }

  /** Marks the head record written; returns its size. */
  int pop() {
    Chunk chunk = queue.peekFirst();
    int size = chunk.headEnd() - chunk.headStart();
    chunk.advance();
    if (chunk.isEmpty()) queue.removeFirst();
    queuedBytes -= size;
    return size;
  }

  /** The largest seq this worker has written so far, or -1. */
  long lastSeq() {
    return lastSeq;
  }

  long queuedBytes() {
    return queuedBytes;
  }

  long records() {
    return records;
  }
}
