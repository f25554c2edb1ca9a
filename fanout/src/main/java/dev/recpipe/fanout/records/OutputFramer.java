package dev.recpipe.fanout.records;

import java.io.IOException;

/**
 * The inlet's half of a {@link LaneCodec}: cuts what a worker writes into {@link Chunk}s of whole
 * records. A record worker's output is records already ({@link Chunker}); a {@code --lines} worker's
 * is lines, each made a record with the seq dealt for it.
 *
 * <p>Framing goes on across calls until {@link #take}, as {@link Chunker} describes; a failure is
 * thrown as it is met, the records framed before it kept, to take.
 */
public interface OutputFramer {
  /**
   * Frames on in {@code bytes[from, to)}, where {@code from} is where the records framed so far start
   * and is at stream offset {@code offset}, each record's seq offered to {@code check} first. Returns
   * how many records are framed now.
   */
  int frame(byte[] bytes, int from, int to, long offset, Chunker.SeqCheck check) throws IOException;

  /**
   * The output has ended with {@code bytes[from, to)} not yet framed: frames them if they make a
   * record of their own (a last line without its line feed). Returns how many records are framed now;
   * what is still left is a cut record.
   */
  default int end(byte[] bytes, int from, int to, long offset, Chunker.SeqCheck check) throws IOException {
    return count();
  }

  /** Records framed since the last {@link #take}. */
  int count();

  /** The bytes of the output those records came from. */
  int framedBytes();

  /** The records framed, whose output starts at {@code bytes[from]}, as a chunk; framing starts afresh after. */
  Chunk take(byte[] bytes, int from);

  /**
   * The worker ended well and its output is all framed.
   *
   * @throws IOException its output does not answer what it was dealt (too few lines)
   */
  default void finish() throws IOException {}

  /**
   * The worker crashed; a new one, whose output starts afresh, is dealt again what the old one had
   * not answered, from the first record with seq {@code seq} on (all of it for -1).
   */
  default void restartAt(long seq) {}

  /**
   * The least seq the worker may still write, given {@code lastSeq}, the largest it has written (-1
   * for none): so that the merge lets later records of other workers out without waiting for more of
   * a seq this worker is done with. A record worker may write several records for one seq, so it is
   * done with one only once it writes a later seq or ends: {@code lastSeq} itself. A line filter
   * answers each record dealt with exactly one line, so its framer knows the seq of the next record
   * it answers (the same seq again, where records share one).
   */
  default long leastNext(long lastSeq) {
    return lastSeq;
  }
}
