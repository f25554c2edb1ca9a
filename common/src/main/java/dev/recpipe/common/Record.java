package dev.recpipe.common;

/**
 * One unit of the wire format: a sequence number and a value.
 *
 * <p>{@code seq} is the 0-based index of the source row the record came from, over all input; it is
 * what lets a parallel stage put results back in input order. {@code value} is any CBOR data item as
 * a plain Java object, see {@link RecordReader#readValue()} for the mapping.
 *
 * <pre>{@code
 * new Record(0, List.of(1L, 2L, 3L))   // [0, [1, 2, 3]] on the wire: 82 00 83 01 02 03
 * }</pre>
 */
public record Record(long seq, Object value) {
  public Record {
    if (seq < 0) throw new IllegalArgumentException("seq < 0: " + seq);
  }
}
