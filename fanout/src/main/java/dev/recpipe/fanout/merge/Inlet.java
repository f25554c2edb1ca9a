package dev.recpipe.fanout.merge;

import dev.recpipe.common.IoErrors;
import dev.recpipe.common.Limits;
import dev.recpipe.common.Location;
import dev.recpipe.common.RecordFormatException;
import dev.recpipe.common.RecpipeException;
import dev.recpipe.common.UpstreamFailedException;
import dev.recpipe.common.io.ByteWindow;
import dev.recpipe.fanout.deal.Ledger;
import dev.recpipe.fanout.records.Chunk;
import dev.recpipe.fanout.records.LineCountException;
import dev.recpipe.fanout.records.OutputFramer;
import java.io.IOException;
import java.nio.channels.ReadableByteChannel;
import java.util.ArrayList;
import java.util.List;

/**
 * One worker's output as it arrives: bytes read whenever the selector says so into a {@link
 * ByteWindow}, cut into whole records by a {@link Chunker}, checked (seqs never go back, each was
 * dealt to this worker: its {@link Ledger}) and queued, in the order the worker wrote them, in a
 * {@link SpillQueue} until the merger writes them out.
 *
 * <p>When its worker may be restarted ({@code hold}), the records with the worker's latest seq are
 * held back: a worker can write several records for one seq, so they are whole only once it has
 * written a later seq or ended well ({@link #release()}). If it crashes instead, the held records are
 * dropped ({@link #reopen}) and that seq is dealt again. A cut record or an abort mark is then not an
 * error yet, only if the worker exits 0 anyway.
 */
public final class Inlet implements AutoCloseable {
  final String name;
  private final Ledger ledger;
  private final boolean hold;
  private final boolean awaitRelease;
  final SpillQueue queue;
  private final OutputFramer framer;
  private ReadableByteChannel channel;
  private ByteWindow window = newWindow();
  /** The records of the latest seq, held back (see above), and their bytes. */
  private final List<Chunk> held = new ArrayList<>();
  private long heldBytes;
  private long lastSeq = -1;
  private long bytesIn;
  private long records;
  private boolean eof;
  private boolean released;
  /** With hold: what would have failed the run, kept until the worker's exit status says whether it does. */
  private RecpipeException problem;

  /**
   * Input {@code name}, read from {@code channel}. With {@code awaitRelease}, the input's end counts
   * only after {@link #release()}; with {@code hold} (which needs it), the records of the latest seq
   * wait for it too.
   */
  Inlet(String name, ReadableByteChannel channel, Ledger ledger, SpillQueue queue, boolean hold, boolean awaitRelease,
      OutputFramer framer) {
    this.name = name;
    this.framer = framer;
    this.channel = channel;
    this.ledger = ledger;
    this.queue = queue;
    this.hold = hold;
    this.awaitRelease = awaitRelease || hold;
  }

  /** Room for one record at the limit and a read: the framer refuses a longer one before the window fills. */
  private static ByteWindow newWindow() {
    return new ByteWindow(Limits.MAX_RECORD_BYTES + 2 * ByteWindow.READ_SIZE, 0);
  }

  /** Reads what is there, and queues the whole records among it; false at end of file. */
  boolean read() throws IOException {
    int n;
    try {
      n = window.read(channel);
    } catch (IOException e) { // named, as the framer's errors are: "Is a directory" alone says not which
      throw new IOException(Location.of(name).describe(IoErrors.reason(e)), e);
    }
    if (n < 0) {
      eof = true;
      if (problem == null) frame(true);
      if (window.available() > 0 && problem == null) cut();
      return false;
    }
    if (problem != null) { // the worker has failed: what follows is of no use, but it must not block
      window.consume(window.available());
      return true;
    }
    bytesIn += n;
    frame(false);
    return true;
  }

  private void cut() throws RecordFormatException {
    long at = window.offset(window.position());
    RecordFormatException cut = RecordFormatException.truncated(at, window.offset(window.limit()));
    cut.in(name);
    if (!hold) throw cut;
    problem = cut;
  }

  /** Frames what has come; {@code atEnd}: the output has ended, and what is left may be a record of its own. */
  private void frame(boolean atEnd) throws IOException {
    try {
      int from = window.position();
      if (atEnd) {
        framer.end(window.bytes(), from, window.limit(), window.offset(from), this::checkOrder);
      } else {
        framer.frame(window.bytes(), from, window.limit(), window.offset(from), this::checkOrder);
      }
    } catch (LineCountException e) {
      if (!hold) throw e;
      problem = e; // as an abort mark: whether it fails the run, the exit status says
    } catch (UpstreamFailedException e) {
      RecpipeException failed = new RecpipeException(name + " failed: its output ends with an abort mark");
      if (!hold) throw failed;
      problem = failed; // the records before it are good; whether it fails the run, the exit status says
    } catch (RecordFormatException e) {
      throw e.in(name);
    }
    if (framer.count() == 0) return;
    int used = framer.framedBytes();
    Chunk framed = framer.take(window.bytes(), window.position());
    window.consume(used);
    if (hold) {
      holdLatest(framed);
    } else {
      enqueue(framed);
    }
  }

