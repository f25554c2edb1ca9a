package dev.recpipe.common;

import java.io.IOException;

/**
 * A failure the user can act on: its message is printed as {@code prog: message}, with no stack
 * trace unless {@code --verbose}, and the tool exits with status 1.
 *
 * <p>The message names where the problem is (file, line and column; a record's seq; a byte offset)
 * and says what was expected and what was found.
 */
public class RecpipeException extends IOException {
  public RecpipeException(String message) {
    super(message);
  }

  public RecpipeException(String message, Throwable cause) {
    super(message, cause);
  }
}
