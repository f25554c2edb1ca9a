package dev.recpipe.fanout.records;

import java.util.Arrays;

/**
 * Consecutive whole records as their raw bytes, with each record's seq and end: what fanout moves
 * around. A batch the dealer hands to one worker is one, and so is what the merger has read from a
 * worker and not yet written. Knowing the seqs a chunk spans lets the merger tell when a worker can no
 * longer write a record that comes before another's, and lets a restart skip what was answered
 * without framing the bytes again. Made by a {@link Chunker}; never changed after.
 */
public final class Chunk {
  /** What a record costs a chunk besides its bytes: its seq and its end. */
  public static final int BYTES_PER_RECORD = Long.BYTES + Integer.BYTES;
  /** What a chunk costs besides its records, about: itself and its three arrays' headers. */
  public static final int OVERHEAD = 64;

  private final byte[] bytes;
  private final long[] seqs;
  private final int[] ends;

  Chunk(byte[] bytes, long[] seqs, int[] ends) {
    this.bytes = bytes;
    this.seqs = seqs;
    this.ends = ends;
  }

  /**
   * Records made elsewhere than by a {@link Chunker} (a {@code --lines} worker's lines): {@code
   * bytes} holds {@code seqs.length} whole records back to back, record {@code i} ending at {@code
   * ends[i]}, seqs never going down. The arrays are the chunk's from now on.
   */
  public static Chunk of(byte[] bytes, long[] seqs, int[] ends) {
    if (seqs.length != ends.length || seqs.length == 0) throw new IllegalArgumentException(seqs.length + " seqs, " + ends.length + " ends");
    if (ends[ends.length - 1] != bytes.length) throw new IllegalArgumentException("the last record ends at " + ends[ends.length - 1] + " of " + bytes.length);
    return new Chunk(bytes, seqs, ends);
  }

  /**
   * The heap this chunk takes, about: its bytes, and a seq and an end a record, which outweigh the
   * bytes of small records (summer's {@code [seq, sum]} takes about 10). What {@code --buffer} counts.
   */
  public long footprint() {
    return bytes.length + (long) seqs.length * BYTES_PER_RECORD + OVERHEAD;
  }

  /** The records' bytes, back to back. */
  public byte[] bytes() {
    return bytes;
  }

  public int records() {
    return seqs.length;
  }

  public long seq(int record) {
    return seqs[record];
  }

  public long firstSeq() {
    return seqs[0];
  }

  public long lastSeq() {
    return seqs[seqs.length - 1];
  }

  /** Where record {@code record} starts in {@link #bytes()}; {@code start(records())} is the end. */
  public int start(int record) {
    return record == 0 ? 0 : ends[record - 1];
  }

  /** The first record whose seq is {@code seq} or more, {@link #records()} if none: seqs never go down in a chunk. */
  public int indexOf(long seq) {
    int index = Arrays.binarySearch(seqs, seq);
    if (index < 0) return -index - 1;
    while (index > 0 && seqs[index - 1] == seq) index--;
    return index;
  }

  /** Records {@code from} to {@code to} (exclusive) as a chunk of their own. */
  public Chunk slice(int from, int to) {
    int start = start(from);
    int[] shifted = new int[to - from];
    for (int i = 0; i < shifted.length; i++) shifted[i] = ends[from + i] - start;
    return new Chunk(Arrays.copyOfRange(bytes, start, start(to)), Arrays.copyOfRange(seqs, from, to), shifted);
  }
}
