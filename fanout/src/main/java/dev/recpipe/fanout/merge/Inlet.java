package dev.recpipe.fanout.merge;

import dev.recpipe.common.AbortMark;
import dev.recpipe.common.RecordFormatException;
import dev.recpipe.common.RecordFramer;
import dev.recpipe.common.RecpipeException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.ReadableByteChannel;
import java.util.ArrayDeque;
import java.util.Arrays;

/**
 * One worker's output as it arrives: bytes read whenever the selector says so, cut into whole records
 * and queued, in the order the worker wrote them, until the merger writes them out.
 *
 * <p>When its worker may be restarted ({@code hold}), the records with the worker's latest seq are
 * held back: a worker can write several records for one seq, so they are whole only once it has
 * written a later seq or ended well ({@link #release()}). If it crashes instead, the held records are
 * dropped ({@link #reopen}) and that seq is dealt again. A cut record or an abort mark is then not an
 * error yet, only if the worker exits 0 anyway.
 */
final class Inlet {
  private static final int MAX_RECORD_BYTES = 256 << 20;

  final int index;
  final String name;
  private final boolean hold;
  private final boolean awaitRelease;
  private ReadableByteChannel channel;
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
  private long bytesIn;
  /** Whole records taken in (framed, not held back): what the worker has answered. */
  private long recordsIn;
  private boolean eof;
  private boolean released;
  /** Bytes of whole records at the front of the buffer, all with the latest seq, held back (see above). */
  private int held;
  /** With hold: what would have failed the run, kept until the worker's exit status says whether it does. */
  private RecpipeException problem;

  /**
   * With {@code awaitRelease}, the input's end counts only after {@link #release()}; with {@code hold}
   * (which needs it), the records of the latest seq wait for it too.
   */
  Inlet(int index, String name, ReadableByteChannel channel, boolean hold, boolean awaitRelease) {
    this.index = index;
    this.name = name;
    this.channel = channel;
    this.hold = hold;
    this.awaitRelease = awaitRelease || hold;
  }

  /**
   * Reads what is there and frames it; returns the bytes framed and ready to {@link #enqueue}, or -1
   * at end of file.
   */
  int read() throws IOException {
    if (limit == buffer.length) grow();
    int n = channel.read(ByteBuffer.wrap(buffer, limit, buffer.length - limit));
    if (n < 0) {
      eof = true;
      if (limit > held && problem == null) {
        RecordFormatException cut = new RecordFormatException(name + ": truncated record at byte offset "
            + (offset + held) + ": output ends at byte offset " + (offset + limit) + " inside it", offset);
        if (!hold) throw cut;
        problem = cut;
      }
      return -1;
    }
    if (problem != null) {
      limit = held; // the worker has failed: what follows is of no use, but it must not block
      return 0;
    }
    limit += n;
    bytesIn += n;
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
    int whole = position;
    if (hold) { // the records of the latest seq stay in the buffer, framed again with the next read
      while (count > 0 && seqs[count - 1] == lastSeq) count--;
      position = count == 0 ? 0 : ends[count - 1];
    }
    held = whole - position;
    return consume(seqs, ends, count, position);
  }

  /** Moves the first {@code count} framed records, {@code position} bytes, out of the buffer into {@link #newest}. */
  private int consume(long[] seqs, int[] ends, int count, int position) {
    if (count == 0) return 0;
    recordsIn += count;
    // the scratch index arrays are reused; the chunk keeps copies of exactly its size
    newest = new Chunk(Arrays.copyOf(buffer, position), Arrays.copyOf(seqs, count),
        Arrays.copyOf(ends, count), count);
    System.arraycopy(buffer, position, buffer, 0, limit - position);
    limit -= position;
    offset += position;
    return position;
  }

  /**
   * The worker ended well and its output is read to the end: the held records are whole. Returns
   * their bytes, ready to {@link #enqueue} (0 for none).
   *
   * @throws RecpipeException what its output showed of a failure: a cut record or an abort mark
   */
  int release() throws IOException {
    if (problem != null) throw problem;
    released = true;
    if (held == 0) return 0;
    long[] seqs = new long[16];
    int[] ends = new int[16];
    int count = 0;
    for (int position = 0; position < held; ) {
      position += framer.frame(buffer, position, held, offset + position);
      if (count == seqs.length) {
        seqs = Arrays.copyOf(seqs, count * 2);
        ends = Arrays.copyOf(ends, count * 2);
      }
      seqs[count] = framer.seq();
      ends[count++] = position;
    }
    int bytes = held;
    held = 0;
    return consume(seqs, ends, count, bytes);
  }

  /**
   * The worker crashed and a new one writes to {@code next}: drops the held records, which the new
   * worker writes again, and whatever the old one left after them. The new worker is dealt its
   * records again from their seq, {@link #lastSeq}.
   */
  void reopen(ReadableByteChannel next) {
    channel = next;
    limit = 0;
    held = 0;
    eof = false;
    problem = null;
  }

  /**
   * Queues the records the last {@link #read()} framed: in memory, or on disk in {@code spillTo}
   * when {@code overBudget} or when earlier records of this worker already wait there (order).
   */
  void enqueue(boolean overBudget, SpillDirectory spillTo) throws IOException {
    Chunk chunk = newest;
    if ((overBudget || hasSpilled()) && spillTo != null) {
      if (spill == null) spill = spillTo.open(index, name);
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
      throw new UncheckedIOException(e);
    }
  }

  /** Bytes of this worker's records waiting on disk. */
  long spilledBytes() {
    return spill == null ? 0 : spill.bytes();
  }

  void close() throws IOException {
    if (spill != null) spill.close();
  }

  /** The length of the record at {@code position}, or -1 if it is not all there, or after an abort mark. */
  private int frameAt(int position) throws RecpipeException {
    if ((buffer[position] & 0xff) == AbortMark.BYTE) {
      RecpipeException failed = new RecpipeException(name + " failed: its output ends with an abort mark");
      if (!hold) throw failed;
      problem = failed; // the records before it are good; whether it fails the run, the exit status says
      return -1;
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

  /**
   * True once the worker can write nothing more: at end of file, and, for a worker's output, released
   * (its worker exited 0: a crash leaves records it was dealt unanswered, which must not be passed).
   */
  boolean isEof() {
    return eof && (!awaitRelease || released);
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
   * Takes the leading records of the head chunk whose seq is at most {@code upTo}: they lie back to
   * back, so the caller writes them with one copy. Returns their count; their bytes are
   * {@code head().data} from the head's old start to its new one.
   */
  int takeRun(long upTo) {
    Chunk chunk = queue.peekFirst();
    int from = chunk.headStart();
    int count = 0;
    while (!chunk.isEmpty() && chunk.headSeq() <= upTo) {
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

  /**
   * What of this input's output has not gone out, in words ("a record with seq 7"), or null if
   * nothing: records queued in memory or on disk, held back, or the start of a cut one.
   */
  String waiting() {
    if (hasRecord()) return "a record with seq " + head().headSeq();
    if (held > 0) return held + " bytes of records with seq " + lastSeq + ", held back";
    if (limit > 0) return limit + " bytes of a cut record";
    return null;
  }

  /** The largest seq this worker has written so far, or -1. */
  long lastSeq() {
    return lastSeq;
  }

  long queuedBytes() {
    return queuedBytes;
  }

  /** Bytes read from the worker so far, whole records or not. */
  long bytesIn() {
    return bytesIn;
  }

  long recordsIn() {
    return recordsIn;
  }
}
