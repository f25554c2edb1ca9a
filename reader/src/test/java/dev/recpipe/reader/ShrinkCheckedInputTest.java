package dev.recpipe.reader;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.recpipe.common.LocatedException;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A file changed while it is read fails its reading, whatever it holds once the end is met. */
class ShrinkCheckedInputTest {
  private static final byte[] ROWS = "1,2\n3,4\n5,6\n7,8\n".getBytes(StandardCharsets.US_ASCII);

  /**
   * {@code gencsv 200000 10 1 > rows.csv} run again while reader reads it: the file is cut to 0, and
   * reader meets its end there, after 8 of its 16 bytes; by the time it looks, the rewrite is done,
   * the same 16 bytes. It exited 0 with the first half of the rows: the bytes read still were the
   * file's first 8, and the file no smaller than at the start.
   */
  @Test
  void anEndMetBeforeTheSizeAtTheStartFailsThoughTheFileIsWholeAgainWhenLookedAt(@TempDir Path dir) throws IOException {
    Path file = dir.resolve("rows.csv");
    Files.write(file, ROWS);
    try (FileChannel channel = FileChannel.open(file)) {
      InputStream cutShortThenWrittenAnew = new FilterInputStream(Channels.newInputStream(channel)) {
        private int left = 8;

        @Override
        public int read(byte[] bytes, int offset, int length) throws IOException {
          if (left == 0) {
            Files.write(file, ROWS); // the rewrite, done before reader looks
            Files.setLastModifiedTime(file, FileTime.fromMillis(Files.getLastModifiedTime(file).toMillis() + 1000));
            return -1; // the end met while the file was cut short
          }
          int count = super.read(bytes, offset, Math.min(length, left));
          left -= count;
          return count;
        }
      };
      InputStream in = new ShrinkCheckedInput(cutShortThenWrittenAnew, channel, file, "rows.csv");

      LocatedException e = assertThrows(LocatedException.class, in::readAllBytes);
      assertEquals("rows.csv: the file was cut short while it was read: its end came after 8 of the 16 bytes"
          + " it had at the start", e.getMessage());
    }
  }
}
