package dev.recpipe.writer;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeFalse;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.recpipe.common.testing.Hex;
import dev.recpipe.common.testing.ToolRun;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

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

  /**
   * The temporary file for a 0600 or 0640 file is created with the owner's bits only, never the
   * umask's 0644 and a chmod after: in between, another user could open it and read all that follows.
   */
  @ParameterizedTest
  @ValueSource(strings = {"rw-------", "rw-r-----", "r--------", "rw-rw-rw-"})
  void theTemporaryFileIsBornWithNoMorePermissionsThanTheFileItReplaces(String mode) throws IOException {
    Path out = dir.resolve("sums.csv");
    Files.writeString(out, "old\n");
    Files.setPosixFilePermissions(out, PosixFilePermissions.fromString(mode));
    List<String> atCreation = new ArrayList<>();
    try (AtomicFile file = AtomicFile.create(out, "sums.csv", Ownership.of(out),
        temp -> atCreation.add(PosixFilePermissions.toString(permissionsOf(temp))))) {
      assertEquals(mode.substring(0, 3) + "------", atCreation.get(0));
      assertEquals(mode, PosixFilePermissions.toString(permissionsOf(file.temp())));
    }
  }

  private static Set<PosixFilePermission> permissionsOf(Path path) {
    try {
      return Files.getPosixFilePermissions(path);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Test
  void aNewFileIsBornWithItsFinalPermissions() throws IOException {
    Path out = dir.resolve("sums.csv");
    Path usual = Files.createFile(dir.resolve("usual"));
    List<Set<PosixFilePermission>> atCreation = new ArrayList<>();
    try (AtomicFile file = AtomicFile.create(out, "sums.csv", null, temp -> atCreation.add(permissionsOf(temp)))) {
      assertEquals(Files.getPosixFilePermissions(usual), atCreation.get(0));
    }
  }

  /** As root: replacing another user's file keeps its owner and group, and the temporary file is root's until then. */
  @Test
  void rootKeepsTheOwnerAndGroupOfTheFileItReplaces() throws IOException {
    assumeTrue("root".equals(System.getProperty("user.name")), "only root may give a file to another user");
    Path out = dir.resolve("sums.csv");
    Files.writeString(out, "old\n");
    Files.setAttribute(out, "unix:uid", 65534);
    Files.setAttribute(out, "unix:gid", 65534);
    Files.setPosixFilePermissions(out, PosixFilePermissions.fromString("rw-------"));
    List<Ownership> atCreation = new ArrayList<>();
    try (AtomicFile file = AtomicFile.create(out, "sums.csv", Ownership.of(out), temp -> atCreation.add(ownership(temp)))) {
      assertEquals(new Ownership(0, 0, 0600), atCreation.get(0));
      assertEquals(new Ownership(65534, 65534, 0600), Ownership.of(file.temp()));
    }
    ToolRun run = ToolRun.of(new WriterCommand(), SUMS, "-o", out.toString());
    assertEquals(0, run.status(), run.stderr());
    assertEquals("0,6\n1,15\n", Files.readString(out));
    assertEquals(new Ownership(65534, 65534, 0600), Ownership.of(out));
  }

  private static Ownership ownership(Path path) {
    try {
      return Ownership.of(path);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Test
  void failureAfterLinesWereWrittenLeavesTheExistingFileUntouched() throws IOException {
    Path out = dir.resolve("sums.csv");
    Files.writeString(out, "old\n");
    // more than one chunk of lines reaches the temporary file before the input turns out truncated
    byte[] many = Records.of(new Object[20_000]);
    ToolRun run = ToolRun.of(new WriterCommand(), Records.concat(many, TRUNCATED), "-o", out.toString());
    assertEquals(1, run.status());
    assertEquals("writer: truncated record at byte offset " + (many.length + 3) + ": input ends at byte offset "
        + (many.length + 7) + " inside it\n", run.stderr());
    assertEquals("old\n", Files.readString(out));
    assertEquals(List.of("sums.csv"), files());
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

  /** A directory named "Broken pipe" is no closed stdout: writer exited 141, quietly, as if one. */
  @Test
  void aMissingDirectoryNamedBrokenPipeIsAFailureNotAClosedStdout() throws IOException {
    Path out = dir.resolve("Broken pipe").resolve("sums.csv");
    ToolRun run = ToolRun.of(new WriterCommand(), SUMS, "-o", out.toString());
    assertEquals("writer: " + out + ": No such file or directory\n", run.stderr());
    assertEquals(1, run.status());
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

  /**
   * A file name may be 255 bytes long, and {@code > NAME} writes to it. The temporary file's name, the
   * file's own with 22 bytes around it, was too long for such a name: {@code writer: NAME: File name
   * too long}, for any name of 234 bytes or more.
   */
  @ParameterizedTest
  @ValueSource(ints = {233, 234, 255})
  void aFileNameOfUpTo255BytesCanBeWrittenAndReplaced(int bytes) throws IOException {
    String name = "é".repeat(bytes / 2) + (bytes % 2 == 1 ? "x" : ""); // two bytes a character, to cut one
    assertEquals(bytes, name.getBytes(UTF_8).length);
    Path out = dir.resolve(name);
    for (String old : new String[] {null, "old\n"}) {
      if (old != null) Files.writeString(out, old);
      ToolRun run = ToolRun.of(new WriterCommand(), SUMS, "-o", out.toString());
      assertEquals("", run.stderr());
      assertEquals(0, run.status());
      assertEquals("0,6\n1,15\n", Files.readString(out));
      assertEquals(List.of(name), files());
    }
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

  /**
   * The directory of {@code -o FILE} renamed while writer runs (a rotation's {@code mv out out.1}):
   * the rename into place fails, as the name leads nowhere, and the temporary file goes too. It was
   * deleted by its path, in a directory that was no longer there: writer said
   * "out/sums.csv: No such file or directory", exit 1, and left {@code .sums.csv.recpipe-XXXXXXXX.tmp}
   * in the renamed directory, the whole output in it.
   */
  @Test
  void aDirectoryRenamedDuringTheRunKeepsNoTemporaryFile() throws IOException {
    Path out = Files.createDirectory(dir.resolve("out")).resolve("sums.csv");
    Path moved = dir.resolve("out.1");
    InputStream input = new ByteArrayInputStream(SUMS) {
      @Override
      public synchronized int read(byte[] b, int off, int len) {
        int n = super.read(b, off, len);
        if (n < 0 && !Files.exists(moved)) move(out.getParent(), moved);
        return n;
      }
    };
    ToolRun run = ToolRun.of(new WriterCommand(), input, "-o", out.toString());
    assertEquals(1, run.status());
    assertEquals("writer: " + out + ": No such file or directory\n", run.stderr());
    try (Stream<Path> left = Files.list(moved)) {
      assertEquals(List.of(), left.map(path -> path.getFileName().toString()).collect(Collectors.toList()));
    }
  }

  private static void move(Path from, Path to) {
    try {
      Files.move(from, to);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Test
  void anUnfinishedFileIsDiscardedOnClose() throws IOException {
    Path out = dir.resolve("sums.csv");
    try (AtomicFile file = AtomicFile.create(out, "sums.csv", null)) {
      file.output().write("partial".getBytes(UTF_8));
      assertEquals(List.of(file.temp().getFileName().toString()), files());
      assertTrue(file.temp().getFileName().toString().matches("\\.sums\\.csv\\.recpipe-[0-9a-f]{8}\\.tmp"), file.temp().toString());
    }
    assertEquals(List.of(), files());
    assertFalse(Files.exists(out));
  }
}