  private void checkOrder(long seq, long offset) throws RecordFormatException {
    if (seq < lastSeq) {
      throw new RecordFormatException(Location.atByte(offset), // named by frame(), as the framer's errors
          "seq " + seq + " after seq " + lastSeq + ": a worker's output must be in non-decreasing seq order");
    }
    lastSeq = seq;
  }

  /** Queues what is now known whole and holds back the records of the latest seq. */
  private void holdLatest(Chunk framed) throws IOException {
    if (!held.isEmpty() && held.get(0).firstSeq() != framed.lastSeq()) releaseHeld(); // a later seq came
    int latest = framed.indexOf(framed.lastSeq());
    if (latest > 0) enqueue(framed.slice(0, latest));
    Chunk kept = latest == 0 ? framed : framed.slice(latest, framed.records());
    held.add(kept);
    heldBytes += kept.bytes().length;
  }

  private void releaseHeld() throws IOException {
    for (Chunk chunk : held) enqueue(chunk);
    held.clear();
    heldBytes = 0;
  }

  private void enqueue(Chunk chunk) throws IOException {
    checkDealt(chunk);
    queue.add(chunk);
    records += chunk.records();
  }

  /**
   * Checks that every seq of {@code chunk} was dealt to this worker, a dealt range at a time: the
   * seqs never go down, so the records after those of one range start at the first seq past it, found
   * by a binary search, and one range (a batch) usually holds the whole chunk. Not a look at each record.
   */
  private void checkDealt(Chunk chunk) throws RecpipeException {
    long last = chunk.lastSeq();
    for (int i = 0; i < chunk.records(); ) {
      long seq = chunk.seq(i);
      long dealtThrough = ledger.dealtThrough(seq);
      if (dealtThrough < seq) throw new RecpipeException(name + " wrote a record with seq " + seq + ", which it was not dealt");
      if (dealtThrough >= last) return;
      i = chunk.indexOf(dealtThrough + 1); // below last, so no overflow
    }
  }

  /**
   * The worker ended well and its output is read to the end: the held records are whole, and queued.
   *
   * @throws RecpipeException what its output showed of a failure: a cut record or an abort mark
   */
  void release() throws IOException {
    if (problem != null) throw problem;
    framer.finish();
    released = true;
    releaseHeld();
  }

  /**
   * The worker crashed and a new one writes to {@code next}: drops the held records, which the new
   * worker writes again, and whatever the old one left after them. The new worker is dealt its
   * records again from their seq, {@link #lastSeq}; its output's offsets count from 0. Also after a
   * worker that ended well ({@link #release}), for {@code --skip-failed}'s next worker in its slot.
   */
  void reopen(ReadableByteChannel next) {
    channel = next;
    released = false;
    window = newWindow();
    framer.restartAt(lastSeq);
    held.clear();
    heldBytes = 0;
    eof = false;
    problem = null;
  }

  /**
   * True once the worker can write nothing more: at end of file, and, for a worker's output, released
   * (its worker exited 0: a crash leaves records it was dealt unanswered, which must not be passed).
   */
  boolean isEof() {
    return eof && (!awaitRelease || released);
  }

  /**
   * The largest seq that comes before anything this input may still write, {@link Ledger#NO_BOUND} if
   * it can write nothing more.
   */
  long before() throws IOException {
    if (queue.hasRecord()) return queue.headSeq() - 1;
    if (isEof()) return Ledger.NO_BOUND;
    // a worker that may be restarted (hold) may have its latest seq dealt again: not done with it
    if (hold) return ledger.before(lastSeq);
    return ledger.before(framer.leastNext(lastSeq));
  }

  /**
   * What of this input's output has not gone out, in words ("a record with seq 7"), or null if
   * nothing: records queued in memory or on disk, held back, or the start of a cut one.
   */
  String waiting() throws IOException {
    if (queue.hasRecord()) return "a record with seq " + queue.headSeq();
    if (heldBytes > 0) return heldBytes + " bytes of records with seq " + lastSeq + ", held back";
    if (window.available() > 0) return window.available() + " bytes of a cut record";
    return null;
  }

  /** The largest seq this worker has written so far, or -1: the records dealt to it before it are answered. */
  public long lastSeq() {
    return lastSeq;
  }

  /** Bytes read from the worker so far, whole records or not. */
  public long bytesIn() {
    return bytesIn;
  }

  /**
   * Whole records the worker has answered so far: those queued for the merge. Held ones count once
   * they are known whole; those a crash drops never do, so a record dealt again counts once.
   */
  public long records() {
    return records;
  }

  @Override
  public void close() throws IOException {
    queue.close();
  }
}
