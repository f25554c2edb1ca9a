package dev.recpipe.fanout.workers;

import dev.recpipe.common.cli.ExitStatus;
import java.io.FileInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

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
  private static final String LIMITS = "/proc/self/limits";
  private static final String NAME = "Max open files";
  /**
   * What the JVM and fanout keep open of their own, with room to spare: stdio, the jar, the JDK's
   * modules file, epoll and its eventfd, a socket; 10 seen in /proc/PID/fd, a worker's 3 apart.
   */
  static final int OWN_FILES = 16;
  /**
   * What the JDK opens to start a process with its stdin and stdout redirected, and closes once it
   * has started: the two files, and two pipes of its own to the child.
   */
  public static final int PROCESS_START_FILES = 6;

  /**
   * The soft limit, read once, at the check before any process starts: a message said "may have no
   * more (ulimit -n)" when it was read only once fanout was out of descriptors, which reading it takes.
   */
  private static final String SOFT_LIMIT = readSoftLimit();
  /** {@link #SOFT_LIMIT} as a number, or {@link Long#MAX_VALUE} where there is none or it can't be read. */
  private static final long LIMIT = parse(SOFT_LIMIT);

  private OpenFileLimit() {}

  /** Whether {@code files} more than fanout's own can't be open at once under the limit. */
  public static boolean cannotHold(long files) {
    return files + OWN_FILES > LIMIT;
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

  /**
   * The error of processes that the limit can't hold, up front or at a start that ran into it, one
   * shape for every way fanout runs them: "{@code what}: fanout keeps {@code keeps}, and may have
   * 1024 open in all (ulimit -n); run fewer {@code fewer}, or raise the limit".
   */
  public static CannotStartException cannotHold(String what, String keeps, String fewer) {
    return new CannotStartException(what + ": fanout keeps " + keeps + ", and may have " + describe() + "; run fewer "
        + fewer + ", or raise the limit", ExitStatus.FAILURE);
  }

  /** "1024 open in all (ulimit -n)", from /proc/self/limits; "no more (ulimit -n)" where that can't be read. */
  private static String describe() {
    return SOFT_LIMIT == null ? "no more (ulimit -n)" : SOFT_LIMIT + " open in all (ulimit -n)";
  }

  private static long parse(String limit) {
    try {
      return limit == null ? Long.MAX_VALUE : Long.parseLong(limit);
    } catch (NumberFormatException unlimited) {
      return Long.MAX_VALUE;
    }
  }

  /**
   * The soft limit's column of /proc/self/limits ("1024", "unlimited"), or null. Read as bytes, a
   * line at a time by hand: Files.readAllLines and a regular expression to split the columns cost
   * fanout's start 3 ms of CPU, so the limit was read only for many workers, and a low one (below
   * 256) went unchecked. Read so, at every start, it costs nothing measurable: {@code fanout -n 2
   * cat < /dev/null} 0.117 s of CPU with it and without (41 interleaved runs).
   */
  private static String readSoftLimit() {
    byte[] text = new byte[8192];
    int length = 0;
    try (FileInputStream in = new FileInputStream(LIMITS)) {
      for (int n; length < text.length && (n = in.read(text, length, text.length - length)) > 0; ) length += n;
    } catch (IOException | RuntimeException unreadable) {
      return null; // not Linux, or no /proc: the limit goes unnamed
    }
    for (int line = 0; line < length; ) {
      int end = line;
      while (end < length && text[end] != '\n') end++;
      if (startsWith(text, line, end, NAME)) {
        int from = line + NAME.length();
        while (from < end && text[from] == ' ') from++;
        int to = from;
        while (to < end && text[to] != ' ') to++;
        return to > from ? new String(text, from, to - from, StandardCharsets.ISO_8859_1) : null;
      }
      line = end + 1;
    }
    return null;
  }

  private static boolean startsWith(byte[] text, int from, int end, String prefix) {
    if (end - from < prefix.length()) return false;
    for (int i = 0; i < prefix.length(); i++) {
      if (text[from + i] != prefix.charAt(i)) return false;
    }
    return true;
  }
}
