package dev.recpipe.writer;

import dev.recpipe.common.FastRecordReader;
import dev.recpipe.common.LocatedException;
import dev.recpipe.common.Location;
import dev.recpipe.common.text.TextBuffer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;

/**
 * Turns a record stream into text, one line per record, and hands the stream whole lines only.
 *
 * <p>Lines collect in a {@link TextBuffer} that goes out in chunks of about {@value #CHUNK_SIZE}
 * bytes, always at a line boundary. When reading fails part way, the lines of the records before the
 * bad spot are still written and flushed, and the half-rendered line is dropped.
 *
 * <p>Records whose value is an integer (summer's output) or a text ({@code reader --lines}') are read
 * straight from the bytes and written without a parser ({@link FastRecordReader}, {@link
 * LineFormat#writeLine(long, long, TextBuffer)} and its text twin, which takes the text's UTF-8 bytes
 * in place: no String a line, which was a third of writer -f lines' time on 1M lines):
 * Jackson's general path cost writer most of its CPU time on them, half of it compiling. At the first
 * record of another shape, Jackson reads the rest of the stream.
 *
 * <p>Does not close {@code out}; flushes it at the end, and after a failure.
 */
final class LineWriter {
  static final int CHUNK_SIZE = 64 * 1024;

  private final LineFormat format;
  private final OutputStream out;
  private final TextBuffer buffer = new TextBuffer(CHUNK_SIZE + 4096);
  private final boolean fastPaths;

  LineWriter(LineFormat format, OutputStream out) {
    this(format, out, true);
  }

  /** With {@code fastPaths} false, every value goes through the parser: the reference the fast paths are tested against. */
  LineWriter(LineFormat format, OutputStream out, boolean fastPaths) {
    this.format = format;
    this.out = out;
    this.fastPaths = fastPaths;
  }

  /** Writes a line for each record of {@code in} up to the end of the stream, then flushes. Does not close {@code in}. */
  void writeAll(InputStream in) throws IOException {
    try {
      writeLines(new FastRecordReader(in));
    } catch (IOException e) {
      flushAfter(e);
      throw e;
    }
    flush();
  }

  private void writeLines(FastRecordReader records) throws IOException {
    while (records.next()) {
      if (fastPaths && records.hasInteger()) {
        format.writeLine(records.seq(), records.readInteger(), buffer);
      } else if (fastPaths && records.hasText()) {
        writeText(records);
      } else {
        writeLine(records);
      }
      if (buffer.size() >= CHUNK_SIZE) buffer.writeTo(out);
    }
  }

  private void writeText(FastRecordReader records) throws IOException {
    long seq = records.seq();
    try {
      records.readTextBytes();
      format.writeLine(seq, records.textBytes(), records.textOffset(), records.textLength(), buffer);
    } catch (UnwritableValueException e) {
      throw new LocatedException(Location.ofRecord(seq, records.recordOffset()), e.getMessage(), e);
    }
  }

  private void writeLine(FastRecordReader records) throws IOException {
    int lineStart = buffer.size();
    try {
      format.writeLine(records.seq(), records.parser(), buffer);
    } catch (UnwritableValueException e) {
      buffer.truncate(lineStart);
      throw new LocatedException(Location.ofRecord(records.seq(), records.recordOffset()), e.getMessage(), e);
    } catch (IOException e) {
      buffer.truncate(lineStart);
      throw records.translate(e);
    }
  }

  private void flush() throws IOException {
    buffer.writeTo(out);
    out.flush();
  }

  /** Best effort: the lines already rendered go out, but {@code failure} stays the error reported. */
  private void flushAfter(IOException failure) {
    try {
      flush();
    } catch (IOException e) {
      failure.addSuppressed(e);
    }
  }
}
