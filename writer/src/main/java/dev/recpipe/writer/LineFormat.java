package dev.recpipe.writer;

import dev.recpipe.common.text.TextBuffer;
import com.fasterxml.jackson.core.JsonParser;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

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

  /**
   * Appends the line for record {@code seq} whose value is the text whose well-formed UTF-8 bytes
   * are {@code utf8[offset, offset + length)}: the very bytes {@link #writeLine(long, String,
   * TextBuffer)} writes for that text. A format that copies text as it is overrides this to copy
   * the bytes, with no String between (the lines of {@code reader --lines} and {@code fanout
   * --lines}); the others decode it.
   *
   * @throws UnwritableValueException the format cannot write this text
   */
  default void writeLine(long seq, byte[] utf8, int offset, int length, TextBuffer out) throws UnwritableValueException {
    writeLine(seq, new String(utf8, offset, length, StandardCharsets.UTF_8), out);
  }
}
