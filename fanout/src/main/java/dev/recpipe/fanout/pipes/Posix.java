package dev.recpipe.fanout.pipes;

import java.io.IOException;
import jnr.constants.platform.Errno;
import jnr.constants.platform.OpenFlags;
import jnr.ffi.LibraryLoader;
import jnr.ffi.Runtime;
import jnr.ffi.annotations.In;
import jnr.ffi.annotations.Out;

/**
 * The few POSIX calls fanout needs that the JDK does not offer, through jnr-ffi: {@code mkfifo},
 * {@code open} with {@code O_NONBLOCK} (a FIFO's read end must be opened before its writer exists,
 * without blocking) and {@code ioctl(FIONREAD)} (how many bytes a dead worker left unread in its input
 * pipe), for {@link JnrFifos}; and {@code memfd_create}, for {@code fanout --each}.
 *
 * <p>Linux only. The open flags and errno values come from jnr-constants, for the platform it runs
 * on, but ioctl request numbers are not among them, and {@code FIONREAD} differs between systems
 * (0x541B on Linux, 0x4004667F on the BSDs and macOS). Rather than misbehave elsewhere, this class
 * refuses to load off Linux, as {@code bin/recpipe} refuses to start fanout there.
 */
public final class Posix {
  /** The C library, bound once through jnr-ffi. */
  public interface LibC {
    int mkfifo(String path, int mode);

    int open(String path, int flags);


    long write(int fd, @In byte[] data, long size);

    int ioctl(int fd, long request, @Out int[] value);

    int memfd_create(String name, int flags);

    int close(int fd);
  }

  static {
    JnrMode.reflection();
  }

  static final int O_RDONLY = OpenFlags.O_RDONLY.intValue();
  static final int O_WRONLY = OpenFlags.O_WRONLY.intValue();
  static final int O_NONBLOCK = OpenFlags.O_NONBLOCK.intValue();
  static final int O_TRUNC = OpenFlags.O_TRUNC.intValue();
  static final int O_CLOEXEC = OpenFlags.O_CLOEXEC.defined() ? OpenFlags.O_CLOEXEC.intValue() : 0;
  /** memfd_create's MFD_CLOEXEC on Linux; jnr-constants does not carry it. */
  private static final int MFD_CLOEXEC = 1;
  /** FIONREAD on Linux; jnr-constants does not carry ioctl numbers. */
  private static final long FIONREAD = linuxOnly(0x541B);

  private static final LibC LIBC = LibraryLoader.create(LibC.class).load("c");
  private static final Runtime RUNTIME = Runtime.getRuntime(LIBC);

  private Posix() {}

  private static long linuxOnly(long value) {
    String os = System.getProperty("os.name");
    if (!"Linux".equals(os)) {
      throw new UnsupportedOperationException("fanout runs on Linux only (its named-pipe calls use Linux's"
          + " constants); this is " + os);
    }
    return value;
  }

  static LibC libc() {
    return LIBC;
  }

  /** {@code mkfifo(path, 0600)}: {@link Fifos#mkfifo} sets the mode the umask took away. */
  static void mkfifo(String path) throws IOException {
    if (LIBC.mkfifo(path, 0600) != 0) throw error(path);
  }

  /**
   * Makes an anonymous file in memory, close-on-exec, {@code name} only for /proc's listings
   * ({@code memfd_create}, Linux 3.17); returns its descriptor, for {@link #close}. Reached by the
   * path {@code /proc/self/fd/N}, it is a file like any other, which the JDK can open.
   */
  public static int memoryFile(String name) throws IOException {
    int fd = LIBC.memfd_create(name, MFD_CLOEXEC);
    if (fd < 0) throw error("memfd_create");
    return fd;
  }

  /** Closes a descriptor of {@link #memoryFile}'s. */
  public static void close(int fd) throws IOException {
    if (LIBC.close(fd) != 0) throw error("close");
  }

  /** Bytes waiting unread in the pipe behind {@code fd}, either end. */
  static int unreadBytes(int fd) throws IOException {
    int[] count = new int[1];
    if (LIBC.ioctl(fd, FIONREAD, count) != 0) throw error("ioctl(FIONREAD)");
    return count[0];
  }

  /**
   * Binds the C library now (this class's initialization), so that a later first call does not wait
   * for it: for {@code PipesWarmUp}, when {@code fanout --each} will make memory files.
   */
  public static void load() {
    // the static initializer has done it
  }

  static int lastErrno() {
    return RUNTIME.getLastError();
  }

  static IOException error(String what) {
    return new IOException(what + ": " + describe(lastErrno()));
  }

  static String describe(int errno) {
    Errno e = Errno.valueOf(errno);
    return e == Errno.__UNKNOWN_CONSTANT__ ? "errno " + errno : e.description();
  }
}
