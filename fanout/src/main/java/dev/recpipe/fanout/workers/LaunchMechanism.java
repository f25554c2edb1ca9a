package dev.recpipe.fanout.workers;

/**
 * How the JDK starts fanout's processes. By default (POSIX_SPAWN) the JDK spawns its helper program,
 * jspawnhelper, which then executes the command: two executions for every process. Under
 * {@code --each}, one process per record, that second execution was a third of the CPU that fanout's
 * children took over xargs' on 900 files (bench/results/each.md). The VFORK mechanism executes the
 * command straight from a vfork(2) child, as the JDK did by default on Linux up to JDK 11.
 *
 * <p>fanout asks for VFORK on JDK 17 to 22 only. JDK 25 deprecates it with a warning on stderr and
 * a later JDK removes it; on JDK 23 and 24 it would leave SIGQUIT blocked in the children, which the
 * default no longer does (JDK-8357683). A launch mechanism the user chose
 * ({@code RECPIPE_JAVA_OPTS=-Djdk.lang.Process.launchMechanism=...}) is kept.
 */
public final class LaunchMechanism {
  static final String PROPERTY = "jdk.lang.Process.launchMechanism";
  static final int LAST_FEATURE = 22;

  private LaunchMechanism() {}

  /** Before fanout's first process: asks for VFORK where it is safe and the user chose none. */
  public static void choose() {
    choose(Runtime.version().feature());
  }

  static void choose(int feature) {
    if (feature <= LAST_FEATURE && System.getProperty(PROPERTY) == null) System.setProperty(PROPERTY, "VFORK");
  }
}
