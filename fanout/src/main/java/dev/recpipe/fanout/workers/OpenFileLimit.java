package dev.recpipe.fanout.workers;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The limit on the files a process may have open ({@code ulimit -n}): checked before processes start,
 * and named in the message of a start that ran into it.
 *
 * <p>fanout makes sure up front that the processes it runs at once can't run it out of descriptors,
 * rather than meet EMFILE as they start, for two reasons. A {@code -n} of 100000 under {@code
 * ulimit -n 20000} would start some 6,600 before it failed. And the JDK does not survive it well
 * (17.0.15 and 25.0.3 seen): a process start whose pipes can't be made closes two
 * descriptors it never opened, read from memory it never set, most often the JVM's descriptor 0,
 * whatever another thread then held there. With {@code fanout --each -n 32} under {@code ulimit -n
 * 64} that closed a directory another thread was listing (which then stayed in $TMPDIR) and a
 * process's stdout (echo: write error: Bad file descriptor), and once in 100 runs the JVM crashed
 * (status 139).
 */
public final class OpenFileLimit {
  private static final Path LIMITS = Path.of("/proc/self/limits");
  /** The smallest open file limit systems usually set (a soft ulimit -n of 256 or more). */
  private static final int USUAL_LEAST = 256;
  /**
   * What the JVM and fanout keep open of their own: stdio, the jar, the JDK's modules file and class
   * archive, epoll, the selector's pipe, /dev/random; 20 to 30 seen in /proc/PID/fd.
   */
  static final int OWN_FILES = 32;
  /**
   * What the JDK opens to start a process with its stdin and stdout redirected, and closes once it
   * has started: the two files, and two pipes of its own to the child.
   */
  public static final int PROCESS_START_FILES = 6;

  private OpenFileLimit() {}

  /**
   * Whether {@code files} more than fanout's own can't be open at once under the limit. The limit is
   * looked up only where they pass the least limit systems usually set: reading it cost every fanout
   * start 3 ms of CPU (its file, the regular expression that splits its columns).
   */
  public static boolean cannotHold(long files) {
    long all = files + OWN_FILES;
    return all > USUAL_LEAST && all > value();
  }

  /**
   * Whether {@code e}, or a cause of it, is EMFILE, this process's limit, in the words the JDK and
   * libc give it, not ENFILE ("Too many open files in system"), the whole system's.
   */
  public static boolean isReachedBy(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      String message = t.getMessage();
      if (message != null && message.contains("Too many open files") && !message.contains("Too many open files in system")) {
        return true;
      }
    }
    return false;
  }

  /** "1024 open in all (ulimit -n)", from /proc/self/limits; "no more (ulimit -n)" where that can't be read. */
  public static String describe() {
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
