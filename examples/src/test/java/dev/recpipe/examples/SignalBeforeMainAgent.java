package dev.recpipe.examples;

/**
 * A Java agent that sends SIGTERM to its own JVM before main runs, and holds the shutdown open with
 * a hook of its own, so that main starts while the JVM is already shutting down: the moment a
 * signal hits a stage whose JVM has started but whose main has not yet run. SignalBeforeMainIT
 * loads it into a real stage through RECPIPE_JAVA_OPTS.
 */
public final class SignalBeforeMainAgent {
  private SignalBeforeMainAgent() {}

  public static void premain(String args) throws Exception {
    Runtime.getRuntime().addShutdownHook(new Thread(() -> pause(1000)));
    new ProcessBuilder("kill", "-TERM", Long.toString(ProcessHandle.current().pid())).inheritIO().start().waitFor();
    pause(300); // the signal starts the shutdown on a thread of its own
  }

  private static void pause(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
