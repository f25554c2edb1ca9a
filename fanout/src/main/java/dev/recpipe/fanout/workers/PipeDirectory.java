package dev.recpipe.fanout.workers;

import dev.recpipe.common.IoErrors;
import dev.recpipe.common.RecpipeException;
import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.concurrent.ThreadLocalRandom;

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
  }

  public static PipeDirectory create() throws IOException {
    String tmp = System.getenv("TMPDIR");
    Path parent = Path.of(tmp == null || tmp.isEmpty() ? "/tmp" : tmp);
    for (int attempt = 0; attempt < 100; attempt++) {
      PipeDirectory directory = new PipeDirectory(parent.resolve(
          "fanout-" + Long.toUnsignedString(ThreadLocalRandom.current().nextLong(), 36)));
      // SIGINT, SIGTERM: removed all the same. The hook goes in before the directory exists, so no
      // moment is left when a signal would leave it behind.
      Runtime.getRuntime().addShutdownHook(directory.hook);
      try {
        if (directory.make()) return directory;
        throw new RecpipeException("stopping: not making a directory for the pipes");
      } catch (FileAlreadyExistsException e) {
        directory.forget(); // not ours
      } catch (IOException e) {
        directory.forget();
        throw new RecpipeException("cannot make a directory for the pipes in " + parent + ": " + IoErrors.reason(e), e);
      }
    }
    throw new RecpipeException("cannot make a directory for the pipes in " + parent + ": every name tried exists");
  }

  /** Makes the directory, unless the shutdown hook has already run; false then. */
  private synchronized boolean make() throws IOException {
    if (removed) return false;
    Files.createDirectory(path, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
    return true;
  }

  /** The directory could not be made: nothing to remove. */
  private synchronized void forget() {
    removed = true;
    try {
      Runtime.getRuntime().removeShutdownHook(hook);
    } catch (IllegalStateException shuttingDown) {
      // the hook finds nothing to do
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
