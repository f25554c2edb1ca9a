package dev.recpipe.common;

import java.io.IOException;
import java.io.OutputStream;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.concurrent.locks.ReentrantLock;

/**
 * A record stage's stdout that another thread can end with an {@link AbortMark}: the shutdown hook
 * that runs when the stage is stopped by SIGTERM, SIGINT, SIGHUP, or another signal whose default ends a
 * process ({@link dev.recpipe.common.cli.Tool}'s), or any exit that is not a success.
 *
 * <p>Why: a stage stopped by a signal ends its output wherever it was, and a stream cut between
 * two records is a valid, shorter stream: {@code reader big.csv | timeout 2 fanout -n 2 summer |
 * writer -o sums.csv} would commit a third of the rows. With the mark, everything downstream
 * fails instead.
 *
 * <p>The mark is only meaningful between records: inside one, the {@code ff} byte could be taken as
 * part of a string and so complete the record. So writers tell this stream where records end:
 * {@link #write(byte[], int, int)} means "these bytes end at a record boundary" (what the merger
 * and anything that writes whole records do), {@link #writePartial} means "these end inside a
 * record" ({@link RecordWriter} with a record larger than its buffer). An abort inside a record
 * writes nothing: the output then ends inside a record, which every CBOR decoder reports as a
 * truncation. Either way the stream downstream is not a valid, complete one.
 *
 * <p>Writes are serialised by a lock that {@link #abort} takes too, so the mark never lands inside
 * another write. After {@link #complete} or {@link #abort}, further writes are dropped: the process
 * is on its way out.
 *
 * <p>Does not close {@code out}.
 */
public final class AbortableOutput extends OutputStream {
  private final OutputStream out;
  private final BooleanSupplier isTerminal;
  private final ReentrantLock lock = new ReentrantLock();
  private volatile boolean carriesRecords = true;
  private boolean insideRecord;
  private volatile boolean ended;

  public AbortableOutput(OutputStream out) {
    this(out, () -> false);
  }

  /**
   * Over {@code out}, which gets no mark while {@code isTerminal} says it is a terminal: a person
   * reading {@code reader --bogus} needs the message, not a stray byte. Asked only on abort.
   */
  public AbortableOutput(OutputStream out, BooleanSupplier isTerminal) {
    this.out = out;
    this.isTerminal = isTerminal;
  }

  /** True once {@link #complete} or {@link #abort} has run: nothing more will be written. */
  public boolean hasEnded() {
    return ended;
  }

  /** True if this is a terminal, where records (binary) are of no use to anyone. */
  public boolean isTerminal() {
    return isTerminal.getAsBoolean();
  }

  /** False for a tool or mode whose stdout is text (summer --text): it gets no mark. */
  public void carriesRecords(boolean records) {
    this.carriesRecords = records;
  }

  @Override
  public void write(int b) throws IOException {
    write(new byte[] {(byte) b}, 0, 1);
  }

  /** Writes bytes that end at a record boundary (or that are not records at all). */
  @Override
  public void write(byte[] bytes, int offset, int length) throws IOException {
    write(bytes, offset, length, false);
  }

  /** Writes bytes that end inside a record: an abort before the rest follows writes no mark. */
  public void writePartial(byte[] bytes, int offset, int length) throws IOException {
    write(bytes, offset, length, true);
  }

  private void write(byte[] bytes, int offset, int length, boolean endsInsideRecord) throws IOException {
    lock.lock();
    try {
      if (ended) return;
      out.write(bytes, offset, length);
      insideRecord = endsInsideRecord;
    } finally {
      lock.unlock();
    }
  }

  @Override
  public void flush() throws IOException {
    lock.lock();
    try {
      if (!ended) out.flush();
    } finally {
      lock.unlock();
    }
  }

  /** The run succeeded: no mark, whatever happens later (a signal after the last record). */
  public void complete() {
    lock.lock();
    try {
      ended = true;
    } finally {
      lock.unlock();
    }
  }

  /**
   * Ends the output with the abort mark, unless it already ended, carries no records, ends inside a
   * record or is a terminal; later writes are dropped. Waits at most {@code waitMillis} for a write in progress (a
   * downstream that has stopped reading can block one for ever): past that, no mark is written.
   *
   * @return true if the mark was written
   */
  public boolean abort(long waitMillis) {
    boolean locked;
    try {
      locked = lock.tryLock(waitMillis, TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
    if (!locked) return false;
    try {
      if (ended) return false;
      ended = true;
      if (!carriesRecords || insideRecord || isTerminal.getAsBoolean()) return false;
      AbortMark.write(out);
      return true;
    } catch (IOException downstreamGone) {
      return false; // nobody is reading: nothing to tell
    } finally {
      lock.unlock();
    }
  }
}
