package dev.recpipe.common.csv;

import dev.recpipe.common.Limits;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Makes the value of a CSV row's record, for {@code reader --text} and {@code --typed}: an array of
 * the row's fields, or with a header a map from the header's names to them, in the header's order;
 * each field its text, or with {@link TypedFields} a number, null or text.
 *
 * <pre>{@code
 * RowValues values = RowValues.typed(parser.header(), false, CsvFormat.DEFAULT);
 * while (parser.next(row)) out.write(seq, values.valueOf(row, seq++));  // {"name": "kiwi", "price": 0.5}
 * }</pre>
 *
 * <p>With a header, a row must have as many fields as the header, unless {@code ragged}: then a
 * short row's map has the keys of the fields it has, and a long row's extra fields are keyed by
 * their field number ({@code "5"}), nothing dropped or made up; a number that is also a name in the
 * header is an error. A record larger than {@link Limits#MAX_RECORD_BYTES} is refused, naming the row and
 * the field where it passes the limit, so a record reader writes is one every stage reads.
 */
public final class RowValues {
  private final List<String> header;
  private final Set<String> names;
  private final long[] keySizes;
  private final boolean ragged;
  private final TypedFields types;

  private RowValues(List<String> header, boolean ragged, TypedFields types) {
    this.header = header;
    this.ragged = ragged;
    this.types = types;
    this.names = header == null ? null : Set.copyOf(header);
    this.keySizes = header == null ? null : header.stream().mapToLong(RowValues::textSize).toArray();
  }

  /**
   * Fields as text.
   *
   * @param header the names of the header row ({@link CsvTextParser#header()}), or null for arrays
   */
  public static RowValues text(List<String> header, boolean ragged) {
    return new RowValues(header, ragged, null);
  }

  /** Fields as numbers, null or text, as {@link TypedFields} says for fields in {@code format}. */
  public static RowValues typed(List<String> header, boolean ragged, CsvFormat format) {
    return new RowValues(header, ragged, new TypedFields(format));
  }

  /**
   * The value of the record {@code [seq, value]} for {@code row}: a {@code List} or a {@code Map}.
   *
   * @throws CsvException the row is bad, has another number of fields than the header, or makes a
   *     record past the limit
   */
  public Object valueOf(TextRow row, long seq) throws CsvException {
    if (row.isBad()) throw row.error();
    long size = 1 + CborSize.head(seq);
    return header == null ? array(row, size) : map(row, size);
  }

  private List<Object> array(TextRow row, long recordSize) throws CsvException {
    List<Object> values = new ArrayList<>(row.size());
    long size = recordSize + CborSize.head(row.size());
    for (int i = 0; i < row.size(); i++) {
      Object value = field(row, i);
      size += fieldSize(row, i, value);
      if (size > Limits.MAX_RECORD_BYTES) throw tooLarge(row, i);
      values.add(value);
    }
    return values;
  }

  private Map<String, Object> map(TextRow row, long recordSize) throws CsvException {
    if (!ragged && row.size() != header.size()) throw fieldCount(row);
    Map<String, Object> values = new LinkedHashMap<>(2 * row.size());
    long size = recordSize + CborSize.head(row.size());
    for (int i = 0; i < row.size(); i++) {
      String key = i < header.size() ? header.get(i) : extraKey(row, i);
      Object value = field(row, i);
      size += (i < header.size() ? keySizes[i] : textSize(key)) + fieldSize(row, i, value);
      if (size > Limits.MAX_RECORD_BYTES) throw tooLarge(row, i);
      values.put(key, value);
    }
    return values;
  }

  private Object field(TextRow row, int index) {
    return types == null ? row.text(index) : types.valueOf(row, index);
  }

  /** Text's size is known from the row's bytes, without encoding the string again. */
  private static long fieldSize(TextRow row, int index, Object value) {
    return value instanceof String ? CborSize.text(row.end(index) - row.start(index)) : CborSize.of(value);
  }

  private static long textSize(String text) {
    return CborSize.text(text.getBytes(StandardCharsets.UTF_8).length);
  }

  /** {@code "5"} for field 5 of a row longer than its header, unless the header has that name. */
  private String extraKey(TextRow row, int index) throws CsvException {
    String key = Integer.toString(index + 1);
    if (names.contains(key)) {
      throw new CsvException(row.source(), row.line(index), index + 1, "a field past the header's "
          + header.size() + " is keyed by its number, but \"" + key + "\" is a name in the header");
    }
    return key;
  }

  private CsvException fieldCount(TextRow row) {
    int expected = header.size();
    int found = row.size();
    int field = Math.min(expected, found) + 1;
    long line = row.line(Math.min(expected, found - 1));
    return new CsvException(row.source(), line, field, "expected " + expected + " field" + (expected == 1 ? "" : "s")
        + ", as the header has, found " + found);
  }

  private static CsvException tooLarge(TextRow row, int index) {
    return new CsvException(row.source(), row.line(), index + 1, "the row's record is larger than "
        + (Limits.MAX_RECORD_BYTES >> 20) + " MiB (" + Limits.MAX_RECORD_BYTES + " bytes), the limit");
  }
}
