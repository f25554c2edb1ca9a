package dev.recpipe.common;

import dev.recpipe.common.io.ByteWindow;
import java.io.IOException;
import java.io.InputStream;

/**
 * A record stream cut into whole records by a {@link RecordFramer}, before the Jackson parser of a
 * {@link RecordReader} reads a byte of it.
 *
 * <p>Why: so that what a record is, and what is wrong with a stream, is decided in one place, the
 * same for every stage. The framer checks each record whole, with the rules and messages fanout uses
 * (docs/FORMAT.md); as an {@link InputStream}, this class hands the parser only the bytes of records
 * that passed. So Jackson decodes values and never meets a cut, an abort mark, a record of the wrong
 * shape or an item recpipe does not read: those are the framer's errors, thrown by {@link #next()}.
 * The framer also writes over the heads of the tags recpipe reads as the item they tag, so that
 * Jackson acts on none of them (see {@link RecordFramer#RecordFramer(boolean)}); nothing else of the
 * bytes changes, nor their offsets.
 *
 * <p>It frames ahead, as many records as the bytes read so far hold, and {@link #next()} hands them
 * out in order; an error found ahead is thrown when {@code next()} reaches it, after the records
 * before it. It reads more input only when no whole record is left, so a record is decoded as soon
 * as it has arrived. Memory: one record at most, plus a read's worth. Does not close {@code in}.
 */
final class FramedInput extends InputStream {
  /** The most records framed ahead. */
  private static final int AHEAD = 1024;

  private final InputStream in;
  private final RecordFramer framer = new RecordFramer(true);
  /**
   * The bytes read: from its position, the next byte to hand the parser, to its limit. Room for one
   * record at the limit and a read: the framer refuses a longer one before the window fills.
   */
  private final ByteWindow window;
  /** Where the records framed so far end, in the stream: the window's bytes move. */
  private long framedEnd;
  private boolean eof;
  private RecordFormatException failure;
  /** The records framed and not yet handed out by next(): their offsets and seqs, from aheadFirst. */
  private final long[] aheadOffsets = new long[AHEAD];
  private final long[] aheadSeqs = new long[AHEAD];
  private int aheadFirst;
  private int aheadCount;
  private long recordOffset = -1;
  private long seq = -1;

  FramedInput(InputStream in) {
    this.in = in;
    // the rest of a stream FastRecordReader began: its offsets
    long first = StreamTail.offsetOf(in);
    this.window = new ByteWindow(Limits.MAX_RECORD_BYTES + ByteWindow.READ_SIZE, 0, first);
    this.framedEnd = first;
  }

  /**
   * Moves on to the next whole record and returns true, or returns false at the clean end of the
   * input, exactly between two records. The parser must have read every byte of the records before.
   *
   * @throws RecordFormatException the next record is not one: cut off by the end of the input, an
   *     abort mark ({@link UpstreamFailedException}), malformed, or holding what recpipe does not read
   */
  boolean next() throws IOException {
    if (aheadCount == 0 && !frameMore()) return false;
    recordOffset = aheadOffsets[aheadFirst];
    seq = aheadSeqs[aheadFirst];
    aheadFirst++;
    aheadCount--;
    return true;
  }

  /** Where the current record starts in the input; after next() failed, where the bad one does. */
  long recordOffset() {
    return recordOffset;
  }

  /** The current record's seq. */
  long seq() {
    return seq;
  }

  /** Frames at least one record, reading more input as needed; false at the clean end. */
  private boolean frameMore() throws IOException {
    while (true) {
      frameBuffered();
      if (aheadCount > 0) return true;
      if (failure == null && eof && framed() < window.limit()) {
        failure = RecordFormatException.truncated(framedEnd, window.offset(window.limit()));
      }
      if (failure != null) {
        recordOffset = framedEnd;
        throw failure;
      }
      if (eof) return false;
      fill();
    }
  }

  /** Frames the whole records among the bytes read, up to AHEAD, or keeps the error it meets. */
  private void frameBuffered() {
    aheadFirst = 0;
    while (aheadCount < AHEAD && framed() < window.limit() && failure == null) {
      try {
        int length = framer.frame(window.bytes(), framed(), window.limit(), framedEnd);
        if (length < 0) return;
        aheadOffsets[aheadCount] = framedEnd;
        aheadSeqs[aheadCount++] = framer.seq();
        framedEnd += length;
      } catch (RecordFormatException e) {
        failure = e;
      }
    }
  }

  /** Where the records framed so far end, in the window. */
  private int framed() {
    return (int) (framedEnd - window.offset(0));
  }

  /**
   * Reads more input after the bytes read; the window drops those the parser has had, and grows
   * only for a record longer than a read, up to the record limit: beyond that the framer has thrown.
   */
  private void fill() throws IOException {
    if (window.read(in) < 0) eof = true;
  }

  @Override
  public int read(byte[] b, int off, int len) {
    if (len == 0) return 0;
    int available = available();
    if (available == 0) {
      throw new IllegalStateException("unreachable: the parser reads past the records framed");
    }
    int n = Math.min(len, available);
    System.arraycopy(window.bytes(), window.position(), b, off, n);
    window.consume(n);
    return n;
  }

  @Override
  public int read() {
    byte[] one = new byte[1];
    read(one, 0, 1);
    return one[0] & 0xff;
  }

  @Override
  public int available() {
    return framed() - window.position();
  }
}
