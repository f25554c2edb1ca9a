package dev.recpipe.examples;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.recpipe.common.testing.ThrottledInputStream;
import dev.recpipe.common.testing.ToolRun;
import dev.recpipe.reader.ReaderCommand;
import dev.recpipe.writer.WriterCommand;
import java.io.ByteArrayInputStream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The property line mode exists for: {@code reader --lines | writer -f lines} gives back any UTF-8
 * file of LF-ended lines byte for byte, however its input arrives. In memory, over many random files;
 * {@link LineModeIT} does the same through the real launchers.
 */
class LineRoundTripTest {
  @ParameterizedTest(name = "seed {0}")
  @ValueSource(longs = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20})
  void randomFilesComeBackByteForByte(long seed) {
    for (int file = 0; file < 10; file++) {
      byte[] text = RandomLines.generate((int) (seed * file % 300), seed * 1000 + file);
      assertArrayEquals(text, roundTrip(text, seed + file), "seed " + seed + ", file " + file);
    }
  }

  @ParameterizedTest(name = "{0} lines")
  @ValueSource(ints = {0, 1, 2, 50_000})
  void emptyAndLargeFiles(int lines) {
    byte[] text = RandomLines.generate(lines, lines);
    assertArrayEquals(text, roundTrip(text, lines));
  }

  /** reader --lines, then writer -f lines, each fed in random-size reads. */
  private static byte[] roundTrip(byte[] text, long seed) {
    ToolRun read = ToolRun.of(new ReaderCommand(),
        ThrottledInputStream.randomChunks(new ByteArrayInputStream(text), 1 + (int) (seed % 97), seed), "--lines");
    assertEquals("", read.stderr());
    assertEquals(0, read.status());
    ToolRun written = ToolRun.of(new WriterCommand(),
        ThrottledInputStream.randomChunks(new ByteArrayInputStream(read.stdoutBytes()), 1 + (int) (seed % 89), seed), "-f", "lines");
    assertEquals("", written.stderr());
    assertEquals(0, written.status());
    return written.stdoutBytes();
  }
}
