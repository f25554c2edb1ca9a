package dev.recpipe.fanout.records;

import dev.recpipe.common.LocatedException;
import dev.recpipe.common.Location;

/**
 * Record {@link #index()} of a batch can't be put in the form its worker reads (a {@code --lines}
 * worker, text with a line feed): the encoder refused the batch from there on. The dealer deals the
 * records before it, and the run then ends as after a bad record in fanout's input: the workers'
 * input ends cleanly, their answers go out, and fanout fails, naming the record.
 */
public final class UndealableRecordException extends LocatedException {
  private final int index;

  public UndealableRecordException(Chunk batch, int index, String detail) {
    super(new Location(null, 0, 0, batch.seq(index), -1, -1), detail);
    this.index = index;
  }

  /** The record refused: its place in the batch that was being encoded. */
  public int index() {
    return index;
  }
}
