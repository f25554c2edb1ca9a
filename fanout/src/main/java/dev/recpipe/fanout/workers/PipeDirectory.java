package dev.recpipe.fanout.workers;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

/**
 * fanout's private directory for its named pipes: mode 0700 under {@code $TMPDIR} (or /tmp), and
 * removed, with everything in it, on every way out.
 */
public final class PipeDirectory implements AutoCloseable {
  private final Path path;
  private final Thread hook = new Thread(this::close, "fanout-remove-pipes");
  private boolean removed;

  private PipeDirectory(Path path) {
    this.path = path;
    Runtime.getRuntime().addShutdownHook(hook); // SIGINT, SIGTERM: removed all the same
  }

  public static PipeDirectory create() throws IOException {
    String tmp = System.getenv("TMPDIR");
    Path parent = Path.of(tmp == null || tmp.isEmpty() ? "/tmp" : tmp);
    try {
      return new PipeDirectory(Files.createTempDirectory(parent, "fanout-",
          PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------"))));
    } catch (IOException e) {
      throw new IOException("cannot make a directory for the pipes in " + parent + ": " + e.getMessage(), e);
    }
  }

  public Path path() {
    return path;
  }

  public String resolve(String name) {
    return path.resolve(name).toString();
  }

  /** Removes the directory and its pipes; safe to call more than once, from any thread. */
  @Override
  public synchronized void close() {
    if (removed) return;
    removed = true;
    try (DirectoryStream<Path> entries = Files.newDirectoryStream(path)) {
      for (Path entry : entries) Files.deleteIfExists(entry);
    } catch (IOException ignored) {
      // best effort: the directory goes below if it is empty
    }
    try {
      Files.deleteIfExists(path);
    } catch (IOException ignored) {
      // nothing more to do on the way out
    }
    try {
      Runtime.getRuntime().removeShutdownHook(hook);
    } catch (IllegalStateException shuttingDown) {
      // called from a hook
    }
  }
}
