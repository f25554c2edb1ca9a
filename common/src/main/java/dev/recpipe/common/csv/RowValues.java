package dev.recpipe.common.csv;

import dev.recpipe.common.Limits;
import java.nio.charset.StandardCharsets;
import java.util.AbstractList;
import java.util.AbstractMap;
import java.util.AbstractSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.RandomAccess;
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
  /**
   * The typed values of the last row, when it had at most {@link #CACHED_FIELDS}: made once, for its
   * size and then for the record. A longer row's are made again as the record is written, so that
   * no row holds millions of them.
   */
  private Object[] typedValues = new Object[16];
  private boolean typedValuesCached;
  private static final int CACHED_FIELDS = 1 << 16;

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
   * The value of the record {@code [seq, value]} for {@code row}: a {@code List} or a {@code Map}, a
   * view of the row, valid until it is read again. Each field's value is made as it is read: a row
   * of four million short fields, which the row limit allows, made four million Strings of some 50
   * bytes each, more than the launcher's 256 MiB heap holds (an OutOfMemoryError).
   *
   * @throws CsvException the row is bad, has another number of fields than the header, or makes a
   *     record past the limit
   */
  public Object valueOf(TextRow row, long seq) throws CsvException {
    if (row.isBad()) throw row.error();
    cacheTypedValues(row);
    long size = 1 + CborSize.head(seq);
    return header == null ? array(row, size) : map(row, size);
  }

  private List<Object> array(TextRow row, long recordSize) throws CsvException {
    long size = recordSize + CborSize.head(row.size());
    for (int i = 0; i < row.size(); i++) {
      size += fieldSize(row, i);
      if (size > Limits.MAX_RECORD_BYTES) throw tooLarge(row, i);
    }
    return new Fields(row);
  }

  private Map<String, Object> map(TextRow row, long recordSize) throws CsvException {
    if (!ragged && row.size() != header.size()) throw fieldCount(row);
    long size = recordSize + CborSize.head(row.size());
    for (int i = 0; i < row.size(); i++) {
      size += (i < header.size() ? keySizes[i] : textSize(extraKey(row, i))) + fieldSize(row, i);
      if (size > Limits.MAX_RECORD_BYTES) throw tooLarge(row, i);
    }
    return new KeyedFields(row);
  }

  private Object field(TextRow row, int index) {
    if (types == null) return row.text(index);
    return typedValuesCached ? typedValues[index] : types.valueOf(row, index);
  }

  private void cacheTypedValues(TextRow row) {
    typedValuesCached = types != null && row.size() <= CACHED_FIELDS;
    if (!typedValuesCached) return;
    if (typedValues.length < row.size()) typedValues = new Object[Math.max(row.size(), 2 * typedValues.length)];
    for (int i = 0; i < row.size(); i++) typedValues[i] = types.valueOf(row, i);
  }

  /** The key of field {@code index}, which {@link #map} has checked. */
  private String key(int index) {
    return index < header.size() ? header.get(index) : Integer.toString(index + 1);
  }

  /** Text's size is known from the row's bytes, without making a String of them. */
  private long fieldSize(TextRow row, int index) {
    Object value = types == null ? null : field(row, index);
    return types == null || value instanceof String ? CborSize.text(row.end(index) - row.start(index)) : CborSize.of(value);
  }

  /** The row's fields as a list, each value made when it is read. */
  private final class Fields extends AbstractList<Object> implements RandomAccess {
    private final TextRow row;

    Fields(TextRow row) {
      this.row = row;
    }

    @Override
    public Object get(int index) {
      return field(row, index);
    }

    @Override
    public int size() {
      return row.size();
    }
  }

  /** The row's fields keyed by the header, in its order, each value made when it is read. */
  private final class KeyedFields extends AbstractMap<String, Object> {
    private final TextRow row;

    KeyedFields(TextRow row) {
      this.row = row;
    }

    @Override
    public Set<Map.Entry<String, Object>> entrySet() {
      return new AbstractSet<>() {
        @Override
        public Iterator<Map.Entry<String, Object>> iterator() {
          return new Iterator<>() {
            private int next;

            @Override
            public boolean hasNext() {
              return next < row.size();
            }

            @Override
            public Map.Entry<String, Object> next() {
              if (!hasNext()) throw new NoSuchElementException();
              int index = next++;
              return new AbstractMap.SimpleImmutableEntry<>(key(index), field(row, index));
            }
          };
        }

        @Override
        public int size() {
          return row.size();
        }
      };
    }
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
