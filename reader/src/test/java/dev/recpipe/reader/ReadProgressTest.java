package dev.recpipe.reader;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.recpipe.common.progress.ProgressDisplay;
import dev.recpipe.common.progress.Snapshot;
import dev.recpipe.common.testing.ToolRun;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** reader --progress: the total it knows, the bytes it counts, the lines it writes. */
class ReadProgressTest {
  private static final long SECOND = 1_000_000_000L;

  @Test
  void theTotalIsTheSumOfTheInputFilesSizes(@TempDir Path dir) throws Exception {
    Path a = Files.writeString(dir.resolve("a.csv"), "1,2\n3,4\n");
    Path b = Files.writeString(dir.resolve("b.csv"), "5\n");
    Path empty = Files.createFile(dir.resolve("empty.csv"));
    assertEquals(10, ReadProgress.totalSize(List.of(a.toString(), b.toString(), empty.toString()), dir.resolve("none"), 0));
    assertEquals(16, ReadProgress.totalSize(List.of(a.toString(), "-"), a, 0)); // stdin from a file
    assertEquals(0, ReadProgress.totalSize(List.of(empty.toString()), dir, 0));
  }

  /** Stdin named twice: the second reads nothing, at the end of the first; it counted twice, and a run ended at 50%. */
  @Test
  void stdinNamedMoreThanOnceIsCountedOnce(@TempDir Path dir) throws Exception {
    Path a = Files.writeString(dir.resolve("a.csv"), "1,2\n3,4\n");
    assertEquals(8, ReadProgress.totalSize(List.of("-", "-"), a, 0));
    assertEquals(24, ReadProgress.totalSize(List.of("-", a.toString(), "-", a.toString(), "-"), a, 0)); // the files each time
    assertEquals(Snapshot.UNKNOWN, ReadProgress.totalSize(List.of("-", "-"), dir, 0)); // stdin no file, both times
  }

  /** Stdin counts from where it stands, what reader reads of it; the files named from their starts. */
  @Test
  void stdinCountsFromWhereItStands(@TempDir Path dir) throws Exception {
    Path a = Files.writeString(dir.resolve("a.csv"), "1,2\n3,4\n");
    assertEquals(4, ReadProgress.totalSize(List.of("-"), a, 4));
    assertEquals(12, ReadProgress.totalSize(List.of(a.toString(), "-", "-"), a, 4));
    assertEquals(0, ReadProgress.totalSize(List.of("-"), a, 8));
    assertEquals(0, ReadProgress.totalSize(List.of("-"), a, 100)); // past a file cut short since
  }

  @Test
  void aDescriptorsPositionIsItsPosLine(@TempDir Path dir) throws Exception {
    assertEquals(42, ReadProgress.position(Files.writeString(dir.resolve("0"), "pos:\t42\nflags:\t0100000\n")));
    assertEquals(0, ReadProgress.position(Files.writeString(dir.resolve("1"), "flags:\t0100000\n")));
    assertEquals(0, ReadProgress.position(dir.resolve("none")));
  }

  @Test
  void theTotalIsUnknownWithAnInputOfNoSize(@TempDir Path dir) throws Exception {
    Path a = Files.writeString(dir.resolve("a.csv"), "1,2\n");
    assertEquals(Snapshot.UNKNOWN, ReadProgress.totalSize(List.of(a.toString(), "-"), dir, 0)); // stdin a pipe, say
    assertEquals(Snapshot.UNKNOWN, ReadProgress.totalSize(List.of(a.toString(), dir.resolve("missing").toString()), a, 0));
    assertEquals(Snapshot.UNKNOWN, ReadProgress.totalSize(List.of("/dev/null"), a, 0));
  }

  @Test
  void countsTheBytesReadHoweverTheyAreRead() throws Exception {
    long[] now = {0};
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    ReadProgress meter = new ReadProgress(10, ProgressDisplay.log(new PrintStream(bytes, true, StandardCharsets.UTF_8)),
        () -> now[0]);
    try (InputStream in = meter.count(new ByteArrayInputStream("0123456789".getBytes(StandardCharsets.US_ASCII)))) {
      in.read();
      in.read(new byte[3], 0, 3);
      in.skip(2);
      now[0] = 2 * SECOND;
      assertEquals(6, meter.snapshot().done());
      in.readAllBytes();
    }
    now[0] = 4 * SECOND;
    meter.finish();
    assertEquals("reader: 10 bytes of 10, 4.0s, 2.5 B/s\n", bytes.toString(StandardCharsets.UTF_8));
  }

  @Test
  void readerWritesOneSummaryLineWhenStderrIsNoTerminal(@TempDir Path dir) throws Exception {
    Path a = Files.writeString(dir.resolve("a.csv"), "1,2\n3,4\n");
    Path b = Files.writeString(dir.resolve("b.csv"), "5\n");
    ToolRun run = ToolRun.of(new ReaderCommand(), new byte[0], "--progress", a.toString(), b.toString());
    assertEquals(0, run.status());
    assertTrue(run.stderr().matches("reader: 10 bytes of 10, [0-9]+\\.[0-9]s, [0-9.]+ k?B/s\n"), run.stderr());
  }

  @Test
  void aFailureStillEndsTheLineBeforeItsMessage(@TempDir Path dir) throws Exception {
    Path a = Files.writeString(dir.resolve("a.csv"), "1,x\n");
    ToolRun run = ToolRun.of(new ReaderCommand(), new byte[0], "--progress", a.toString());
    assertEquals(1, run.status());
    assertTrue(run.stderr().matches("reader: [0-9] bytes of 4, .*\nreader: " + a + ":1:2: .*\n"), run.stderr());
  }
}
