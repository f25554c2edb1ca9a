package dev.recpipe.common.csv;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * One CSV row read as text, refilled by {@link CsvTextParser#next} for every row: the
 * fields' contents (quotes taken off, {@code ""} made one quote), well-formed UTF-8, back to back in
 * one reused array, so reading a file allocates nothing per field until a caller asks for a
 * {@link String}.
 *
 * <pre>{@code
 * TextRow row = new TextRow();
 * while (parser.next(row)) {
 *   if (row.isBad()) throw row.error();   // rows.csv:7:2: expected a delimiter or end of line ...
 *   for (int i = 0; i < row.size(); i++) use(row.text(i));
 * }
 * }</pre>
 *
 * <p>A <em>bad</em> row is one the parser could not read whole (text after a closing quote, bytes
 * that are not UTF-8, a row past the size limit). It still counts as a row, so a caller that skips
 * it keeps row numbers; its fields are incomplete and {@link #error()} says why.
 */
public final class TextRow {
  private byte[] bytes = new byte[1024];
  private int length;
  /** Where each field's content ends in {@link #bytes}: field i is {@code [ends[i-1], ends[i])}. */
  private int[] ends = new int[16];
  /** The physical line each field starts on. */
  private long[] lines = new long[16];
  private int size;
  private String source;
  private CsvException error;

  /** The number of fields. */
  public int size() {
    return size;
  }

  /** The array holding every field's content; read it, don't keep it: the next row reuses it. */
  public byte[] bytes() {
    return bytes;
  }

  /** Where field {@code index}'s content starts in {@link #bytes()}. */
  public int start(int index) {
    checkIndex(index);
    return index == 0 ? 0 : ends[index - 1];
  }

  /** Where field {@code index}'s content ends in {@link #bytes()}, exclusive. */
  public int end(int index) {
    checkIndex(index);
    return ends[index];
  }

  /** The field's content as a string. */
  public String text(int index) {
    int start = start(index);
    return new String(bytes, start, ends[index] - start, StandardCharsets.UTF_8);
  }

  /** Every field as a new list of strings. */
  public List<String> texts() {
    List<String> texts = new ArrayList<>(size);
    for (int i = 0; i < size; i++) texts.add(text(i));
    return texts;
  }

  /** The input's name, as messages give it. */
  public String source() {
    return source;
  }

  /** The 1-based physical line where the row starts. */
  public long line() {
    return lines[0];
  }

  /** The 1-based physical line where field {@code index} starts: later than the row's after a quoted line end. */
  public long line(int index) {
    checkIndex(index);
    return lines[index];
  }

  /** True when the row could not be read whole. */
  public boolean isBad() {
    return error != null;
  }

  /** What is wrong with the row, or null for a good one. */
  public CsvException error() {
    return error;
  }

  void reset(String source, long line) {
    this.source = source;
    length = 0;
    size = 0;
    error = null;
    lines[0] = line;
  }

  /** Starts field number {@code size() + 1}, on {@code line}. */
  void startField(long line) {
    if (size == ends.length) {
      ends = Arrays.copyOf(ends, 2 * size);
      lines = Arrays.copyOf(lines, 2 * size);
    }
    lines[size] = line;
    ends[size] = length;
    size++;
  }

  /** Adds {@code [from, to)} of {@code source} to the content of the last field started. */
  void append(byte[] source, int from, int to) {
    int count = to - from;
    if (bytes.length - length < count) bytes = Arrays.copyOf(bytes, Math.max(2 * bytes.length, length + count));
    System.arraycopy(source, from, bytes, length, count);
    length += count;
    ends[size - 1] = length;
  }

  /** Keeps the row's first problem only: the one to report. */
  void markBad(CsvException problem) {
    if (error == null) error = problem;
  }

  /** A row past the size limit is reported as such, whatever else is wrong in it. */
  void markTooLong(CsvException problem) {
    error = problem;
  }

  private void checkIndex(int index) {
    if (index < 0 || index >= size) throw new IndexOutOfBoundsException("index " + index + ", size " + size);
  }
}
