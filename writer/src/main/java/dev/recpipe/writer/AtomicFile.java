package dev.recpipe.writer;

import dev.recpipe.common.cli.LabeledOutputStream;
import dev.recpipe.common.IoErrors;
import dev.recpipe.common.RecpipeException;
import java.io.Closeable;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.ThreadLocalRandom;

/**
 * A file that is replaced whole or not at all.
 *
 * <p>Writes go to a temporary file beside the target, {@code .NAME.recpipe-XXXXXXXX.tmp}; only
 * {@link #commit()} puts it in place, after forcing it to disk, with a rename, so a reader of the
 * target sees the old content or the new, never part of it. {@link #close()} without a commit, and a
 * JVM shutting down on SIGINT or SIGTERM, delete the temporary file and leave the target untouched.
 * A new file gets the permissions the umask gives (not a temporary file's 0600); like {@code sed
 * -i}, a replaced file keeps its permissions, and a symbolic link at the target is replaced by the
 * new file.
 *
 * <pre>{@code
 * try (AtomicFile file = AtomicFile.create(Path.of("sums.csv"))) {
 *   file.output().write(bytes);
 *   file.commit();
 * }
 * }</pre>
 *
 * <p>Errors are {@link RecpipeException}s that name the target as the user gave it and say why, as
 * a shell would: {@code sums.csv: No space left on device}.
 */
final class AtomicFile implements Closeable {
  private enum State { OPEN, COMMITTED, DISCARDED }

  private static final int MAX_NAME_ATTEMPTS = 100;

  private final Path target;
  private final Path temp;
  private FileChannel channel;
  private final Thread shutdownHook = new Thread(this::discardIfOpen, "delete temporary output");
  private State state = State.OPEN;

  private AtomicFile(Path target, Path temp) {
    this.target = target;
    this.temp = temp;
  }

  /** Creates the temporary file for {@code target}; the target itself is not touched. */
  static AtomicFile create(Path target) throws RecpipeException {
    if (Files.isDirectory(target)) throw new RecpipeException(target + ": Is a directory");
    Path directory = target.toAbsolutePath().getParent();
    String prefix = "." + target.getFileName() + ".recpipe-";
    for (int attempt = 0; attempt < MAX_NAME_ATTEMPTS; attempt++) {
      AtomicFile file = new AtomicFile(target, directory.resolve(prefix + randomSuffix() + ".tmp"));
      // the hook goes in before the file exists, so a signal at any moment after leaves nothing behind
      Runtime.getRuntime().addShutdownHook(file.shutdownHook);
      try {
        file.open();
      } catch (FileAlreadyExistsException e) {
        file.abandon(); // another writer's temporary file: not ours to delete; pick another name
        continue;
      } catch (IOException e) {
        file.abandon();
        throw failure(target, e);
      }
      try {
        file.keepPermissionsOf(target);
      } catch (IOException e) {
        file.close();
        throw failure(target, e);
      }
      return file;
    }
    throw new RecpipeException(target + ": cannot create a temporary file beside it");
  }

  /** Creates the temporary file, unless the shutdown hook has already run. */
  private synchronized void open() throws IOException {
    if (state != State.OPEN) throw new RecpipeException(target + ": not written: the output was discarded");
    channel = FileChannel.open(temp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
  }

  /** The temporary file could not be created: forget it without deleting anything. */
  private void abandon() {
    synchronized (this) {
      state = State.DISCARDED;
    }
    removeShutdownHook();
  }

  private static String randomSuffix() {
    return String.format("%08x", ThreadLocalRandom.current().nextInt());
  }

  private void keepPermissionsOf(Path existing) throws IOException {
    if (!Files.exists(existing) || !Files.getFileStore(temp).supportsFileAttributeView("posix")) return;
    Files.setPosixFilePermissions(temp, Files.getPosixFilePermissions(existing));
  }

  /** The temporary file's content. Unbuffered: the caller buffers. Closed by {@link #commit()} and {@link #close()}. */
  OutputStream output() {
    return new LabeledOutputStream(Channels.newOutputStream(channel), target.toString());
  }

  /** The temporary file, for tests and messages. */
  Path temp() {
    return temp;
  }

  /**
   * Forces the written bytes to disk and renames the temporary file over the target.
   *
   * @throws RecpipeException the file could not be put in place, or a shutdown already discarded it
   */
  void commit() throws IOException {
    synchronized (this) {
      if (state != State.OPEN) throw new RecpipeException(target + ": not written: the output was discarded");
      try {
        channel.force(true);
        channel.close();
        Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE);
      } catch (IOException e) {
        throw failure(target, e);
      }
      state = State.COMMITTED;
    }
    removeShutdownHook();
  }

  /** Deletes the temporary file unless {@link #commit()} succeeded. */
  @Override
  public void close() {
    discardIfOpen();
    removeShutdownHook();
  }

  /** Never renames: on a shutdown, the target keeps its old content. */
  private synchronized void discardIfOpen() {
    if (state != State.OPEN) return;
    state = State.DISCARDED;
    try {
      if (channel != null) channel.close();
    } catch (IOException ignored) {
      // closing only to delete: what was written no longer matters
    }
    try {
      Files.deleteIfExists(temp);
    } catch (IOException ignored) {
      // nothing more can be done; the name says what it is
    }
  }

  private void removeShutdownHook() {
    try {
      Runtime.getRuntime().removeShutdownHook(shutdownHook);
    } catch (IllegalStateException shutdownInProgress) {
      // the hook runs or has run; it does nothing once the file is committed or discarded
    }
  }

  private static RecpipeException failure(Path target, IOException e) {
    return new RecpipeException(target + ": " + IoErrors.reason(e), e);
  }
}
