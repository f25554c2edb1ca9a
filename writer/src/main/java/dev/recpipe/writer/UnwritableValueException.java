package dev.recpipe.writer;

import dev.recpipe.common.RecpipeException;

/**
 * A valid value that the chosen format has no way to write, such as text with a newline in
 * {@code -f lines}. The format says what and suggests another; {@link LineWriter} adds which record
 * it was: {@code record seq 7 (byte offset 42): ...}.
 */
final class UnwritableValueException extends RecpipeException {
  UnwritableValueException(String message) {
    super(message);
  }
}
