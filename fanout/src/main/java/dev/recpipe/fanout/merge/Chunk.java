package dev.recpipe.fanout.merge;

/**
 * Whole records read from one worker, kept as raw bytes with each record's end and seq: what waits
 * in the reorder buffer. A cursor walks it as records are written out.
 */
final class Chunk {
  final byte[] data;
  final long[] seqs;
  final int[] ends;
  final int count;
  private int cursor;

  Chunk(byte[] data, long[] seqs, int[] ends, int count) {
    this.data = data;
    this.seqs = seqs;
    this.ends = ends;
    this.count = count;
  }

  boolean isEmpty() {
    return cursor == count;
  }

  long headSeq() {
    return seqs[cursor];
  }

  int headStart() {
    return cursor == 0 ? 0 : ends[cursor - 1];
  }

  int headEnd() {
    return ends[cursor];
  }

  void advance() {
    cursor++;
  }

  /** Bytes of the records not yet written out. */
  int remainingBytes() {
    return data.length - headStart();
  }
}
