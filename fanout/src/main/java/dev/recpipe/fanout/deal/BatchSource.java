package dev.recpipe.fanout.deal;

import dev.recpipe.common.AbortMark;
import dev.recpipe.common.RecordFormatException;
import dev.recpipe.common.UpstreamFailedException;
import dev.recpipe.common.RecordFramer;
import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;

/**
 * Cuts an input record stream into {@link Batch}es of up to {@code batchSize} records, finding record
 * boundaries in the CBOR bytes without decoding values.
 *
 * <p>Input seqs must not decrease (reader's never do): fanout restores order by seq, so input out of
 * order is an error naming the byte offset. Does not close {@code in}.
 */
public final class BatchSource {
  /** Largest record accepted, so a corrupt length can't make fanout allocate without bound. */
  static final int MAX_RECORD_BYTES = 256 << 20;

  private final InputStream in;
  private final int batchSize;
  private final RecordFramer framer = new RecordFramer();
  private byte[] buffer = new byte[64 * 1024];
  private int start;
  private int limit;
  private long bufferOffset;
  private long lastSeq = -1;
  private boolean eof;
  private IOException failure;

  public BatchSource(InputStream in, int batchSize) {
    if (batchSize < 1) throw new IllegalArgumentException("batchSize < 1: " + batchSize);
    this.in = in;
    this.batchSize = batchSize;
  }

  /**
   * The next batch: {@code batchSize} records, fewer only at the end of input; null after the end.
   * When the input turns bad (an abort mark, a cut or malformed record), the whole records before
   * that still come as a last batch; the error comes with the call after it.
   */
  public Batch next() throws IOException {
    if (failure != null) throw failure;
    int position = start;
    int count = 0;
    long firstSeq = -1;
    try {
      while (count < batchSize) {
        if (position < limit && (buffer[position] & 0xff) == AbortMark.BYTE) {
          throw new UpstreamFailedException(bufferOffset + position);
        }
        int length = framer.frame(buffer, position, limit, bufferOffset + position);
        if (length < 0) {
          int scanned = position - start;
          boolean more;
          try {
            more = fill();
          } finally {
            position = start + scanned; // fill() moves the unfinished batch to the front
          }
          if (more) continue;
          if (position < limit) throw truncated(position);
          if (count == 0) return null;
          break;
        }
        long seq = framer.seq();
        if (seq < lastSeq) {
          throw new RecordFormatException("byte offset " + (bufferOffset + position) + ": seq " + seq
              + " after seq " + lastSeq + ": fanout's input must be in non-decreasing seq order",
              bufferOffset + position);
        }
        if (count == 0) firstSeq = seq;
        lastSeq = seq;
        position += length;
        count++;
      }
    } catch (IOException e) {
      if (count == 0) throw e;
      failure = e; // the whole records before the failure go out first, as a serial stage's would
    }
    Batch batch = new Batch(Arrays.copyOfRange(buffer, start, position), firstSeq, lastSeq, count);
    start = position;
    return batch;
  }

  private RecordFormatException truncated(int position) {
    long offset = bufferOffset + position;
    return new RecordFormatException("truncated record at byte offset " + offset
        + ": input ends at byte offset " + (bufferOffset + limit) + " inside it", offset);
  }

  /** Moves the unfinished batch to the front and reads more; false at end of input. */
  private boolean fill() throws IOException {
    if (eof) return false;
    int unread = limit - start;
    if (start > 0) {
      System.arraycopy(buffer, start, buffer, 0, unread);
      bufferOffset += start;
      start = 0;
      limit = unread;
    }
    if (limit == buffer.length) grow();
    int n = in.read(buffer, limit, buffer.length - limit);
    if (n < 0) {
      eof = true;
      return false;
    }
    limit += n;
    return true;
  }

  private void grow() throws RecordFormatException {
    if (buffer.length >= MAX_RECORD_BYTES) {
      throw new RecordFormatException("byte offset " + bufferOffset + ": record larger than "
          + (MAX_RECORD_BYTES >> 20) + " MiB", bufferOffset);
    }
    buffer = Arrays.copyOf(buffer, buffer.length * 2);
  }
}
