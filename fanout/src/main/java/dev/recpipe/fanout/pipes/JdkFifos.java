package dev.recpipe.fanout.pipes;

import java.io.FileDescriptor;
import java.io.FileInputStream;
import java.io.IOException;
import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.nio.channels.SelectableChannel;
import java.nio.channels.Selector;
import java.nio.channels.spi.SelectorProvider;
import java.nio.file.Path;
import java.util.Set;

/**
 * Named pipes through the JDK's own code, the code behind {@code FileChannel} and {@code Pipe}:
 * {@code mknod} and {@code open} of {@code sun.nio.fs.UnixNativeDispatcher}, and a
 * {@code sun.nio.ch.SourceChannelImpl} or {@code SinkChannelImpl} (a {@link java.nio.channels.Pipe}'s
 * two ends, selectable by the JDK's own selector) made over the descriptor opened. The bytes unread
 * are {@link FileInputStream#available()}'s, which asks {@code ioctl(FIONREAD)} of a pipe.
 *
 * <p>These are internals, open to fanout only with {@code --add-opens java.base/sun.nio.fs} and
 * {@code java.base/sun.nio.ch}, and they are the same from JDK 17 to 25. {@link #ifOpen} looks them
 * all up at once and gives null when one is missing or closed, for {@link JnrFifos} to take over: a
 * JDK that moves them slows fanout's start, and breaks nothing.
 *
 * <p>Linux only: the open flags are Linux's, the same on every processor that {@link #ARCHES} names.
 */
final class JdkFifos extends Fifos {
  /** Processors whose Linux has the generic {@code O_NONBLOCK} and {@code O_CLOEXEC}; alpha, mips, parisc and sparc differ. */
  static final Set<String> ARCHES = Set.of("amd64", "x86_64", "aarch64", "riscv64", "s390x", "ppc64le", "ppc64", "x86", "i386", "i686", "arm");
  private static final int O_NONBLOCK = 0_4000;
  private static final int O_CLOEXEC = 0_2000000;

  private final SelectorProvider provider;
  private final Method open;
  private final Method mknod;
  private final Method errno;
  private final Method newFd;
  private final Constructor<?> source;
  private final Constructor<?> sink;
  private final int readOnly;
  private final int writeOnly;
  private final int fifoType;
  private final int noSuchDevice;

  private JdkFifos() throws ReflectiveOperationException {
    Class<?> dispatcher = Class.forName("sun.nio.fs.UnixNativeDispatcher");
    Class<?> unixPath = Class.forName("sun.nio.fs.UnixPath");
    Class<?> constants = Class.forName("sun.nio.fs.UnixConstants");
    // the JDK's own provider, which SelectorProvider.provider() also gives, without its service
    // lookup: that scans fanout's jar, 4 ms of CPU at every start
    provider = (SelectorProvider) internal(accessible(Class.forName("sun.nio.ch.DefaultSelectorProvider").getDeclaredMethod("get")), null);
    open = accessible(dispatcher.getDeclaredMethod("open", unixPath, int.class, int.class));
    mknod = accessible(dispatcher.getDeclaredMethod("mknod", unixPath, int.class, long.class));
    errno = accessible(Class.forName("sun.nio.fs.UnixException").getDeclaredMethod("errno"));
    newFd = accessible(Class.forName("sun.nio.ch.IOUtil").getDeclaredMethod("newFD", int.class));
    source = accessible(Class.forName("sun.nio.ch.SourceChannelImpl").getDeclaredConstructor(SelectorProvider.class, FileDescriptor.class));
    sink = accessible(Class.forName("sun.nio.ch.SinkChannelImpl").getDeclaredConstructor(SelectorProvider.class, FileDescriptor.class));
    readOnly = constant(constants, "O_RDONLY");
    writeOnly = constant(constants, "O_WRONLY");
    fifoType = constant(constants, "S_IFIFO");
    noSuchDevice = constant(constants, "ENXIO");
    if (!unixPath.isInstance(Path.of("/"))) throw new ClassNotFoundException("the default file system's paths are not sun.nio.fs.UnixPath");
  }

  /** The JDK's way, or null if this JVM does not open it to fanout (see the class comment). */
  static JdkFifos ifOpen() {
    if (!"Linux".equals(System.getProperty("os.name")) || !ARCHES.contains(System.getProperty("os.arch"))) return null;
    try {
      return new JdkFifos();
    } catch (ReflectiveOperationException | RuntimeException closed) { // InaccessibleObjectException: no --add-opens
      return null;
    }
  }

  private static <T extends java.lang.reflect.AccessibleObject> T accessible(T member) {
    member.setAccessible(true);
    return member;
  }

  private static int constant(Class<?> constants, String name) throws ReflectiveOperationException {
    return accessible(constants.getDeclaredField(name)).getInt(null);
  }

  @Override
  public String name() {
    return "jdk";
  }

  @Override
  void make(String path) throws IOException {
    call(mknod, path, fifoType | 0600, 0L);
  }

  @Override
  FifoChannel open(String path, boolean forWriting) throws IOException {
    int fd = (Integer) call(open, path, (forWriting ? writeOnly : readOnly) | O_NONBLOCK | O_CLOEXEC, 0);
    FileDescriptor descriptor = (FileDescriptor) internal(newFd, null, fd);
    SelectableChannel channel;
    try {
      channel = (SelectableChannel) (forWriting ? sink : source).newInstance(provider, descriptor);
    } catch (ReflectiveOperationException e) {
      new FileInputStream(descriptor).close();
      throw new IOException(path + ": " + e, e); // looked up and opened in the constructor: not expected
    }
    channel.configureBlocking(false);
    return new FifoChannel(channel, new Available(descriptor)::bytes);
  }

  @Override
  public Selector openSelector() throws IOException {
    return provider.openSelector();
  }

  /** Calls the dispatcher's {@code method} on {@code path}, its {@code UnixException} as an {@link IOException} naming the path. */
  private Object call(Method method, String path, Object... arguments) throws IOException {
    Object[] all = new Object[arguments.length + 1];
    all[0] = Path.of(path);
    System.arraycopy(arguments, 0, all, 1, arguments.length);
    try {
      return method.invoke(null, all);
    } catch (InvocationTargetException e) {
      Throwable unix = e.getCause();
      String message = path + ": " + unix.getMessage();
      if ((Integer) internal(errno, unix) == noSuchDevice) throw new NoReaderException(message);
      throw new IOException(message, unix);
    } catch (IllegalAccessException e) {
      throw new IllegalStateException(e); // made accessible in the constructor
    }
  }

  /** Calls a method that throws nothing, made accessible in the constructor. */
  private static Object internal(Method method, Object target, Object... arguments) {
    try {
      return method.invoke(target, arguments);
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException(method + ": " + e, e);
    }
  }

  /** FIONREAD of one descriptor, asked through one {@link FileInputStream} made when first asked. */
  private static final class Available {
    private final FileDescriptor descriptor;
    private FileInputStream stream;

    Available(FileDescriptor descriptor) {
      this.descriptor = descriptor;
    }

    int bytes() throws IOException {
      if (stream == null) stream = new FileInputStream(descriptor); // never closed: the channel owns the descriptor
      return stream.available();
    }
  }
}
