package dev.recpipe.fanout.deal;

import dev.recpipe.common.AbortMark;
import dev.recpipe.fanout.records.BatchEncoder;
import dev.recpipe.fanout.records.Chunk;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.WritableByteChannel;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;

/**
 * The write end of one worker's input pipe, with at most one batch on its way into it. The pipe is
 * non-blocking: a batch goes in as the pipe has room, so the dealer never stalls on one worker.
 *
 * <p>When workers may be restarted, the outlet also keeps the batches its worker has not answered
 * yet (see {@link #answered}), to deal them again to the next worker in its place ({@link #restart}).
 */
public final class Outlet {
  final String name;
  private final Dealt.Share share;
  private final BatchEncoder encoder;
  private final BatchSize size;
  private WritableByteChannel channel;
  private final ArrayDeque<Chunk> unanswered;
  private ByteBuffer pending;
  /** The batch {@code pending} holds as its own bytes, where its records end is known; else null. */
  private Chunk pendingBatch;
  private boolean closed;
  /** {@code --skip-failed}: the worker reads the batch pending and then its input ends ({@link #probe}). */
  private boolean probing;
  private long records;

  /**
   * Named {@code name} in messages, writing to {@code channel}, a non-blocking channel that takes 0
   * bytes when full and fails with "Broken pipe" once nobody reads it (a {@code FifoChannel}); what it
   * is dealt goes into {@code share}, in batches of up to {@code size} records.
   * With {@code keep}, the outlet keeps each batch until its worker has answered it.
   */
  public Outlet(String name, WritableByteChannel channel, Dealt.Share share, boolean keep, BatchSize size) {
    this(name, channel, share, keep, size, BatchEncoder.RECORDS);
  }

  /** As above, the worker reading each batch as {@code encoder} makes it (lines, for {@code --lines}). */
  public Outlet(String name, WritableByteChannel channel, Dealt.Share share, boolean keep, BatchSize size,
      BatchEncoder encoder) {
    this.name = name;
    this.channel = channel;
    this.share = share;
    this.size = size;
    this.encoder = encoder;
    this.unanswered = keep ? new ArrayDeque<>() : null;
  }

  /** The size of this outlet's batches, which is told what its worker answers. */
  public BatchSize size() {
    return size;
  }

  /** Whether the outlet can take no batch now: one waits for room in the pipe, or a {@link #probe} is on. */
  public boolean isBusy() {
    return pending != null || probing;
  }

  /** Whether a batch waits for room in the pipe. */
  public boolean isWriting() {
    return pending != null;
  }

  /** Whether the worker's input has ended: the outlet has closed its pipe (all dealt, or a probe's records in). */
  public boolean isClosed() {
    return closed;
  }

  void assign(Chunk batch) throws IOException {
    pending = encoder.deal(batch);
    pendingBatch = encoder == BatchEncoder.RECORDS ? batch : null; // lines are not the records' bytes
    records += batch.records();
    share.dealt(batch);
    size.dealt(batch, System.nanoTime());
    if (unanswered != null) unanswered.addLast(batch);
  }

  /**
   * The worker has written a record with seq {@code seq}: as it writes in seq order, it is done with
   * every record before that seq, and the batches made only of such records are let go.
   */
  public void answered(long seq) {
    while (!unanswered.isEmpty() && unanswered.peekFirst().lastSeq() < seq) unanswered.removeFirst();
  }

  /**
   * The worker crashed: {@code next} is the input pipe of the one in its place, which gets again
   * every record kept from seq {@code fromSeq} on (all of them for -1) before any new batch. Returns
   * how many records that is.
   */
  int restart(WritableByteChannel next, long fromSeq) throws IOException {
    if (probing) encoder.restart(); // after --skip-failed's probes nothing is kept: the new worker starts afresh
    probing = false;
    answered(fromSeq);
    ByteArrayOutputStream again = new ByteArrayOutputStream();
    int count = 0;
    for (Chunk batch : unanswered) {
      int first = batch.indexOf(fromSeq); // only the first batch can start before it
      if (first == batch.records()) continue;
      ByteBuffer bytes = encoder.dealAgain(batch, first);
      again.write(bytes.array(), bytes.position(), bytes.remaining());
      count += batch.records() - first;
    }
    channel = next;
    closed = false;
    pending = again.size() > 0 ? ByteBuffer.wrap(again.toByteArray()) : null;
    pendingBatch = null;
    return count;
  }

