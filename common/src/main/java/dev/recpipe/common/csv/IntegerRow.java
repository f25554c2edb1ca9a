package dev.recpipe.common.csv;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * One CSV row read as integers, refilled by {@link CsvIntegerParser#next} for every row
 * so that reading a file allocates nothing per row or field.
 *
 * <p>Values that fit a {@code long} are kept unboxed in {@link #longs()}; only a value beyond 64 bits
 * becomes a {@link BigInteger}, so the common row is a {@code long[]} and a count, ready for
 * {@code RecordWriter.writeIntegers}:
 *
 * <pre>{@code
 * IntegerRow row = new IntegerRow();
 * while (parser.next(row)) {
 *   if (row.isBad()) throw row.error();
 *   if (row.hasBig()) out.write(seq++, row.values());
 *   else out.writeIntegers(seq++, row.longs(), row.size());
 * }
 * }</pre>
 *
 * <p>A <em>bad</em> row has a field that is not an integer. It still counts as a row, so a caller
 * that skips it can keep row numbers; its values are incomplete and {@link #error()} says why.
 */
public final class IntegerRow {
  private long[] longs = new long[16];
  /** Null until some row holds a big value; then non-null exactly at this row's big values. */
  private BigInteger[] bigs;
  private int size;
  private boolean hasBig;
  private long line;
  private CsvException error;
  private String errorSource;
  private long errorLine;
  private int errorColumn;
  private String errorDetail;

  /** The number of values. */
  public int size() {
    return size;
  }

  /**
   * The values that fit a {@code long}, in elements {@code [0, size())} of the array the row reuses:
   * read it, don't keep it. Where {@link #isBig(int)}, the element is 0.
   */
  public long[] longs() {
    return longs;
  }

  /** True when some value does not fit a {@code long}. */
  public boolean hasBig() {
    return hasBig;
  }

  public boolean isBig(int index) {
    checkIndex(index);
    return hasBig && bigs[index] != null;
  }

  /** The value at {@code index}, whatever its size. */
  public BigInteger bigValue(int index) {
    return isBig(index) ? bigs[index] : BigInteger.valueOf(longs[index]);
  }

  /** The value at {@code index}: a {@link Long}, or a {@link BigInteger} beyond 64 bits. */
  public Object value(int index) {
    return isBig(index) ? bigs[index] : (Object) longs[index];
  }

  /** The values as a new list of {@link Long} and {@link BigInteger}, for the slow path. */
  public List<Object> values() {
    List<Object> values = new ArrayList<>(size);
    for (int i = 0; i < size; i++) values.add(value(i));
    return values;
  }

  /** The 1-based physical line where the row starts. */
  public long line() {
    return line;
  }

  /** True when a field is not an integer. */
  public boolean isBad() {
    return errorDetail != null;
  }

  /** What is wrong with the row's first bad field, or null for a good row. */
  public CsvException error() {
    if (error == null && errorDetail != null) {
      error = new CsvException(errorSource, errorLine, errorColumn, errorDetail);
    }
    return error;
  }

  void reset(long line) {
    if (hasBig) Arrays.fill(bigs, 0, size, null);
    size = 0;
    hasBig = false;
    this.line = line;
    error = null;
    errorDetail = null;
  }

  void add(long value) {
    if (size == longs.length) grow();
    longs[size++] = value;
  }

  void add(BigInteger value) {
    if (size == longs.length) grow();
    if (bigs == null) bigs = new BigInteger[longs.length];
    bigs[size] = value;
    longs[size++] = 0;
    hasBig = true;
  }

  /** Records a bad field; only the row's first one is kept, as it is the one to report. */
  void markBad(String source, long line, int column, String detail) {
    if (errorDetail != null) return;
    errorSource = source;
    errorLine = line;
    errorColumn = column;
    errorDetail = detail;
  }

  private void grow() {
    longs = Arrays.copyOf(longs, longs.length * 2);
    if (bigs != null) bigs = Arrays.copyOf(bigs, longs.length);
  }

  private void checkIndex(int index) {
    if (index < 0 || index >= size) throw new IndexOutOfBoundsException("index " + index + ", size " + size);
  }
}
