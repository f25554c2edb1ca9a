package dev.recpipe.common.cli;

import dev.recpipe.common.ControlCharacters;
import java.io.PrintStream;

/**
 * The one way a tool's messages reach stderr: {@code prog: message}, one line, with the control
 * characters of the message made visible ({@link ControlCharacters}). A message quotes what the user
 * gave (picocli's {@code Invalid value for option '--delimiter': '...'}, a file name, a command) or
 * what an input holds, and one of them may hold a line end or an escape sequence: they went to the
 * terminal as they were, which acted on them ({@code summer --delimiter $'\e[31m'} turned it red),
 * and one message became two lines. Usage errors, failures, internal errors, a thread's death and
 * warnings all print through here.
 */
final class MessageLine {
  private MessageLine() {}

  /** Prints {@code tool: message} and a line end on {@code err}. */
  static void print(PrintStream err, String tool, String message) {
    err.println(tool + ": " + ControlCharacters.madeVisible(String.valueOf(message)));
  }
}