  /**
   * {@code --skip-failed}: the records kept from seq {@code fromSeq} on (all for -1), which the
   * crashed worker had not answered, handed over to narrow down, and no longer kept here.
   */
  public List<Chunk> takeUnanswered(long fromSeq) {
    answered(fromSeq);
    List<Chunk> taken = new ArrayList<>();
    for (Chunk batch : unanswered) {
      int first = batch.indexOf(fromSeq); // only the first batch can start before it
      if (first < batch.records()) taken.add(first == 0 ? batch : batch.slice(first, batch.records()));
    }
    unanswered.clear();
    pending = null;
    pendingBatch = null;
    return taken;
  }

  /**
   * {@code --skip-failed}: {@code next}, the input pipe of the worker in a crashed one's place, gets
   * {@code records} and then its end, so the worker's exit status speaks for those records alone.
   * The outlet takes no batch until {@link #restart}. The dealer writes them ({@code writable}).
   */
  public void probe(WritableByteChannel next, Chunk records) throws IOException {
    channel = next;
    closed = false;
    probing = true;
    encoder.restart();
    pending = encoder.deal(records);
    pendingBatch = null;
  }

  /** Writes what the pipe takes; true when the batch is all in (a probe's pipe is then closed). */
  boolean write() throws IOException {
    if (pending == null) return true;
    while (pending.hasRemaining()) {
      if (channel.write(pending) == 0) return false;
    }
    pending = null;
    pendingBatch = null;
    if (probing) close();
    return true;
  }

  /**
   * Ends the pipe with an abort mark after a failure, so its reader fails too instead of taking the
   * records so far for all of them. A batch part way in is dropped where its part ends at a record's
   * end (nothing of it in, say), and the mark follows, as a clean end there would pass for the whole;
   * a part that ends inside a record leaves a cut record, which fails the reader all the same (a mark
   * there could be read as a byte of the record). A full pipe is waited on for as long as its reader
   * keeps it open, until it makes room for the mark: closed, it ended after whole records, a clean end
   * (a reader busy for 2 s, which this gave up after, read 4,096 of 9,744 records and ended well,
   * {@code FanoutIT.sigtermToDealWhoseReaderIsBusyEndsItsFullPipeWithTheMarkOnceThereIsRoom}). A
   * reader gone takes nothing ("Broken pipe"); one that never reads holds up the run after it anyway.
   */
  public void abort() throws InterruptedException {
    if (closed) return;
    try {
      if (atRecordEnd()) pending = null;
      ByteBuffer mark = ByteBuffer.wrap(new byte[] {(byte) AbortMark.BYTE});
      while (pending == null && mark.hasRemaining()) {
        if (channel.write(mark) == 0) Thread.sleep(10);
      }
      close();
    } catch (IOException readerGone) {
      // nobody left to tell
    }
  }

  /** Whether what is in the pipe of the pending batch, if any, ends at one of its records' ends. */
  private boolean atRecordEnd() {
    if (pending == null) return true;
    if (pendingBatch == null) return false; // bytes of its own (lines, records dealt again): not known
    int in = pending.position(); // the batch's own array, wrapped whole: the offset in it
    for (int record = 0; record < pendingBatch.records(); record++) {
      if (pendingBatch.start(record) == in) return true;
    }
    return false;
  }

  /** Ends the worker's input: it sees end of file once it has read what is in the pipe. */
  void close() throws IOException {
    if (closed) return;
    closed = true;
    channel.close();
  }

  /** Records dealt to this outlet so far, dealt again after a restart not counted twice. */
  public long records() {
    return records;
  }
}
