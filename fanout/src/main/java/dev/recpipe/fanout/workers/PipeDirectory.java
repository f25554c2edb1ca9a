package dev.recpipe.fanout.workers;

import dev.recpipe.common.IoErrors;
import dev.recpipe.common.RecpipeException;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Where fanout makes its named pipes and spill files: a private directory (mode 0700) under
 * {@code $TMPDIR} (or /tmp) that exists only while something is being made in it ({@link #within}).
 *
 * <p>A named pipe is needed by name only until both its ends are open, a spill file until it is open
 * (it is unlinked then). So each use gets a fresh directory, removed with what is in it as soon as the
 * use returns, by any way, an {@link Error} included. Between uses nothing is on disk, so even a
 * SIGKILL, which no cleanup survives, leaves nothing behind unless it comes during one of those short
 * uses. SIGINT and SIGTERM during one are covered by a shutdown hook, installed before any directory
 * exists; the hook is not all of it, as a hook is a new thread, and when threads run out (a low
 * {@code ulimit -u}) it can't start.
 */
public final class PipeDirectory implements AutoCloseable {
  private static final Set<PosixFilePermission> PRIVATE = PosixFilePermissions.fromString("rwx------");
  private static final FileAttribute<Set<PosixFilePermission>> PRIVATE_ATTRIBUTE =
      PosixFilePermissions.asFileAttribute(PRIVATE);

  private final Path parent;
  private final Thread hook = new Thread(this::close, "fanout-remove-pipes");
  private final Set<Path> live = new HashSet<>();
  /** Uses under way: {@link #close()} waits for them, as one may be making pipes in its directory. */
  private int uses;
  private volatile boolean closed;

  /** Something done in the directory: making pipes and opening them, opening a spill file. */
  @FunctionalInterface
  public interface Use<T> {
    T in(Path directory) throws IOException;
  }

  private PipeDirectory(Path parent) {
    this.parent = parent;
  }

  /** Directories under {@code $TMPDIR}, or /tmp. */
  public static PipeDirectory create() {
    String tmp = System.getenv("TMPDIR");
    return create(Path.of(tmp == null || tmp.isEmpty() ? "/tmp" : tmp));
  }

  /** Directories under {@code parent}. */
  public static PipeDirectory create(Path parent) {
    PipeDirectory directory = new PipeDirectory(parent);
    Runtime.getRuntime().addShutdownHook(directory.hook);
    return directory;
  }

  /** How long {@link #close()} waits for a use under way, as a signal's cleanup must end. */
  private static final long USE_WAIT_NANOS = 5_000_000_000L;

  /** Where the directories go: $TMPDIR, or /tmp. */
  public Path parent() {
    return parent;
  }

  /**
   * Makes a fresh private directory, runs {@code use} in it, and removes the directory and all in it
   * however {@code use} ends. What {@code use} opened stays usable; what it made is gone by name.
   */
  public <T> T within(Use<T> use) throws IOException {
    return within("the pipes in " + parent, use);
  }

  /** As above, {@code what} the directory is for named in a failure to make it ("the pipes in /tmp"). */
  public <T> T within(String what, Use<T> use) throws IOException {
    Path directory = make(what);
    try {
      return use.in(directory);
    } finally {
      remove(directory);
    }
  }

  private synchronized Path make(String what) throws IOException {
    if (closed) throw new RecpipeException("stopping: not making a directory for the pipes");
    for (int attempt = 0; attempt < 100; attempt++) {
      Path directory = parent.resolve("fanout-" + Long.toUnsignedString(ThreadLocalRandom.current().nextLong(), 36));
      try {
        Files.createDirectory(directory, PRIVATE_ATTRIBUTE);
      } catch (FileAlreadyExistsException notOurs) {
        continue;
      } catch (IOException e) {
        throw new RecpipeException("cannot make a directory for " + what + ": " + IoErrors.reason(e), e);
      }
      live.add(directory);
      uses++;
      try {
        // the mode given at creation is masked by the umask (0177 would leave 0600: no way in); this is not
        Files.setPosixFilePermissions(directory, PRIVATE);
      } catch (IOException e) {
        remove(directory);
        throw new RecpipeException("cannot make a directory for " + what + ": " + IoErrors.reason(e), e);
      }
      return directory;
    }
    throw new RecpipeException("cannot make a directory for " + what + ": every name tried exists");
  }

  /**
   * Removes a use's directory, also when {@link #close()} has tried first: it does not wait for a use
   * on an interrupted thread, and a directory it found not empty (the use's file still in it, or no
   * descriptor left to list it with) would stay, empty once the use had ended.
   */
  private synchronized void remove(Path directory) {
    uses--;
    notifyAll();
    live.remove(directory);
    delete(directory);
  }

  /** Whether {@link #close()} has begun: a use making many pipes stops early then. */
  public boolean isClosed() {
    return closed;
  }

  /**
   * Empties and removes {@code directory}, as far as it can; throws nothing. Not even what the JDK
   * throws undeclared: on JDK 17 and 25 a process start that fails for want of descriptors closes the JVM's
   * descriptor 0 twice, whatever it then holds (its cleanup closes a pipe it never made, read from
   * memory never set); when that was this directory, opened for listing by another thread, the JDK's
   * own cleanup threw its internal {@code UnixException} past every catch of {@link IOException}, and
   * the directory stayed (EachIT's descriptor-starved runs, 1 run in 7 to 20 on a busy machine).
   */
  private static void delete(Path directory) {
    try (DirectoryStream<Path> entries = Files.newDirectoryStream(directory)) {
      for (Path entry : entries) Files.deleteIfExists(entry);
    } catch (Exception e) { // IOException, DirectoryIteratorException, and the JDK's own, above
      // best effort: the directory goes below if it is empty
    }
    try {
      Files.deleteIfExists(directory);
    } catch (Exception e) {
      // nothing more to do on the way out
    }
  }

  /**
   * Removes whatever directory exists now, and makes no more; safe to call more than once, from any
   * thread, the shutdown hook included. A use under way (a signal during the workers' start) is
   * waited for, up to a few seconds, rather than emptied under it: it would go on making pipes in a
   * directory being removed, which then stays, not empty.
   */
  @Override
  public synchronized void close() {
    if (closed) return;
    closed = true;
    Cleanup.awaitWhile(this, () -> uses > 0, USE_WAIT_NANOS);
    for (Path directory : live) delete(directory);
    live.clear();
    Cleanup.removeHook(hook);
  }
}
