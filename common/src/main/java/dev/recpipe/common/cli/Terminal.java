package dev.recpipe.common.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.function.BooleanSupplier;

/** Whether the process's stdout or stderr is a terminal, as isatty says: Java 17 has no such call. */
public final class Terminal {
  private Terminal() {}

  /** {@link #isStdout()} as a BooleanSupplier: a class, not {@code Terminal::isStdout} (see {@link Streams#system()}). */
  static final class Stdout implements BooleanSupplier {
    @Override
    public boolean getAsBoolean() {
      return isStdout();
    }
  }

  /** True if file descriptor 1 is a terminal device (Linux: found through /proc/self/fd). */
  static boolean isStdout() {
    return device(1).isPresent();
  }

  /**
   * The terminal device file descriptor {@code fd} writes to, such as {@code /dev/pts/3}, or empty if
   * it is no terminal (Linux: found through /proc/self/fd).
   */
  public static Optional<Path> device(int fd) {
    try {
      // no string concatenation here: it would bootstrap invokedynamic on every worker's start
      Path target = Files.readSymbolicLink(Path.of("/proc/self/fd", Integer.toString(fd)));
      String name = target.toString();
      boolean terminal = name.startsWith("/dev/pts/") || name.startsWith("/dev/tty") || name.equals("/dev/console");
      return terminal ? Optional.of(target) : Optional.empty();
    } catch (IOException | UnsupportedOperationException e) {
      return Optional.empty();
    }
  }
}
