package dev.recpipe.writer;

/**
 * A valid value that the chosen format has no way to write, such as text with a newline in
 * {@code -f lines}. The format says what and suggests another.
 */
final class UnwritableValueException extends ValueException {
  UnwritableValueException(String message) {
    super(message);
  }
}
