package dev.recpipe.fanout.workers;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** The limit on the files a process may have open ({@code ulimit -n}), for the message of a start that ran into it. */
final class OpenFileLimit {
  private static final Path LIMITS = Path.of("/proc/self/limits");

  private OpenFileLimit() {}

  /**
   * Whether {@code e}, or a cause of it, is EMFILE, this process's limit, in the words the JDK and
   * libc give it, not ENFILE ("Too many open files in system"), the whole system's.
   */
  static boolean isReachedBy(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      String message = t.getMessage();
      if (message != null && message.contains("Too many open files") && !message.contains("Too many open files in system")) {
        return true;
      }
    }
    return false;
  }

  /** "1024 open in all (ulimit -n)", from /proc/self/limits; "no more (ulimit -n)" where that can't be read. */
  static String describe() {
    String limit = softLimit();
    return limit == null ? "no more (ulimit -n)" : limit + " open in all (ulimit -n)";
  }

  /** The limit as a number, or {@link Long#MAX_VALUE} where there is none or it can't be read. */
  static long value() {
    String limit = softLimit();
    try {
      return limit == null ? Long.MAX_VALUE : Long.parseLong(limit);
    } catch (NumberFormatException unlimited) {
      return Long.MAX_VALUE;
    }
  }

  /** The soft limit's column of /proc/self/limits ("1024", "unlimited"), or null. */
  private static String softLimit() {
    try {
      for (String line : Files.readAllLines(LIMITS, StandardCharsets.US_ASCII)) {
        if (line.startsWith("Max open files")) return line.substring("Max open files".length()).trim().split("\\s+")[0];
      }
    } catch (IOException | RuntimeException unreadable) {
      // not Linux, or no /proc: the limit goes unnamed
    }
    return null;
  }
}
