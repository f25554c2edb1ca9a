package dev.recpipe.reader;

import dev.recpipe.common.LocatedException;
import dev.recpipe.common.Location;

/**
 * The seqs reader numbers its rows or lines with, one after another from {@code --first-seq}.
 *
 * <p>Why a class: seqs end at 2^63-1 ({@code docs/FORMAT.md}), and {@code --first-seq} may start
 * near there. A row after the one that took the last seq is an error naming its place, as a bad field
 * is, not a negative seq that the record writer refuses as an internal error.
 */
final class Seqs {
  private long next;
  private boolean used;

  Seqs(long first) {
    if (first < 0) throw new IllegalArgumentException("first seq < 0: " + first);
    next = first;
  }

  /**
   * The seq of the row or line at {@code line} of {@code source}.
   *
   * @throws LocatedException the row before took the last seq, 2^63-1
   */
  long next(String source, long line) throws LocatedException {
    if (used && next == Long.MIN_VALUE) {
      throw new LocatedException(Location.ofLine(source, line),
          "no seq left: the one before had " + Long.MAX_VALUE + " (2^63-1), the largest a record may have");
    }
    used = true;
    return next++;
  }
}
