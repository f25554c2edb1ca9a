package dev.recpipe.common.stage;

import java.io.IOException;

/**
 * Where a {@link Stage} writes its results: each {@code emit} writes one record {@code [seq, value]}
 * with the seq of the record being processed. Emitting nothing drops the record; emitting several
 * splits it, and they stay together, in the order emitted, wherever records are merged by seq.
 */
public interface Output {
  /**
   * Emits a value of any type {@link Value#read()} returns (a {@code List} or {@code Map} may nest
   * them).
   */
  void emit(Object value) throws IOException;

  /** Emits an integer, without boxing. */
  void emit(long value) throws IOException;
}
