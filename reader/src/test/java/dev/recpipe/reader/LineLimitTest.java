package dev.recpipe.reader;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.recpipe.common.Limits;
import dev.recpipe.common.RecpipeException;
import dev.recpipe.common.testing.Allocations;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/**
 * {@code reader --lines} keeps to the row limit, {@link Limits#MAX_ROW_BYTES} (docs/FORMAT.md):
 * a longer line would make a record every other stage refuses (issue 10), so it is refused here,
 * naming the file and line, before the window grows past the limit.
 */
class LineLimitTest {
  private static final String TOO_LONG = ": line longer than " + Limits.MAX_ROW_BYTES + " bytes, the limit";

  @Test
  void lineOfExactlyTheLimitIsRead() throws IOException {
    for (String lineEnd : new String[] {"\n", "\r\n", ""}) {
      TextLineParser lines = new TextLineParser(text("a\n" + "x".repeat(Limits.MAX_ROW_BYTES) + lineEnd), "lines.txt");
      assertTrue(lines.next());
      assertTrue(lines.next());
      assertEquals(Limits.MAX_ROW_BYTES, lines.length());
    }
  }

  @Test
  void lineOneByteLongerIsRefusedNamingIt() {
    for (String lineEnd : new String[] {"\n", "\r\n", ""}) {
      TextLineParser lines = new TextLineParser(text("a\n" + "x".repeat(Limits.MAX_ROW_BYTES + 1) + lineEnd + "b\n"), "lines.txt");
      RecpipeException e = assertThrows(RecpipeException.class, () -> {
        while (lines.next()) {}
      });
      assertEquals("lines.txt:2" + TOO_LONG, e.getMessage());
    }
  }

  /** Issue 10: a 24 MB line. */
  @Test
  void lineOf24MegabytesIsRefusedInBoundedMemory() throws Exception {
    String message = Allocations.atMost(48L << 20, () -> assertThrows(RecpipeException.class, () -> {
      TextLineParser lines = new TextLineParser(new Repeated((byte) 'x', 24_000_000), "big.txt");
      while (lines.next()) {}
    }).getMessage(), () -> "a line of 24 MB");
    assertEquals("big.txt:1" + TOO_LONG, message);
  }

  /** One byte, {@code count} times, made as it is read. */
  private static final class Repeated extends InputStream {
    private final byte b;
    private long left;

    Repeated(byte b, long count) {
      this.b = b;
      this.left = count;
    }

    @Override
    public int read() {
      if (left == 0) return -1;
      left--;
      return b & 0xff;
    }

    @Override
    public int read(byte[] buffer, int off, int len) {
      if (left == 0) return -1;
      int n = (int) Math.min(len, left);
      Arrays.fill(buffer, off, off + n, b);
      left -= n;
      return n;
    }
  }

  private static InputStream text(String text) {
    return new ByteArrayInputStream(text.getBytes(StandardCharsets.US_ASCII));
  }
}
