package dev.recpipe.bench;

import dev.recpipe.common.RecordWriter;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.SplittableRandom;

/**
 * The inputs every benchmark runs over, generated from fixed seeds so that each run, on any machine,
 * measures the same bytes: the canonical job's data, as {@code gencsv ROWS 10 SEED} makes it (ten
 * integers 0..999999 a row), and the records {@code reader} and {@code summer} make from it.
 *
 * <p>Each data set is a few megabytes, held in memory, so a benchmark measures the code and not the
 * disk or a pipe. One benchmark operation is one pass over a whole data set; {@link #main} prints
 * the bytes and records in each, to turn passes per second into MB/s and records/s.
 */
public final class Datasets {
  /** Rows of CSV, and records from {@code reader}: about 6.9 MB of CSV, 5.4 MB of records. */
  public static final int ROWS = 100_000;
  public static final int COLUMNS = 10;
  /** Records from {@code summer}, {@code [seq, sum]}: about 5.4 MB. */
  public static final int SUMS = 500_000;
  /** Records per batch dealt to one worker: fanout's default ({@code -b}). */
  public static final int BATCH = 256;

  private static final long MAX_VALUE = 999_999;
  private static final long ROWS_SEED = 20261122;
  private static final long SUMS_SEED = 20261123;

  private Datasets() {}

  /** ROWS rows of COLUMNS integers from 0 to 999999, as gencsv draws them. */
  public static long[][] rows() {
    SplittableRandom random = new SplittableRandom(ROWS_SEED);
    long[][] rows = new long[ROWS][COLUMNS];
    for (long[] row : rows) {
      for (int i = 0; i < COLUMNS; i++) row[i] = random.nextLong(MAX_VALUE + 1);
    }
    return rows;
  }

  /** SUMS sums of COLUMNS integers from 0 to 999999: what summer writes for such rows. */
  public static long[] sums() {
    SplittableRandom random = new SplittableRandom(SUMS_SEED);
    long[] sums = new long[SUMS];
    for (int s = 0; s < SUMS; s++) {
      for (int i = 0; i < COLUMNS; i++) sums[s] += random.nextLong(MAX_VALUE + 1);
    }
    return sums;
  }

  /** The rows as CSV text, LF line ends: gencsv's output. */
  public static byte[] csv(long[][] rows) {
    StringBuilder text = new StringBuilder(rows.length * COLUMNS * 8);
    for (long[] row : rows) {
      for (int i = 0; i < row.length; i++) {
        if (i > 0) text.append(',');
        text.append(row[i]);
      }
      text.append('\n');
    }
    return text.toString().getBytes(StandardCharsets.US_ASCII);
  }

  /** The rows as reader writes them: {@code [seq, [ints]]}, seq from 0. */
  public static byte[] readerRecords(long[][] rows) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream(rows.length * 64);
    RecordWriter out = new RecordWriter(bytes);
    try {
      for (int seq = 0; seq < rows.length; seq++) out.writeIntegers(seq, rows[seq], rows[seq].length);
      out.flush();
    } catch (IOException e) {
      throw new UncheckedIOException("unreachable: writing to memory", e);
    }
    return bytes.toByteArray();
  }

  /** The sums as summer writes them: {@code [seq, sum]}, seq from 0. */
  public static byte[] summerRecords(long[] sums) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream(sums.length * 12);
    RecordWriter out = new RecordWriter(bytes);
    try {
      for (int seq = 0; seq < sums.length; seq++) out.writeInteger(seq, sums[seq]);
      out.flush();
    } catch (IOException e) {
      throw new UncheckedIOException("unreachable: writing to memory", e);
    }
    return bytes.toByteArray();
  }

  /**
   * Returns {@code actual}, after checking that a pass saw all of its data set: a benchmark that
   * silently did less work would report a flattering figure.
   */
  static long expect(long actual, long expected, String what) {
    if (actual != expected) {
      throw new IllegalStateException("a pass went over " + actual + " " + what + ", expected " + expected);
    }
    return actual;
  }

  /**
   * Prints the size of each data set, for converting scores: MB/s = ops/s x bytes / 10^6, records/s
   * = ops/s x records. Run: {@code java -cp bench/jmh/target/benchmarks.jar dev.recpipe.bench.Datasets}
   */
  public static void main(String[] args) {
    long[][] rows = rows();
    System.out.printf("csv             %,11d bytes  %,9d rows%n", csv(rows).length, ROWS);
    System.out.printf("reader records  %,11d bytes  %,9d records%n", readerRecords(rows).length, ROWS);
    System.out.printf("summer records  %,11d bytes  %,9d records%n", summerRecords(sums()).length, SUMS);
  }
}
