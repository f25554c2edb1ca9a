package dev.recpipe.fanout.pipes;

import java.io.IOException;
import java.nio.channels.Selector;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;
import java.util.function.BooleanSupplier;

/**
 * Named pipes as the selector sees them: made ({@code mkfifo}), an end opened without waiting for the
 * other ({@code O_NONBLOCK}), that end a selectable channel, and the bytes left unread in it
 * ({@code FIONREAD}). The JDK has public calls for none of these, so there are two ways of making them:
 *
 * <ul>
 *   <li>{@link JdkFifos}: the JDK's own pipe channels over the named pipe's descriptor, through
 *       internals that {@code --add-opens} opens (bin/recpipe passes them: the {@code fifos} option
 *       set of tools.txt). Nothing is bound at start-up; jnr's binding took 0.08 s of CPU at every
 *       start of fanout, about half of it (bench/results/fanout-startup.md).
 *   <li>{@link JnrFifos}: jnr-ffi's calls into the C library and jnr-enxio's selector, which uses
 *       {@code poll(2)}: for a JVM started without those options, or a JDK whose internals moved, and
 *       for the paths a user names in {@code fanout deal} and {@code fanout merge}, which may be
 *       regular files, which the JDK's {@code epoll(7)} selector cannot watch.
 * </ul>
 *
 * Channels are registered only with a selector of the same {@code Fifos}.
 */
public abstract class Fifos {
  /** A system property; {@code jnr} chooses {@link JnrFifos} for fanout's own pipes too. */
  public static final String CHOICE = "recpipe.fifos";

  private static final Set<PosixFilePermission> OWNER_READ_WRITE = PosixFilePermissions.fromString("rw-------");

  Fifos() {}

  /** For the named pipes fanout makes itself, to its workers: the JDK's channels where they can be had. */
  public static Fifos forOwnPipes() {
    return OwnPipes.FIFOS;
  }

  /** For paths a user names, named pipes or regular files: jnr's. */
  public static Fifos forAnyPath() {
    return JnrFifos.INSTANCE;
  }

  private static final class OwnPipes {
    static final Fifos FIFOS = choose();

    private static Fifos choose() {
      if ("jnr".equals(System.getProperty(CHOICE))) return JnrFifos.INSTANCE;
      Fifos jdk = JdkFifos.ifOpen();
      return jdk != null ? jdk : JnrFifos.INSTANCE;
    }
  }

  /** "jdk" or "jnr": which way this is, for tests and {@code --verbose}. */
  public abstract String name();

  /** Makes a named pipe that only its owner can open, mode 0600 whatever the umask. */
  public void mkfifo(String path) throws IOException {
    make(path);
    // mkfifo's mode is masked by the umask (0277 would leave 0400: fanout could not write to it); chmod's is not
    Files.setPosixFilePermissions(Path.of(path), OWNER_READ_WRITE);
  }

  /** {@code mkfifo(path, 0600)}. */
  abstract void make(String path) throws IOException;

  /**
   * Opens an end of {@code path} non-blocking and close-on-exec, as a non-blocking channel.
   *
   * @throws NoReaderException opening the write end of a pipe that nobody reads ({@code ENXIO})
   */
  abstract FifoChannel open(String path, boolean forWriting) throws IOException;

  /** A selector for this way's channels. */
  public abstract Selector openSelector() throws IOException;

  /** Opens the read end without waiting for a writer. */
  public FifoChannel openForReading(String path) throws IOException {
    return open(path, false);
  }

  /**
   * Opens the write end; the pipe must have a reader already, else this fails ({@code ENXIO}) rather
   * than waiting.
   */
  public FifoChannel openForWriting(String path) throws IOException {
    return open(path, true);
  }

  /**
   * Opens the write end, waiting until some process opens the read end: for pipes another program
   * reads, as in {@code fanout deal}. Returns null if {@code stillWaiting} turns false first.
   */
  public FifoChannel openForWritingWhenRead(String path, BooleanSupplier stillWaiting)
      throws IOException, InterruptedException {
    while (stillWaiting.getAsBoolean()) {
      try {
        return open(path, true);
      } catch (NoReaderException notYet) {
        Thread.sleep(5);
      }
    }
    return null;
  }

  /** The write end of a named pipe that has no reader ({@code ENXIO}). */
  static final class NoReaderException extends IOException {
    private static final long serialVersionUID = 1L;

    NoReaderException(String message) {
      super(message);
    }
  }
}
