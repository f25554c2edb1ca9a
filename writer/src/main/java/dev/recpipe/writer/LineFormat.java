package dev.recpipe.writer;

import dev.recpipe.common.text.TextBuffer;
import com.fasterxml.jackson.core.JsonParser;
import java.io.IOException;

/** How one record becomes one line of text. */
interface LineFormat {
  /**
   * Appends the line for record {@code seq}, its newline included. {@code value} stands on the
   * value's first token (as {@link dev.recpipe.common.RecordReader#parser()} leaves it); the format
   * reads the value's tokens through it and leaves it on the last one. The decoder has checked what
   * the tokens hold: text is UTF-8, and a map key is text or an integer, named in full.
   */
  void writeLine(long seq, JsonParser value, TextBuffer out) throws IOException;

  /**
   * Appends the line for record {@code seq} whose value is the integer {@code value}: the very bytes
   * {@link #writeLine(long, JsonParser, TextBuffer)} writes for it, without a parser (summer's output,
   * read by {@link dev.recpipe.common.FastRecordReader} straight from the bytes).
   */
  void writeLine(long seq, long value, TextBuffer out);

  /**
   * Appends the line for record {@code seq} whose value is the text {@code value}: the very bytes
   * {@link #writeLine(long, JsonParser, TextBuffer)} writes for it, without a parser ({@code reader
   * --lines}' and {@code fanout --lines}' output).
   *
   * @throws UnwritableValueException the format cannot write this text
   */
  void writeLine(long seq, String value, TextBuffer out) throws UnwritableValueException;
}
