package dev.recpipe.common.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/** Whether the process's stdout or stderr is a terminal, as isatty says: Java 17 has no such call. */
public final class Terminal {
  private Terminal() {}

  /** True if file descriptor 1 is a terminal device. */
  static boolean isStdout() {
    return device(1).isPresent();
  }

  /**
   * The terminal device file descriptor {@code fd} writes to, such as {@code /dev/pts/3}, or empty if
   * it is no terminal (Linux: found through /proc/self/fd).
   */
  public static Optional<Path> device(int fd) {
    try {
      Path target = Files.readSymbolicLink(Path.of("/proc/self/fd/" + fd));
      String name = target.toString();
      boolean terminal = name.startsWith("/dev/pts/") || name.startsWith("/dev/tty") || name.equals("/dev/console");
      return terminal ? Optional.of(target) : Optional.empty();
    } catch (IOException | UnsupportedOperationException e) {
      return Optional.empty();
    }
  }
}
