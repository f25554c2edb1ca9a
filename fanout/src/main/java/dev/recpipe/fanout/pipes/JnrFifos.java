package dev.recpipe.fanout.pipes;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import jnr.constants.platform.Errno;
import jnr.enxio.channels.NativeDeviceChannel;
import jnr.enxio.channels.NativeSelectorProvider;

/**
 * Named pipes through jnr: {@link Posix}'s calls into the C library, and jnr-enxio's channels and
 * selector, which uses {@code poll(2)} and so also takes regular files (see {@link Fifos}).
 */
final class JnrFifos extends Fifos {
  /** Typed as the supertype, so that choosing the JDK's way verifies without loading this class. */
  static final Fifos INSTANCE = new JnrFifos();

  static {
    JnrMode.reflection(); // before openSelector() binds jnr-enxio's own calls
  }

  private JnrFifos() {}

  @Override
  public String name() {
    return "jnr";
  }

  @Override
  void make(String path) throws IOException {
    Posix.mkfifo(path);
  }

  @Override
  FifoChannel open(String path, boolean forWriting) throws IOException {
    // O_TRUNC: a regular file a user names (fanout deal a b) holds what is written now, as after '>';
    // a FIFO ignores it
    int flags = forWriting ? Posix.O_WRONLY | Posix.O_TRUNC : Posix.O_RDONLY;
    int fd = Posix.libc().open(path, flags | Posix.O_NONBLOCK | Posix.O_CLOEXEC);
    if (fd < 0) {
      int errno = Posix.lastErrno();
      String message = path + ": " + Posix.describe(errno);
      throw errno == Errno.ENXIO.intValue() ? new NoReaderException(message) : new IOException(message);
    }
    Channel channel = new Channel(fd, forWriting ? SelectionKey.OP_WRITE : SelectionKey.OP_READ);
    channel.configureBlocking(false);
    return new FifoChannel(channel, () -> Posix.unreadBytes(fd));
  }

  @Override
  public Selector openSelector() throws IOException {
    return NativeSelectorProvider.getInstance().openSelector();
  }

  /**
   * jnr-enxio's channel on a descriptor, with writes done here: a full pipe gives 0 bytes written
   * instead of an exception ({@code EAGAIN}), and a pipe with no reader left an {@code IOException}
   * "Broken pipe".
   */
  private static final class Channel extends NativeDeviceChannel {
    Channel(int fd, int ops) {
      super(NativeSelectorProvider.getInstance(), fd, ops, false);
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
  }
}
