package dev.recpipe.fanout.pipes;

import java.io.IOException;
import java.nio.ByteBuffer;
import jnr.constants.platform.Errno;
import jnr.enxio.channels.NativeDeviceChannel;
import jnr.enxio.channels.NativeSelectorProvider;

/**
 * One end of a named pipe as a selectable, non-blocking channel: what the JDK's {@code FileChannel}
 * cannot be. Register it with a selector from {@link #openSelector()}.
 *
 * <p>Reads are jnr-enxio's: 0 bytes when nothing is there yet, -1 at end of file. Writes are done here
 * so that a full pipe gives 0 bytes written instead of an exception ({@code EAGAIN}), and a pipe with
 * no reader left gives an {@code IOException} "Broken pipe".
 */
public final class FifoChannel extends NativeDeviceChannel {
  static {
    JnrMode.reflection(); // before openSelector() binds jnr-enxio's own calls
  }

  private FifoChannel(int fd, int ops) {
    super(NativeSelectorProvider.getInstance(), fd, ops, false);
  }

  /** Opens the read end without waiting for a writer. */
  public static FifoChannel openForReading(String path) throws IOException {
    FifoChannel channel = new FifoChannel(
        Posix.open(path, Posix.O_RDONLY | Posix.O_NONBLOCK), java.nio.channels.SelectionKey.OP_READ);
    channel.configureBlocking(false);
    return channel;
  }

  /**
   * Opens the write end; the pipe must have a reader already, else this fails ({@code ENXIO}) rather
   * than waiting.
   */
  public static FifoChannel openForWriting(String path) throws IOException {
    FifoChannel channel = new FifoChannel(
        Posix.open(path, Posix.O_WRONLY | Posix.O_NONBLOCK), java.nio.channels.SelectionKey.OP_WRITE);
    channel.configureBlocking(false);
    return channel;
  }

  /**
   * Opens the write end, waiting until some process opens the read end: for pipes another program
   * reads, as in {@code fanout deal}. Returns null if {@code stillWaiting} turns false first.
   */
  public static FifoChannel openForWritingWhenRead(String path, java.util.function.BooleanSupplier stillWaiting)
      throws IOException, InterruptedException {
    while (stillWaiting.getAsBoolean()) {
      int fd = Posix.libc().open(path, Posix.O_WRONLY | Posix.O_NONBLOCK | Posix.O_CLOEXEC);
      if (fd >= 0) {
        FifoChannel channel = new FifoChannel(fd, java.nio.channels.SelectionKey.OP_WRITE);
        channel.configureBlocking(false);
        return channel;
      }
      int errno = Posix.lastErrno();
      if (errno != Errno.ENXIO.intValue()) throw new IOException(path + ": " + Posix.describe(errno));
      Thread.sleep(5);
    }
    return null;
  }

  public static java.nio.channels.Selector openSelector() throws IOException {
    return NativeSelectorProvider.getInstance().openSelector();
  }

  @Override
  public int write(ByteBuffer source) throws IOException {
    if (!source.hasArray()) throw new IllegalArgumentException("heap buffers only");
    int length = source.remaining();
    if (length == 0) return 0;
    byte[] bytes = source.array();
    int offset = source.arrayOffset() + source.position();
    long written = offset == 0
        ? Posix.libc().write(getFD(), bytes, length)
        : Posix.libc().write(getFD(), java.util.Arrays.copyOfRange(bytes, offset, offset + length), length);
    if (written < 0) {
      int errno = Posix.lastErrno();
      if (errno == Errno.EAGAIN.intValue() || errno == Errno.EWOULDBLOCK.intValue()) return 0;
      if (errno == Errno.EINTR.intValue()) return 0;
      throw new IOException(Posix.describe(errno));
    }
    source.position(source.position() + (int) written);
    return (int) written;
  }

  /** Bytes written into the pipe that its reader has not read yet. */
  public int unreadBytes() throws IOException {
    return Posix.unreadBytes(getFD());
  }
}
