package dev.recpipe.writer;

import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;

/**
 * Passes an input stream through, and keeps what passed from a point its owner moves forward, so
 * the raw bytes of an item the CBOR parser has just decoded can be read again.
 *
 * <p>Why: Jackson's tokens lose what writer must render exactly. A map key that is a byte string or
 * a bignum comes out as text decoded from its bytes; an integer key of 2^63 or more as the wrong
 * number; and Jackson's UTF-8 decoder lets through overlong forms, surrogates and code points past
 * U+10FFFF. With the bytes at hand, {@link RawCbor} reads such an item again, exactly.
 *
 * <p>Offsets are counted from the first byte read through this stream, as Jackson counts them. The
 * owner calls {@link #release(long)} at each record, so what is kept is the current record and the
 * parser's read-ahead: memory bounded by one record, as the rest of writer's is.
 *
 * <p>Does not close {@code in}.
 */
final class RetainedInput extends InputStream {
  private static final int INITIAL_CAPACITY = 64 * 1024;

  private final InputStream in;
  private byte[] kept = new byte[INITIAL_CAPACITY];
  /** The offset of {@code kept[0]}. */
  private long keptStart;
  private int keptLength;
  /** Bytes before this offset may be dropped. */
  private long released;

  RetainedInput(InputStream in) {
    this.in = in;
  }

  @Override
  public int read() throws IOException {
    int b = in.read();
    if (b >= 0) keep(new byte[] {(byte) b}, 0, 1);
    return b;
  }

  @Override
  public int read(byte[] buffer, int offset, int length) throws IOException {
    int read = in.read(buffer, offset, length);
    if (read > 0) keep(buffer, offset, read);
    return read;
  }

  /** Reads and keeps what it skips: the skipped bytes may be an item to look at again. */
  @Override
  public long skip(long n) throws IOException {
    byte[] scratch = new byte[(int) Math.min(n, 8192)];
    int read = read(scratch, 0, scratch.length);
    return Math.max(read, 0);
  }

  @Override
  public int available() throws IOException {
    return in.available();
  }

  /** Lets the bytes before {@code offset} go. */
  void release(long offset) {
    released = Math.max(released, Math.min(offset, end()));
  }

  /** The offset just past the last byte read. */
  long end() {
    return keptStart + keptLength;
  }

  /** True if the byte at {@code offset} has been read and is still kept. */
  boolean holds(long offset) {
    return offset >= keptStart && offset < end();
  }

  /** The byte at {@code offset}, 0 to 255. */
  int byteAt(long offset) {
    return kept[index(offset)] & 0xff;
  }

  /**
   * The array that holds the kept bytes, for reading a range in place: the bytes from offset
   * {@code o} are at {@link #index(long) index(o)} on. Valid until the next read.
   */
  byte[] array() {
    return kept;
  }

  /** Where the byte at {@code offset} is in {@link #array()}. */
  int index(long offset) {
    if (offset < keptStart || offset > end()) {
      throw new IndexOutOfBoundsException("offset " + offset + " is not kept: " + keptStart + " to " + end());
    }
    return (int) (offset - keptStart);
  }

  /** A copy of the bytes from {@code from} to {@code to}. */
  byte[] copy(long from, long to) {
    return Arrays.copyOfRange(kept, index(from), index(to));
  }

  private void keep(byte[] bytes, int offset, int length) {
    if (kept.length - keptLength < length) makeRoom(length);
    System.arraycopy(bytes, offset, kept, keptLength, length);
    keptLength += length;
  }

  /** Drops the released bytes, and grows the array if that is not enough. */
  private void makeRoom(int length) {
    int drop = (int) (released - keptStart);
    System.arraycopy(kept, drop, kept, 0, keptLength - drop);
    keptLength -= drop;
    keptStart += drop;
    if (kept.length - keptLength >= length) return;
    long wanted = Math.max((long) keptLength + length, 2L * kept.length);
    if (wanted > Integer.MAX_VALUE - 8) throw new OutOfMemoryError("a record longer than 2 GiB");
    kept = Arrays.copyOf(kept, (int) wanted);
  }
}
