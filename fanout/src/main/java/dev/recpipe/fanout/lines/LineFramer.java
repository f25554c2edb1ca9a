package dev.recpipe.fanout.lines;

import dev.recpipe.common.Limits;
import dev.recpipe.common.LocatedException;
import dev.recpipe.common.Location;
import dev.recpipe.common.RecordWriter;
import dev.recpipe.common.Utf8;
import dev.recpipe.fanout.records.Chunk;
import dev.recpipe.fanout.records.Chunker;
import dev.recpipe.fanout.records.LineCountException;
import dev.recpipe.fanout.records.OutputFramer;
import java.io.IOException;
import java.util.Arrays;

/**
 * The inlet's half of a {@link LineCodec}: cuts a {@code --lines} worker's output into lines, as
 * {@code reader --lines} does (a line feed ends a line, a CR just before it is left out, the last
 * line may lack its line feed, each line must be UTF-8 and at most {@link Limits#MAX_ROW_BYTES}
 * long), and makes each the record {@code [seq, "line"]} with the next seq dealt to the lane ({@link
 * DealtSeqs}). A line with no seq left, or an end with seqs left, is a {@link LineCountException}.
 */
final class LineFramer implements OutputFramer {

  private final String name;
  private final DealtSeqs dealt;
  private byte[] out = new byte[64 * 1024];
  private int size;
  private long[] seqs = new long[256];
  private int[] ends = new int[256];
  private int count;
  /** Bytes of output framed since the last take, and how far past them a line feed was looked for in vain. */
  private int consumed;
  private int scanned;
  /** Lines framed since the worker started. */
  private long lines;

  /** The output of the worker named {@code name} in messages, whose lines answer the records of {@code dealt}. */
  LineFramer(String name, DealtSeqs dealt) {
    this.name = name;
    this.dealt = dealt;
  }

  /**
   * One line a record, no more, no fewer: the next line answers the next record dealt and not yet
   * answered, whose seq may be {@code lastSeq} again (records that share a seq); with none, a record
   * dealt later, past {@code lastSeq} but for one of its own seq, which no other worker has.
   */
  @Override
  public long leastNext(long lastSeq) {
    if (dealt.hasNext()) return dealt.peek();
    return lastSeq == Long.MAX_VALUE ? lastSeq : lastSeq + 1;
  }

  @Override
  public int frame(byte[] bytes, int from, int to, long offset, Chunker.SeqCheck check) throws IOException {
    int start = from + consumed;
    int scan = Math.max(start, from + scanned);
    while (size < Limits.MAX_RECORD_BYTES) {
      int lineFeed = scan;
      // the bytes' bits, OR-ed: negative if one is not ASCII, so that a line's UTF-8 is checked in
      // the pass that finds its end, but for lines with other bytes
      int bits = 0;
      while (lineFeed < to && bytes[lineFeed] != '\n') bits |= bytes[lineFeed++];
      if (lineFeed == to) {
        scanned = to - from;
        if (to - start > Limits.MAX_ROW_BYTES + 1) throw tooLong(lines + 1); // + 1: the CR of a CRLF
        break;
      }
      int end = lineFeed > start && bytes[lineFeed - 1] == '\r' ? lineFeed - 1 : lineFeed;
      add(bytes, start, end, offset + start - from, check, bits >= 0 && scan == start);
      start = lineFeed + 1;
      scan = start;
      consumed = start - from;
    }
    return count;
  }

  @Override
  public int end(byte[] bytes, int from, int to, long offset, Chunker.SeqCheck check) throws IOException {
    int start = from + consumed;
    if (start == to) return count;
    if (to - start > Limits.MAX_ROW_BYTES) throw tooLong(lines + 1);
    add(bytes, start, to, offset + start - from, check, false);
    consumed = to - from;
    return count;
  }

  /**
   * Makes line {@code bytes[start, end)}, at stream offset {@code offset}, the record of the next seq
   * dealt; {@code ascii}: its bytes are known to be ASCII, so UTF-8.
   */
  private void add(byte[] bytes, int start, int end, long offset, Chunker.SeqCheck check, boolean ascii)
      throws IOException {
    if (end - start > Limits.MAX_ROW_BYTES) throw tooLong(lines + 1);
    int invalid = ascii ? -1 : Utf8.firstInvalid(bytes, start, end);
    if (invalid >= 0) {
      throw new LocatedException(Location.ofLine(name, lines + 1),
          Utf8.invalidAt(offset + invalid - start, Utf8.problemAt(bytes, invalid, end, "the end of the line")));
    }
    if (!dealt.hasNext()) {
      throw new LineCountException(Location.of(name), "wrote line " + (lines + 1) + ", one more than the " + lines
          + (lines == 1 ? " line" : " lines") + " it was given; a --lines worker writes one line for each line it reads");
    }
    long seq = dealt.next();
    check.check(seq, offset);
    lines++;
    append(seq, bytes, start, end - start);
  }

  /** Appends {@code [seq, text]} in CBOR, as {@code RecordWriter.writeText} writes it. */
  private void append(long seq, byte[] text, int start, int length) {
    ensureRoom(length + RecordWriter.TEXT_RECORD_HEADS);
    size = RecordWriter.putTextRecord(out, size, seq, text, start, length);
    if (count == seqs.length) {
      seqs = Arrays.copyOf(seqs, count * 2);
      ends = Arrays.copyOf(ends, count * 2);
    }
    seqs[count] = seq;
    ends[count++] = size;
  }

  private void ensureRoom(int more) {
    if (size + more > out.length) out = Arrays.copyOf(out, Math.max(out.length * 2, size + more));
  }

  private LocatedException tooLong(long line) {
    return new LocatedException(Location.ofLine(name, line), "line longer than " + Limits.MAX_ROW_BYTES + " bytes, the limit");
  }

  @Override
  public int count() {
    return count;
  }

  @Override
  public int framedBytes() {
    return consumed;
  }

  @Override
  public Chunk take(byte[] bytes, int from) {
    Chunk chunk = Chunk.of(Arrays.copyOf(out, size), Arrays.copyOf(seqs, count), Arrays.copyOf(ends, count));
    scanned = Math.max(0, scanned - consumed);
    consumed = 0;
    count = 0;
    size = 0;
    if (out.length > 1 << 20) out = new byte[64 * 1024]; // a long line's room is not kept
    return chunk;
  }

  @Override
  public void finish() throws LineCountException {
    long missing = dealt.unanswered();
    if (missing == 0) return;
    long given = lines + missing;
    throw new LineCountException(Location.of(name), "wrote " + lines + (lines == 1 ? " line" : " lines") + " for the "
        + given + " it was given; a --lines worker writes one line for each line it reads");
  }

  @Override
  public void restartAt(long seq) {
    dealt.rewind(seq);
    lines = 0;
    count = 0;
    size = 0;
    consumed = 0;
    scanned = 0;
  }
}
