package dev.recpipe.writer;

import com.fasterxml.jackson.core.JsonParser;
import java.io.IOException;

/** How one record becomes one line of text. */
interface LineFormat {
  /**
   * Appends the line for record {@code seq}, its newline included. The parser stands on the
   * value's first token (as {@link dev.recpipe.common.RecordReader#parser()} leaves it); the
   * format reads the value's tokens and leaves the parser on the last one.
   */
  void writeLine(long seq, JsonParser value, TextBuffer out) throws IOException;
}
