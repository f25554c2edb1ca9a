package dev.recpipe.fanout.deal;

import dev.recpipe.common.Limits;
import dev.recpipe.common.Location;
import dev.recpipe.common.RecordFormatException;
import dev.recpipe.common.io.ByteWindow;
import dev.recpipe.fanout.records.Chunk;
import dev.recpipe.fanout.records.Chunker;
import java.io.IOException;
import java.io.InputStream;

/**
 * Cuts an input record stream into batches ({@link Chunk}s) of up to {@code batchSize} records,
 * finding record boundaries in the CBOR bytes without decoding values. A batch is also cut short once
 * it holds {@link Limits#MAX_RECORD_BYTES}, so that memory stays bounded whatever the batch size: the
 * window holds a batch and the start of the next record, at most twice the record limit.
 *
 * <p>Input seqs must not decrease (reader's never do): fanout restores order by seq, so input out of
 * order is an error naming the byte offset. Does not close {@code in}.
 */
public final class BatchSource {
  private final InputStream in;
  private final int batchSize;
  private final boolean wholeBatches;
  private final ByteWindow window = new ByteWindow(2 * Limits.MAX_RECORD_BYTES + 2 * ByteWindow.READ_SIZE, 0);
  private final Chunker chunker = new Chunker();
  private long lastSeq = -1;
  private boolean eof;
  private IOException failure;

  /**
   * Batches of {@code batchSize} records from {@code in}; with {@code wholeBatches}, each of them
   * whole but the last (-b: what the user asked for), else cut also where {@code in} has no more for
   * the moment (see {@link #next}).
   */
  public BatchSource(InputStream in, int batchSize, boolean wholeBatches) {
    if (batchSize < 1) throw new IllegalArgumentException("batchSize < 1: " + batchSize);
    this.in = in;
    this.batchSize = batchSize;
    this.wholeBatches = wholeBatches;
  }

  /**
   * The next batch: {@code batchSize} records, fewer at the end of input, past the record limit in
   * bytes, or, unless whole batches were asked for, when no more input has come yet: records never
   * wait for later ones, so a slow producer's records (a log followed, a command's output line by
   * line) are dealt as they come; null after the end. When the input turns bad (an abort mark, a
   * cut or malformed record), the whole records before that still come as a last batch; the error
   * comes with the call after it.
   */
  public Chunk next() throws IOException {
    if (failure != null) throw failure;
    try {
      while (frame() < batchSize && chunker.framedBytes() < Limits.MAX_RECORD_BYTES && waitsForMore() && fill()) {
        // framed what was there; read more
      }
    } catch (IOException e) {
      if (chunker.count() == 0) throw e;
      failure = e; // the whole records before the failure go out first, as a serial stage's would
    }
    if (chunker.count() == 0) return null;
    Chunk batch = chunker.take(window.bytes(), window.position());
    window.consume(batch.bytes().length);
    return batch;
  }

  private int frame() throws IOException {
    int from = window.position();
    return chunker.frame(window.bytes(), from, window.limit(), window.offset(from), batchSize, this::checkOrder);
  }

  private void checkOrder(long seq, long offset) throws RecordFormatException {
    if (seq < lastSeq) {
      throw new RecordFormatException(Location.atByte(offset),
          "seq " + seq + " after seq " + lastSeq + ": fanout's input must be in non-decreasing seq order");
    }
    lastSeq = seq;
  }

  /** Whether to read on before cutting the batch: whole batches, or none yet, or more input there already. */
  private boolean waitsForMore() throws IOException {
    return wholeBatches || chunker.count() == 0 || in.available() > 0;
  }

  /** Reads more; false at the end of input, an error if it ends inside a record. */
  private boolean fill() throws IOException {
    if (!eof && window.read(in) >= 0) return true;
    eof = true;
    int cut = window.position() + chunker.framedBytes();
    if (cut < window.limit()) throw RecordFormatException.truncated(window.offset(cut), window.offset(window.limit()));
    return false;
  }
}
