package dev.recpipe.fanout.deal;

import dev.recpipe.fanout.records.Chunk;

/**
 * How many records the dealer puts in one outlet's next batch: fixed ({@code -b N}), or sized from
 * what the outlet's worker shows ({@link AdaptiveBatchSize}, the default). Each outlet has its own,
 * so a slow worker's batches can be smaller than a fast one's. The hooks have defaults that do
 * nothing, so the outlet and the switchboard call them always, whatever the kind.
 */
public interface BatchSize {
  /** The most records the outlet's next batch holds: 1 or more. */
  int records();

  /** {@code batch} went to the outlet at {@code now} ({@link System#nanoTime()}). */
  default void dealt(Chunk batch, long now) {}

  /** The outlet's worker has written a record of seq {@code seq}, read at {@code now}. */
  default void answered(long seq, long now) {}

  /** A new worker took the crashed one's place ({@code --retries}); it starts up before it answers. */
  default void restarted() {}

  /** Always {@code records}: {@code -b N}. */
  static BatchSize fixed(int records) {
    if (records < 1) throw new IllegalArgumentException("records < 1: " + records);
    return () -> records;
  }
}
