package dev.recpipe.writer;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import dev.recpipe.common.testing.Hex;
import dev.recpipe.common.testing.ToolRun;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code -o FILE}: the file is replaced whole after a clean end, or not at all. */
class OutputFileTest {
  private static final byte[] SUMS = Hex.decode("82 00 06 82 01 0f");
  private static final byte[] TRUNCATED = Hex.decode("82 00 06 82 01 83 01");

  @TempDir Path dir;

  private List<String> files() {
    try (Stream<Path> listing = Files.list(dir)) {
      return listing.map(path -> path.getFileName().toString()).sorted().collect(Collectors.toList());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Test
  void writesTheFileAndNothingOnStdout() throws IOException {
    Path out = dir.resolve("sums.csv");
    ToolRun run = ToolRun.of(new WriterCommand(), SUMS, "-o", out.toString());
    assertEquals(0, run.status());
    assertEquals("", run.stdout());
    assertEquals("", run.stderr());
    assertEquals("0,6\n1,15\n", Files.readString(out));
    assertEquals(List.of("sums.csv"), files());
  }

  @Test
  void replacesAnExistingFileOnlyAtTheEnd() throws IOException {
    Path out = dir.resolve("sums.csv");
    Files.writeString(out, "old\n");
    List<String> seenAtEndOfInput = new ArrayList<>();
    InputStream input = new ByteArrayInputStream(SUMS) {
      @Override
      public synchronized int read(byte[] b, int off, int len) {
        int n = super.read(b, off, len);
        if (n < 0) seenAtEndOfInput.add(readString(out) + "|" + files().size());
        return n;
      }
    };
    ToolRun run = ToolRun.of(new WriterCommand(), input, "--output", out.toString());
    assertEquals(0, run.status());
    assertEquals("old\n|2", seenAtEndOfInput.get(0)); // the old content, and a temporary file beside it
    assertEquals("0,6\n1,15\n", Files.readString(out));
    assertEquals(List.of("sums.csv"), files());
  }

  private static String readString(Path path) {
    try {
      return Files.readString(path);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Test
  void keepsThePermissionsOfTheFileItReplaces() throws IOException {
    Path out = dir.resolve("sums.csv");
    Files.writeString(out, "old\n");
    Files.setPosixFilePermissions(out, PosixFilePermissions.fromString("rw-r-----"));
    assertEquals(0, ToolRun.of(new WriterCommand(), SUMS, "-o", out.toString()).status());
    assertEquals("rw-r-----", PosixFilePermissions.toString(Files.getPosixFilePermissions(out)));
  }

  @Test
  void aNewFileGetsTheUsualPermissionsNotThoseOfATemporaryFile() throws IOException {
    Path out = dir.resolve("sums.csv");
    Path usual = Files.createFile(dir.resolve("usual"));
    assertEquals(0, ToolRun.of(new WriterCommand(), SUMS, "-o", out.toString()).status());
    assertEquals(Files.getPosixFilePermissions(usual), Files.getPosixFilePermissions(out));
  }

  @Test
  void badInputLeavesNoFile() throws IOException {
    Path out = dir.resolve("sums.csv");
    ToolRun run = ToolRun.of(new WriterCommand(), TRUNCATED, "-o", out.toString());
    assertEquals(1, run.status());
    assertEquals("", run.stdout());
    assertEquals("writer: truncated record at byte offset 3: input ends at byte offset 7 inside it\n", run.stderr());
    assertEquals(List.of(), files());
  }

  @Test
  void badInputLeavesAnExistingFileUnchanged() throws IOException {
    Path out = dir.resolve("sums.csv");
    Files.writeString(out, "old\n");
    ToolRun run = ToolRun.of(new WriterCommand(), TRUNCATED, "-o", out.toString());
    assertEquals(1, run.status());
    assertEquals("old\n", Files.readString(out));
    assertEquals(List.of("sums.csv"), files());
  }

  @Test
  void missingDirectory() throws IOException {
    Path out = dir.resolve("missing").resolve("sums.csv");
    ToolRun run = ToolRun.of(new WriterCommand(), SUMS, "-o", out.toString());
    assertEquals(1, run.status());
    assertEquals("writer: " + out + ": No such file or directory\n", run.stderr());
    assertEquals(List.of(), files());
  }

  @Test
  void directoryThatIsAFile() throws IOException {
    Files.writeString(dir.resolve("plain"), "");
    Path out = dir.resolve("plain").resolve("sums.csv");
    ToolRun run = ToolRun.of(new WriterCommand(), SUMS, "-o", out.toString());
    assertEquals(1, run.status());
    assertEquals("writer: " + out + ": Not a directory\n", run.stderr());
  }

  @Test
  void outputThatIsADirectory() {
    ToolRun run = ToolRun.of(new WriterCommand(), SUMS, "-o", dir.toString());
    assertEquals(1, run.status());
    assertEquals("writer: " + dir + ": Is a directory\n", run.stderr());
  }

  @Test
  void directoryWithoutWritePermission() throws IOException {
    assumeFalse("root".equals(System.getProperty("user.name")), "root may write anywhere");
    Path readOnly = Files.createDirectory(dir.resolve("read-only"));
    Files.setPosixFilePermissions(readOnly, PosixFilePermissions.fromString("r-xr-xr-x"));
    Path out = readOnly.resolve("sums.csv");
    ToolRun run = ToolRun.of(new WriterCommand(), SUMS, "-o", out.toString());
    assertEquals(1, run.status());
    assertEquals("writer: " + out + ": Permission denied\n", run.stderr());
  }

  @Test
  void relativePathIsNamedAsGiven() throws IOException {
    Path out = Path.of("target", "no-such-dir", "sums.csv");
    ToolRun run = ToolRun.of(new WriterCommand(), SUMS, "-o", out.toString());
    assertEquals("writer: target/no-such-dir/sums.csv: No such file or directory\n", run.stderr());
  }

  @Test
  void dashIsStdout() {
    ToolRun run = ToolRun.of(new WriterCommand(), SUMS, "-o", "-");
    assertEquals(0, run.status());
    assertEquals("0,6\n1,15\n", run.stdout());
  }

  @Test
  void anUnfinishedFileIsDiscardedOnClose() throws IOException {
    Path out = dir.resolve("sums.csv");
    try (AtomicFile file = AtomicFile.create(out)) {
      file.output().write("partial".getBytes(UTF_8));
      assertEquals(List.of(file.temp().getFileName().toString()), files());
      assertTrue(file.temp().getFileName().toString().matches("\\.sums\\.csv\\.recpipe-[0-9a-f]{8}\\.tmp"), file.temp().toString());
    }
    assertEquals(List.of(), files());
    assertFalse(Files.exists(out));
  }
}
