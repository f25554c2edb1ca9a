package dev.recpipe.common.io;

import dev.recpipe.common.IoErrors;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.ReadableByteChannel;
import java.util.Arrays;

/**
 * A window on a byte stream that a scanner works through in place: bytes {@code [position, limit)}
 * of {@link #bytes()} are read but not yet consumed. Every parser and framer of recpipe reads through
 * one: the CSV parsers, reader's line splitter, fanout's batch cutter and its worker inlets.
 *
 * <p>Why not a {@code BufferedInputStream}: a scanner here looks at many bytes before it knows where
 * a row or record ends, and hands out ranges of the array itself, not copies. A read first moves the
 * unconsumed bytes to the front (compacts), and the array grows only when they leave less than half
 * a read free: memory follows the longest unconsumed stretch (a row, a record), not the input, and
 * never exceeds {@code capacity}, which the caller sets just past the record limit it enforces.
 *
 * <p>With a {@code reserve} of 1 the array always has one byte free after {@code limit}, where a
 * scanner may keep a sentinel (the CSV parsers' {@code '\n'}) so that its inner loop needs no bounds
 * check. A read may move the bytes: take {@link #bytes()} again after it. Does not close the stream.
 *
 * <pre>{@code
 * ByteWindow window = new ByteWindow(Limits.MAX_RECORD_BYTES + ByteWindow.READ_SIZE, 0);
 * while (window.read(in, "stdin") >= 0) {
 *   int length = framer.frame(window.bytes(), window.position(), window.limit(), window.offset(window.position()));
 *   if (length > 0) window.consume(length);
 * }
 * }</pre>
 */
public final class ByteWindow {
  /** How much one read asks for: 64 KiB. */
  public static final int READ_SIZE = 64 * 1024;

  private final int capacity;
  private final int reserve;
  private byte[] bytes;
  private int position;
  private int limit;
  /** Where {@code bytes[0]} is in the stream. */
  private long start;

  /**
   * A window that holds at most {@code capacity} unconsumed bytes, with {@code reserve} bytes (0 or
   * 1) always free after them.
   */
  public ByteWindow(int capacity, int reserve) {
    this(capacity, reserve, 0);
  }

  /** The same, for a stream whose first byte is at {@code firstOffset} of a larger whole. */
  public ByteWindow(int capacity, int reserve, long firstOffset) {
    if (capacity < READ_SIZE) throw new IllegalArgumentException("capacity < " + READ_SIZE + ": " + capacity);
    if (reserve < 0 || reserve > 1) throw new IllegalArgumentException("reserve not 0 or 1: " + reserve);
    this.capacity = capacity;
    this.reserve = reserve;
    this.bytes = new byte[READ_SIZE + reserve];
    this.start = firstOffset;
  }

  /** The array; valid until the next read. */
  public byte[] bytes() {
    return bytes;
  }

  /** The first unconsumed byte. */
  public int position() {
    return position;
  }

  /**
   * Moves the first unconsumed byte to {@code position}, within {@code [0, limit()]}: the bytes before
   * it are consumed, and the next read may drop them.
   */
  public void position(int position) {
    if (position < 0 || position > limit) {
      throw new IndexOutOfBoundsException("position " + position + " outside [0, " + limit + "]");
    }
    this.position = position;
  }

  /** Consumes the next {@code count} bytes. */
  public void consume(int count) {
    position(position + count);
  }

  /** The end of the bytes read. */
  public int limit() {
    return limit;
  }

  /** Unconsumed bytes in the window. */
  public int available() {
    return limit - position;
  }

  /** Where {@code bytes()[index]} is in the stream, counted from 0 (or from the first offset given). */
  public long offset(int index) {
    return start + index;
  }

  /**
   * Reads more after {@code limit}, keeping the unconsumed bytes (they may move): the number of bytes
   * read, at least 1, or -1 at the end of the stream. A failure is named after {@code source}.
   *
   * @throws IllegalStateException the window holds {@code capacity} unconsumed bytes already
   */
  public int read(InputStream in, String source) throws IOException {
    int room = makeRoom();
    int read = IoErrors.read(in, bytes, limit, room, source);
    if (read > 0) limit += read;
    return read;
  }

  /** The same for a stream whose failures name themselves already (a labelled stdin). */
  public int read(InputStream in) throws IOException {
    int room = makeRoom();
    int read;
    do {
      read = in.read(bytes, limit, room);
    } while (read == 0);
    if (read > 0) limit += read;
    return read;
  }

  /**
   * Reads what {@code channel} has after {@code limit}, keeping the unconsumed bytes (they may move):
   * the number of bytes read, 0 if none are there yet (a non-blocking channel), -1 at the end.
   *
   * @throws IllegalStateException the window holds {@code capacity} unconsumed bytes already
   */
  public int read(ReadableByteChannel channel) throws IOException {
    int room = makeRoom();
    int read = channel.read(ByteBuffer.wrap(bytes, limit, room));
    if (read > 0) limit += read;
    return read;
  }

  /** Adds {@code b} after {@code limit}, as if read: for an end the stream lacks (the CSV final newline). */
  public void append(byte b) {
    if (bytes.length - reserve - limit == 0) makeRoom();
    bytes[limit++] = b;
  }

  /** Compacts, and grows when less than half a read is free after that; returns the room for a read. */
  private int makeRoom() {
    compact();
    int room = bytes.length - reserve - limit;
    if (room >= READ_SIZE / 2) return room;
    int length = (int) Math.min(capacity, Math.max(2L * (bytes.length - reserve), (long) limit + READ_SIZE));
    if (length <= limit) throw new IllegalStateException("window full: " + limit + " bytes unconsumed, the capacity");
    bytes = Arrays.copyOf(bytes, length + reserve);
    return length - limit;
  }

  /** Moves the unconsumed bytes to the front. */
  private void compact() {
    if (position == 0) return;
    System.arraycopy(bytes, position, bytes, 0, limit - position);
    start += position;
    limit -= position;
    position = 0;
  }
}
