package dev.recpipe.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.recpipe.common.cli.Streams;
import dev.recpipe.common.cli.Tool;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** gencsv's rows, however wide. */
@Timeout(60)
class GenCsvCommandTest {
  /**
   * A row of COLS fields is written as it is made, not made whole first: {@code gencsv 1 2147483647 1
   * | head -c 64M} took a buffer for the whole row, COLS * 21 bytes (2 GB here, 8 GB past an int's
   * overflow), and failed with "internal error: java.lang.OutOfMemoryError: Java heap space". It now
   * writes until stdout closes, and ends quietly, as for any closed stdout.
   */
  @Test
  void aRowWiderThanTheHeapIsWrittenAsItIsMade() {
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    OutputStream head = new OutputStream() { // head -c 64M: closes after 64 MiB
      long left = 64L << 20;

      @Override
      public void write(int b) throws IOException {
        write(new byte[] {(byte) b}, 0, 1);
      }

      @Override
      public void write(byte[] bytes, int offset, int length) throws IOException {
        if (length > left) throw new IOException("Broken pipe");
        left -= length;
      }
    };
    int status = Tool.run(new GenCsvCommand(),
        new Streams(new ByteArrayInputStream(new byte[0]), head, new PrintStream(err, true, StandardCharsets.UTF_8)),
        "1", "2147483647", "1");
    assertEquals("", err.toString(StandardCharsets.UTF_8));
    assertEquals(141, status);
  }
}
