package dev.recpipe.writer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeFalse;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.recpipe.common.testing.Hex;
import dev.recpipe.common.testing.ToolRun;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * What {@code -o FILE} does with each kind of file it may name: a regular file is replaced whole, a
 * FIFO or a character device is written straight through and stays what it was, a symbolic link is
 * followed and stays, and a directory, a trailing slash, a socket or a block device is refused
 * before anything is written.
 */
@Timeout(60)
class OutputTargetTest {
  private static final byte[] SUMS = Hex.decode("82 00 06 82 01 0f");
  private static final String LINES = "0,6\n1,15\n";

  @TempDir Path dir;

  private ToolRun writer(String output) {
    return ToolRun.of(new WriterCommand(), SUMS, "-o", output);
  }

  private List<String> files() {
    try (Stream<Path> listing = Files.list(dir)) {
      return listing.map(path -> path.getFileName().toString()).sorted().collect(Collectors.toList());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static String type(Path path) throws IOException {
    int mode = (Integer) Files.getAttribute(path, "unix:mode", LinkOption.NOFOLLOW_LINKS);
    return Integer.toOctalString(mode >> 12);
  }

  private static final String FIFO_TYPE = "1";
  private static final String CHARACTER_DEVICE_TYPE = "2";
  private static final String REGULAR_TYPE = "10";
  private static final String SYMLINK_TYPE = "12";

  private static void exec(String... command) throws Exception {
    Process process = new ProcessBuilder(command).inheritIO().start();
    assertTrue(process.waitFor(30, TimeUnit.SECONDS), String.join(" ", command));
    assertEquals(0, process.exitValue(), String.join(" ", command));
  }

  /** The reader at the other end of a FIFO: everything it reads, once the writer closes it. */
  private static CompletableFuture<String> readAll(Path fifo) {
    return CompletableFuture.supplyAsync(() -> {
      try (InputStream in = Files.newInputStream(fifo)) {
        return new String(in.readAllBytes(), StandardCharsets.UTF_8);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    });
  }

  /**
   * A null device of our own (mknod c 1 3) rather than /dev/null: if writer ever renamed a file over
   * it again, it would be this one, not the machine's. Without the right to mknod, the test is skipped.
   */
  private Path nullDevice() throws Exception {
    Path device = dir.resolve("null");
    Process mknod = new ProcessBuilder("mknod", device.toString(), "c", "1", "3").start();
    assumeTrue(mknod.waitFor(30, TimeUnit.SECONDS) && mknod.exitValue() == 0, "mknod is not permitted here");
    return device;
  }

  @Test
  void fifoIsWrittenStraightThroughAndStaysAFifo() throws Exception {
    Path fifo = dir.resolve("fifo");
    exec("mkfifo", fifo.toString());
    CompletableFuture<String> read = readAll(fifo);
    ToolRun run = writer(fifo.toString());
    assertEquals("", run.stderr());
    assertEquals(0, run.status());
    assertEquals(FIFO_TYPE, type(fifo));
    assertEquals(LINES, read.get(30, TimeUnit.SECONDS));
    assertEquals(List.of("fifo"), files());
  }

  @Test
  void fifoThroughASymbolicLink() throws Exception {
    Path fifo = dir.resolve("fifo");
    exec("mkfifo", fifo.toString());
    Path link = Files.createSymbolicLink(dir.resolve("link"), Path.of("fifo"));
    CompletableFuture<String> read = readAll(fifo);
    ToolRun run = writer(link.toString());
    assertEquals(0, run.status(), run.stderr());
    assertEquals(SYMLINK_TYPE, type(link));
    assertEquals(FIFO_TYPE, type(fifo));
    assertEquals(LINES, read.get(30, TimeUnit.SECONDS));
  }

  @Test
  void characterDeviceIsWrittenStraightThroughAndStaysADevice() throws Exception {
    Path device = nullDevice();
    ToolRun run = writer(device.toString());
    assertEquals("", run.stderr());
    assertEquals(0, run.status());
    assertEquals(CHARACTER_DEVICE_TYPE, type(device));
    assertEquals(List.of("null"), files());
  }

  @Test
  void symbolicLinkToDevNullStaysALinkToIt() throws Exception {
    Path link = Files.createSymbolicLink(dir.resolve("out.csv"), Path.of("/dev/null"));
    ToolRun run = writer(link.toString());
    assertEquals("", run.stderr());
    assertEquals(0, run.status());
    assertEquals(SYMLINK_TYPE, type(link));
    assertEquals(Path.of("/dev/null"), Files.readSymbolicLink(link));
    assertEquals(CHARACTER_DEVICE_TYPE, type(Path.of("/dev/null")));
  }

  @Test
  void symbolicLinkToARegularFileStaysAndTheFileIsReplaced() throws IOException {
    Path real = Files.writeString(dir.resolve("real.csv"), "old\n");
    Files.setPosixFilePermissions(real, PosixFilePermissions.fromString("rw-r-----"));
    Path link = Files.createSymbolicLink(dir.resolve("link.csv"), Path.of("real.csv"));
    ToolRun run = writer(link.toString());
    assertEquals(0, run.status(), run.stderr());
    assertEquals(SYMLINK_TYPE, type(link));
    assertEquals(REGULAR_TYPE, type(real));
    assertEquals(LINES, Files.readString(real));
    assertEquals("rw-r-----", PosixFilePermissions.toString(Files.getPosixFilePermissions(real)));
    assertEquals(List.of("link.csv", "real.csv"), files());
  }

  @Test
  void symbolicLinkIntoAnotherDirectoryPutsTheTemporaryFileThere() throws IOException {
    Path sub = Files.createDirectory(dir.resolve("sub"));
    Path real = Files.writeString(sub.resolve("real.csv"), "old\n");
    Path link = Files.createSymbolicLink(dir.resolve("link.csv"), Path.of("sub/real.csv"));
    // the temporary file must be beside the real file, or the rename could cross file systems
    List<String> seenAtEnd = new java.util.ArrayList<>();
    InputStream input = new java.io.ByteArrayInputStream(SUMS) {
      @Override
      public synchronized int read(byte[] b, int off, int len) {
        int n = super.read(b, off, len);
        if (n < 0) seenAtEnd.add(files() + " " + listing(sub));
        return n;
      }
    };
    ToolRun run = ToolRun.of(new WriterCommand(), input, "-o", link.toString());
    assertEquals(0, run.status(), run.stderr());
    assertEquals("[link.csv, sub] 2", seenAtEnd.get(0));
    assertEquals(LINES, Files.readString(real));
    assertEquals(SYMLINK_TYPE, type(link));
  }

  private static int listing(Path directory) {
    try (Stream<Path> listing = Files.list(directory)) {
      return (int) listing.count();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Test
  void danglingSymbolicLinkCreatesTheFileItNames() throws IOException {
    Path link = Files.createSymbolicLink(dir.resolve("link.csv"), Path.of("new.csv"));
    ToolRun run = writer(link.toString());
    assertEquals(0, run.status(), run.stderr());
    assertEquals(SYMLINK_TYPE, type(link));
    assertEquals(LINES, Files.readString(dir.resolve("new.csv")));
    assertEquals(List.of("link.csv", "new.csv"), files());
  }

  @Test
  void danglingSymbolicLinkIntoAMissingDirectory() throws IOException {
    Path link = Files.createSymbolicLink(dir.resolve("link.csv"), Path.of("missing/new.csv"));
    ToolRun run = writer(link.toString());
    assertEquals(1, run.status());
    assertEquals("writer: " + link + ": No such file or directory\n", run.stderr());
    assertEquals(List.of("link.csv"), files());
  }

  /**
   * A file in a directory that makes no new files, /proc, as root (who may open /proc/version to
   * write): the temporary file -o makes beside it can't be created, and Linux says ENOENT, which
   * writer passed on as {@code /proc/version: No such file or directory}, about a file that is there.
   * Another user is refused before, {@code Permission denied}, as the shell refuses it.
   */
  @Test
  void aFileInADirectoryThatMakesNoFilesIsReportedAsTheDirectorysFault() {
    assumeTrue("root".equals(System.getProperty("user.name")), "only root may write /proc/version");
    assumeTrue(Files.isRegularFile(Path.of("/proc/version")), "no /proc");
    ToolRun run = writer("/proc/version");
    assertEquals(1, run.status());
    assertEquals("writer: /proc/version: no file can be created in its directory (No such file or directory),"
        + " where -o makes the new file it renames over this one; 'writer > /proc/version' writes into the file itself\n",
        run.stderr());
    ToolRun created = writer("/proc/recpipe-new.csv");
    assertEquals(1, created.status());
    assertEquals("writer: /proc/recpipe-new.csv: no file can be created in its directory (No such file or directory)\n",
        created.stderr());
  }

  @Test
  void symbolicLinkLoop() throws IOException {
    Path a = Files.createSymbolicLink(dir.resolve("a"), Path.of("b"));
    Files.createSymbolicLink(dir.resolve("b"), Path.of("a"));
    ToolRun run = writer(a.toString());
    assertEquals(1, run.status());
    assertEquals("writer: " + a + ": Too many levels of symbolic links\n", run.stderr());
    assertEquals(List.of("a", "b"), files());
  }

  @Test
  void trailingSlashOnANameThatDoesNotExist() {
    ToolRun run = writer(dir + "/newdir/");
    assertEquals(1, run.status());
    assertEquals("", run.stdout());
    assertEquals("writer: " + dir + "/newdir/: Is a directory\n", run.stderr());
    assertEquals(List.of(), files());
  }

  @Test
  void trailingSlashOnAFile() throws IOException {
    Files.writeString(dir.resolve("sums.csv"), "old\n");
    ToolRun run = writer(dir + "/sums.csv/");
    assertEquals(1, run.status());
    assertEquals("writer: " + dir + "/sums.csv/: Not a directory\n", run.stderr());
    assertEquals("old\n", Files.readString(dir.resolve("sums.csv")));
    assertEquals(List.of("sums.csv"), files());
  }

  @Test
  void trailingSlashOnADirectory() throws IOException {
    Files.createDirectory(dir.resolve("sub"));
    ToolRun run = writer(dir + "/sub/");
    assertEquals(1, run.status());
    assertEquals("writer: " + dir + "/sub/: Is a directory\n", run.stderr());
    assertEquals(List.of("sub"), files());
  }

  @Test
  void trailingSlashInAMissingDirectory() {
    ToolRun run = writer(dir + "/missing/newdir/");
    assertEquals(1, run.status());
    assertEquals("writer: " + dir + "/missing/newdir/: No such file or directory\n", run.stderr());
    assertEquals(List.of(), files());
  }

  @Test
  void symbolicLinkToADirectory() throws IOException {
    Files.createDirectory(dir.resolve("sub"));
    Path link = Files.createSymbolicLink(dir.resolve("link"), Path.of("sub"));
    ToolRun run = writer(link.toString());
    assertEquals(1, run.status());
    assertEquals("writer: " + link + ": Is a directory\n", run.stderr());
    assertEquals(List.of("link", "sub"), files());
  }

  @Test
  void dotIsADirectory() {
    ToolRun run = writer(dir + "/.");
    assertEquals(1, run.status());
    assertEquals("writer: " + dir + "/.: Is a directory\n", run.stderr());
  }

  @Test
  void socketIsRefused() throws IOException {
    Path socket = dir.resolve("sock");
    try (ServerSocketChannel server = ServerSocketChannel.open(StandardProtocolFamily.UNIX)) {
      server.bind(UnixDomainSocketAddress.of(socket));
      ToolRun run = writer(socket.toString());
      assertEquals(1, run.status());
      assertEquals("writer: " + socket + ": a socket; -o writes to a regular file, a FIFO or a character device\n",
          run.stderr());
      assertEquals("14", type(socket));
    }
  }

  @Test
  void blockDeviceIsRefused() throws Exception {
    Path device = dir.resolve("block");
    Process mknod = new ProcessBuilder("mknod", device.toString(), "b", "7", "250").start();
    assumeTrue(mknod.waitFor(30, TimeUnit.SECONDS) && mknod.exitValue() == 0, "mknod is not permitted here");
    ToolRun run = writer(device.toString());
    assertEquals(1, run.status());
    assertEquals("writer: " + device + ": a block device; -o writes to a regular file, a FIFO or a character device\n",
        run.stderr());
    assertEquals("6", type(device));
  }

  @Test
  void dashIsStdout() {
    ToolRun run = writer("-");
    assertEquals(0, run.status());
    assertEquals(LINES, run.stdout());
  }

  /**
   * Not as root: a writer that took these names for files again would rename a file over the
   * machine's /dev/stdout (it happened). WriterOutputIT runs the same as nobody, through a pipe.
   */
  @Test
  void devStdoutAndDevFd1AreStdoutItself() {
    assumeFalse("root".equals(System.getProperty("user.name")),
        "as root a regression would replace /dev/stdout; WriterOutputIT tests it as nobody");
    for (String name : List.of("/dev/stdout", "/dev/fd/1")) {
      ToolRun run = writer(name);
      assertEquals(0, run.status(), name);
      assertEquals(LINES, run.stdout(), name);
    }
  }

  /** In the words of every refused value (common's RefusedValue), the option as typed; it was picocli's "Invalid value for option". */
  @Test
  void emptyNameIsAUsageError() {
    ToolRun run = writer("");
    assertEquals(2, run.status());
    assertEquals("writer: -o: '' is empty; give a file name, or - for stdout\n"
        + "Try 'writer --help' for more information.\n", run.stderr());
    assertEquals(List.of(), files());
    assertEquals("writer: --output: '' is empty; give a file name, or - for stdout\n"
        + "Try 'writer --help' for more information.\n", ToolRun.of(new WriterCommand(), SUMS, "--output=").stderr());
  }
}
