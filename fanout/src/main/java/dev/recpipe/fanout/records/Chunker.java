package dev.recpipe.fanout.records;

import dev.recpipe.common.Limits;
import dev.recpipe.common.RecordFramer;
import java.io.IOException;
import java.util.Arrays;

/**
 * Cuts bytes into {@link Chunk}s of whole records: the one place fanout frames records, with a
 * {@link RecordFramer}, which finds where each ends without decoding its value, after a {@link
 * ShapeFramer}, which frames the two common record shapes faster and leaves the rest to it. The dealer's
 * {@code BatchSource} frames stdin with one, each worker's {@code Inlet} frames its output with
 * another, and the merger frames again what comes back from a spill file.
 *
 * <p>Framing goes on across calls until {@link #take}: bytes that end in the middle of a record are
 * framed up to it, and once more bytes have come (and a {@code ByteWindow} may have moved them) the
 * next call goes on from there. A failure (a malformed or cut record, an abort mark, a seq the
 * caller's {@link SeqCheck} refuses) is thrown as it is met; the records framed before it are kept, to
 * {@link #take}.
 */
public final class Chunker implements OutputFramer {
  /** Refuses a record by its seq and stream offset, before it is framed: an order check. */
  @FunctionalInterface
  public interface SeqCheck {
    void check(long seq, long offset) throws IOException;
  }

  /** Takes every seq. */
  public static final SeqCheck ANY_SEQ = (seq, offset) -> {};

  private final RecordFramer framer = new RecordFramer();
  private final ShapeFramer shapes;
  private long[] seqs = new long[256];
  private int[] ends = new int[256];
  private int count;

  /** A chunker that frames the common shapes with a {@link ShapeFramer}, the rest with a {@link RecordFramer}. */
  public Chunker() {
    this(true);
  }

  /**
   * With {@code shapes} false, the general framer frames every record, as fanout did before {@link
   * ShapeFramer}: kept so that a benchmark (bench/jmh's FramerBenchmark) can set the two side by side.
   */
  public Chunker(boolean shapes) {
    this.shapes = shapes ? new ShapeFramer() : null;
  }

  /**
   * Frames on, at most up to {@code max} records in all, in {@code bytes[from, to)}, where
   * {@code from} is where the records framed so far start and is at stream offset {@code offset}.
   * Stops before a record not all there, and once the records framed hold {@link
   * Limits#MAX_RECORD_BYTES}, so that a chunk stays within twice the record limit whatever {@code
   * max}. Returns how many records are framed now.
   */
  public int frame(byte[] bytes, int from, int to, long offset, int max, SeqCheck check) throws IOException {
    int position = from + framedBytes();
    while (count < max && framedBytes() < Limits.MAX_RECORD_BYTES) {
      int length = shapes == null ? ShapeFramer.OTHER : shapes.frame(bytes, position, to);
      if (length == ShapeFramer.CUT) break;
      long seq;
      if (length > 0) {
        seq = shapes.seq();
      } else {
        length = framer.frame(bytes, position, to, offset + position - from);
        if (length < 0) break;
        seq = framer.seq();
      }
      check.check(seq, offset + position - from);
      position += length;
      add(seq, position - from);
    }
    return count;
  }

  /** Frames on with no bound on the number of records: a worker's output. */
  @Override
  public int frame(byte[] bytes, int from, int to, long offset, SeqCheck check) throws IOException {
    return frame(bytes, from, to, offset, Integer.MAX_VALUE, check);
  }

  /** Records framed since the last {@link #take}. */
  @Override
  public int count() {
    return count;
  }

  /** Their bytes, from where they start. */
  @Override
  public int framedBytes() {
    return count == 0 ? 0 : ends[count - 1];
  }

  /** The records framed, whose bytes start at {@code bytes[from]}, as a chunk; framing starts afresh after. */
  @Override
  public Chunk take(byte[] bytes, int from) {
    Chunk chunk = new Chunk(Arrays.copyOfRange(bytes, from, from + framedBytes()), Arrays.copyOf(seqs, count),
        Arrays.copyOf(ends, count));
    count = 0;
    return chunk;
  }

  /**
   * The records of {@code block}, which holds whole records only, framed before (what a spill file
   * gives back).
   */
  public static Chunk whole(byte[] block) {
    Chunker chunker = new Chunker();
    try {
      chunker.frame(block, 0, block.length, 0, Integer.MAX_VALUE, ANY_SEQ);
    } catch (IOException e) {
      throw new IllegalStateException("unreachable: a block of records framed before", e);
    }
    if (chunker.framedBytes() != block.length) throw new IllegalStateException("unreachable: a block ends mid-record");
    return new Chunk(block, Arrays.copyOf(chunker.seqs, chunker.count), Arrays.copyOf(chunker.ends, chunker.count));
  }

  private void add(long seq, int end) {
    if (count == seqs.length) {
      seqs = Arrays.copyOf(seqs, count * 2);
      ends = Arrays.copyOf(ends, count * 2);
    }
    seqs[count] = seq;
    ends[count++] = end;
  }
}
