package dev.recpipe.fanout.workers;

import dev.recpipe.common.cli.Tool;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * Waits, before fanout's SIGTERM, for the JVMs among the processes to be done with their start. A
 * JVM takes SIGTERM as its own from early in its start (its handler runs the JVM's shutdown), long
 * before it has finished starting: a SIGTERM there made the JVM write its own errors beside fanout's
 * one line, {@code Runtime.exit(143) logging failed: Cannot invoke "java.lang.Module.getClassLoader()"
 * because "m" is null} (JDK 21 and newer), or {@code Error occurred during initialization of VM} and
 * {@code java.lang.InternalError: Bad level: 2} with its stack, when one worker failed at once or
 * fanout was stopped just after its start (9 runs of 12, and 13 of 24, on Temurin 25). Once a
 * recpipe tool's main has set its own handlers (SIGUSR1, SIGALRM and the rest, {@code Tool.main}),
 * SIGTERM ends it as it ends a tool at any later moment, with its mark.
 *
 * <p>A recpipe tool's JVM (one that bin/recpipe started: {@code -Drecpipe.bin} on its command line)
 * that catches none of the tools' signals yet has done nothing a stop could lose: it gets SIGKILL
 * at once ({@link #isToolStarting}), which ends it without a word however long its start takes.
 * Waiting for it to reach main, up to a second, was not enough under load: at a load of 6 to 17 on
 * two cores, 8 workers' JVMs took longer than that to start, got their SIGTERM in the middle of it,
 * and wrote the JVM's errors (StopWhileStartingIT, 20 lines in 12 runs). Another program's JVM, which
 * never sets those handlers, may have work to save on SIGTERM: it is left to finish its start, up to
 * a limit, then gets SIGTERM. What a process catches is its {@code SigCgt} line in {@code
 * /proc/PID/status}; where that can't be read (not Linux, a process gone), nothing is waited for.
 */
final class JvmStarts {
  /** The longest fanout waits for the JVMs among the processes to reach main; the grace if shorter. */
  static final Duration MOST = Duration.ofSeconds(1);
  private static final long POLL_MILLIS = 2;
  /** Signals a recpipe tool's main catches, which the JVM does not (Tool's list, its numbers here): any of them. */
  private static final long TOOL_SIGNALS = mask(Tool.stopSignalNames());

  private JvmStarts() {}

  /**
   * Returns once no process of {@code processes} is a JVM in the middle of its start, all found so
   * in one pass, which the SIGTERM then follows at once; or after {@code most}. One pass, not each
   * process in turn: a JVM found before its handler while fanout waited for another would be in the
   * middle of its start by the time the SIGTERM came.
   */
  static void awaitMains(List<ProcessHandle> processes, Duration most) {
    long deadline = System.nanoTime() + most.toNanos();
    while (anyStarting(processes) && System.nanoTime() < deadline) {
      try {
        Thread.sleep(POLL_MILLIS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
    }
  }

  private static boolean anyStarting(List<ProcessHandle> processes) {
    for (ProcessHandle process : processes) {
      if (isStarting(process)) return true;
    }
    return false;
  }

  /** Whether {@code process} is a JVM that catches none of the tools' signals yet: one whose tool's main has not begun. */
  static boolean isStarting(ProcessHandle process) {
    Path proc = Path.of("/proc", Long.toString(process.pid()));
    try {
      Path program = Files.readSymbolicLink(proc.resolve("exe")).getFileName();
      if (program == null || !program.toString().equals("java")) return false;
      return isStarting(Files.readString(proc.resolve("status")));
    } catch (IOException | RuntimeException unknown) { // gone, or no /proc: nothing to wait for
      return false;
    }
  }

  /**
   * Whether {@code process} is a recpipe tool's JVM whose tool's main has not begun: {@link
   * #isStarting}, started by bin/recpipe, which gives every tool's JVM {@code -Drecpipe.bin}. Such a
   * JVM has read nothing, written nothing and made no file yet, and SIGKILL ends it without the
   * JVM's errors that SIGTERM in its start brings.
   */
  static boolean isToolStarting(ProcessHandle process) {
    if (!isStarting(process)) return false;
    try {
      return isToolCommandLine(Files.readAllBytes(Path.of("/proc", Long.toString(process.pid()), "cmdline")));
    } catch (IOException | RuntimeException unknown) { // gone, or no /proc
      return false;
    }
  }

  /** Whether {@code cmdline}, the NUL-separated words of {@code /proc/PID/cmdline}, gives the JVM bin/recpipe's property. */
  static boolean isToolCommandLine(byte[] cmdline) {
    for (String word : new String(cmdline, StandardCharsets.UTF_8).split("\0")) {
      if (word.startsWith(LAUNCHER_PROPERTY)) return true;
    }
    return false;
  }

  /** The property bin/recpipe gives every tool's JVM (its bin directory), by which fanout knows a tool's JVM. */
  private static final String LAUNCHER_PROPERTY = "-Drecpipe.bin=";

  /**
   * Whether the {@code /proc/PID/status} text {@code status} catches none of {@link #TOOL_SIGNALS}.
   * Before its SIGTERM handler too: SIGTERM would end such a JVM quietly, but one that set its
   * handler between fanout's look and fanout's signal, while fanout waited for another, did not.
   */
  static boolean isStarting(String status) {
    int at = status.indexOf("\nSigCgt:");
    if (at < 0) return false;
    int start = at + "\nSigCgt:".length();
    int end = status.indexOf('\n', start);
    long caught = Long.parseUnsignedLong(status.substring(start, end < 0 ? status.length() : end).trim(), 16);
    return (caught & TOOL_SIGNALS) == 0;
  }

  /** The {@code /proc} signal mask of the signals {@code names}, by their numbers here; a name unknown here is left out. */
  private static long mask(List<String> names) {
    long mask = 0;
    for (String name : names) {
      try {
        mask |= bit(new sun.misc.Signal(name).getNumber()); // a number, no handler
      } catch (IllegalArgumentException unknown) {
        // no such signal on this system
      }
    }
    return mask;
  }

  /** The bit of signal {@code number} in a {@code /proc} signal mask. */
  private static long bit(int number) {
    return 1L << (number - 1);
  }
}
