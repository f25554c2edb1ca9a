package dev.recpipe.common;

/**
 * The limits of the wire format (docs/FORMAT.md), in one place, so that what one stage may write the
 * next stage reads: {@link RecordFramer} (fanout) and {@link RecordReader} (every other stage) refuse
 * a record beyond them with an error naming its byte offset, and reader refuses a row or line that
 * would make one.
 *
 * <p>Why limits at all: a head can claim a length up to 2^64 and arrays can nest without end, so a
 * decoder without them dies of {@code OutOfMemoryError} or {@code StackOverflowError} on corrupt or
 * hostile input, instead of saying where the input is wrong. Why these: every stage runs with a heap of
 * 256 MiB ({@code bin/recpipe}), and a record at the limit must still fit there with room to spare,
 * in every form a stage holds it: reader's row of up to 8 Mi integers as a {@code long[]} (64 MiB),
 * a reading stage's copy of the record's bytes, writer's text of it.
 *
 * <pre>{@code
 * if (length > Limits.MAX_RECORD_BYTES) throw ...;   // "larger than 8 MiB (8388608 bytes), the limit"
 * }</pre>
 */
public final class Limits {
  /** The largest record, in bytes: 8 MiB. Also bounds every string, array and map in one. */
  public static final int MAX_RECORD_BYTES = 8 << 20;

  /**
   * The longest CSV row or text line that {@code reader} turns into a record, in bytes without its
   * line end: 16 bytes under {@link #MAX_RECORD_BYTES}. An integer's CBOR takes no more bytes than
   * its decimal text, and a line's text as many as the line, so the record's heads (array, seq and
   * the value's head: at most 15 bytes) always fit in the difference.
   */
  public static final int MAX_ROW_BYTES = MAX_RECORD_BYTES - 16;

  /**
   * How deep arrays and maps may nest in a record, the record's own array included: 1000, the
   * default of Jackson, which {@link RecordReader} decodes with.
   */
  public static final int MAX_DEPTH = 1000;

  private Limits() {}

  /** The record limit as messages give it: {@code 8 MiB (8388608 bytes)}. */
  public static String recordLimit() {
    return (MAX_RECORD_BYTES >> 20) + " MiB (" + MAX_RECORD_BYTES + " bytes)";
  }
}
