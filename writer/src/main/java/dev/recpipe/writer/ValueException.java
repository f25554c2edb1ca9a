package dev.recpipe.writer;

import dev.recpipe.common.RecpipeException;

/**
 * Something wrong with the value of the record being written. The message says what; {@link
 * LineWriter} adds which record it was: {@code record seq 7 (byte offset 42): ...}.
 */
class ValueException extends RecpipeException {
  ValueException(String message) {
    super(message);
  }
}
