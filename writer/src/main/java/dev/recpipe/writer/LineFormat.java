package dev.recpipe.writer;

import java.io.IOException;

/** How one record becomes one line of text. */
interface LineFormat {
  /**
   * Appends the line for record {@code seq}, its newline included. {@code value} stands on the
   * value's first token (as {@link dev.recpipe.common.RecordReader#parser()} leaves it); the format
   * reads the value's tokens through it, text and map keys included, and leaves it on the last one.
   */
  void writeLine(long seq, ValueReader value, TextBuffer out) throws IOException;
}
