package dev.recpipe.common.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.BooleanSupplier;

/** Whether the process's stdout is a terminal, as isatty(1) says: Java 17 has no such call. */
final class Terminal {
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
    try {
      String target = Files.readSymbolicLink(Path.of("/proc/self/fd/1")).toString();
      return target.startsWith("/dev/pts/") || target.startsWith("/dev/tty") || target.equals("/dev/console");
    } catch (IOException | UnsupportedOperationException e) {
      return false;
    }
  }
}
