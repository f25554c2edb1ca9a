package dev.recpipe.fanout.records;

import dev.recpipe.common.LocatedException;
import dev.recpipe.common.Location;

/**
 * A {@code --lines} worker wrote more lines than it was dealt, or ended having written fewer: its
 * lines can't be given their seqs. Like an abort mark in a record worker's output, it fails the run
 * unless the worker turns out to have crashed and is restarted ({@code --retries}).
 */
public final class LineCountException extends LocatedException {
  public LineCountException(Location location, String detail) {
    super(location, detail);
  }
}
