package dev.recpipe.fanout.records;

/**
 * Frames the two record shapes that nearly every recpipe stream is made of, {@code [seq, integer]}
 * (summer's output) and {@code [seq, [integers]]} with up to 23 of them (reader's rows), in one
 * short method, and gives up on anything else, leaving it to {@link
 * dev.recpipe.common.RecordFramer}, which reads every record recpipe reads and names every fault.
 *
 * <p>Why: fanout frames every record twice, once as the dealer cuts stdin into batches and once as an
 * inlet cuts a worker's answer, and framing was most of its CPU time. fanout runs C1-compiled (see
 * tools.txt), which inlines little, so the general framer's calls per record (record, elements, seq,
 * value, and a {@code VarHandle} for each wide head) cost more than the few bytes it looks at in
 * these shapes. This method reads them in one loop, with plain byte arithmetic.
 *
 * <p>It takes only what the general framer takes, with the same length and seq: a definite array of
 * two, a seq in a head of 1 to 9 bytes up to 2^63-1, then an integer of any width (major type 0 or 1)
 * or a definite array of 0 to 23 such integers. For every other byte sequence, {@link #frame}
 * returns {@link #OTHER} and the caller asks the general framer, which also finds the errors. Bytes
 * that begin such a record but end before it does are {@link #CUT}: the general framer would only
 * say the same (it needs more), and asking it at the end of every read made it hot enough to be
 * compiled, nine methods, though it framed nothing ({@code ShapeFramerTest} holds the two to the
 * same answers).
 */
final class ShapeFramer {
  /** Not one of the two shapes: ask the general framer. */
  static final int OTHER = -1;
  /** The start of one of the two shapes, all well so far, but the bytes end before the record does: read more. */
  static final int CUT = -2;

  private long seq;

  /**
   * The length of the record at {@code bytes[start]}, within {@code limit}, if it is one of the two
   * shapes; else {@link #OTHER}. After a length, {@link #seq()} is its seq.
   */
  int frame(byte[] bytes, int start, int limit) {
    int p = start;
    if (limit - p < 3) return shortStart(bytes, p, limit);
    if (bytes[p] != (byte) 0x82) return OTHER;
    int b = bytes[p + 1] & 0xff;
    if (b < 24) {
      seq = b;
      p += 2;
    } else {
      int width = integerWidth(b);
      if (width < 0) return OTHER;
      if (limit - p < 2 + width) return CUT;
      long value = 0;
      for (int i = p + 2; i < p + 2 + width; i++) value = value << 8 | (bytes[i] & 0xff);
      if (value < 0) return OTHER; // past 2^63-1: the general framer says so
      seq = value;
      p += 2 + width;
      if (p == limit) return CUT;
    }
    b = bytes[p] & 0xff;
    int items;
    if ((b & 0xdf) < 28) {
      items = 1; // [seq, integer]: the loop below frames the one integer
    } else if (b >= 0x80 && b <= 0x97) {
      items = b - 0x80;
      p++;
    } else {
      return OTHER;
    }
    for (int i = 0; i < items; i++) {
      if (p >= limit) return CUT;
      // Each width its own branch, adding a constant: where the next item starts is then known before
      // its head is loaded, as long as the branch is predicted (a column's integers mostly share a
      // width), so the loads of a row's heads overlap instead of waiting each for the one before:
      // twice as fast on gencsv's rows as reading the width out of the head, but 1.5 times slower
      // where every integer's width is drawn at random (bench/results/fanout-path.md, 2026-12-01)
      int head = bytes[p] & 0xdf; // major types 0 and 1 alike
      if (head < 24) {
        p += 1;
      } else if (head == 26) {
        p += 5;
      } else if (head == 25) {
        p += 3;
      } else if (head == 24) {
        p += 2;
      } else if (head == 27) {
        p += 9;
      } else {
        return OTHER;
      }
    }
    return p <= limit ? p - start : CUT;
  }

  /** What fewer than 3 bytes at {@code p} are: the start of a record of the two shapes (or nothing), or another one. */
  private static int shortStart(byte[] bytes, int p, int limit) {
    if (p < limit && bytes[p] != (byte) 0x82) return OTHER;
    if (p + 1 < limit && (bytes[p + 1] & 0xff) > 27) return OTHER; // not a seq's head
    return CUT;
  }

  /** The seq of the record last framed. */
  long seq() {
    return seq;
  }

  /** Bytes after the head's first for an unsigned integer head {@code b} of 24 to 27; -1 for any other head. */
  private static int integerWidth(int b) {
    return b >= 24 && b <= 27 ? 1 << b - 24 : -1;
  }
}
