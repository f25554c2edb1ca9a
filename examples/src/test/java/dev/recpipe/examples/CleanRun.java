package dev.recpipe.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.recpipe.examples.Shell.Result;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.stream.Stream;

/**
 * Runs a bash script the way fanout's end-to-end tests do: in {@code workDir}, with TMPDIR set to a
 * directory of the test's own, and then checks that fanout left nothing behind, no pipe directory
 * there and no process of {@code worker} anywhere.
 */
final class CleanRun {
  /**
   * This test JVM's own part of a name the orphan check looks for (a script's, a sleep's): the tests
   * of another build running on the machine at the same time (a second clone, a helper's worktree)
   * start processes of the same scripts, which are not this run's leftovers.
   */
  static final String RUN = "-" + ProcessHandle.current().pid();

  private CleanRun() {}

  static Result run(Path testDir, Path tmp, Path workDir, String worker, String script) throws Exception {
    return run(testDir, tmp, workDir, worker, script, Duration.ZERO);
  }

  /**
   * Same, giving processes up to {@code settle} to finish stopping after the script ends: for scripts
   * whose shell may end before the stages it started (bash dies of SIGTERM at once).
   */
  static Result run(Path testDir, Path tmp, Path workDir, String worker, String script, Duration settle)
      throws Exception {
    Result result = Shell.bash(testDir, "export TMPDIR='" + tmp + "' FAULTY_WORKER=${FAULTY_WORKER:-}; cd '"
        + workDir + "'; " + script);
    long deadline = System.nanoTime() + settle.toNanos();
    Result orphans = Shell.run(testDir, Duration.ofSeconds(10), "pgrep", "-f", worker);
    while (!orphans.stdout().isEmpty() && System.nanoTime() < deadline) {
      Thread.sleep(100);
      orphans = Shell.run(testDir, Duration.ofSeconds(10), "pgrep", "-f", worker);
    }
    assertEquals("", orphans.stdout(), "worker processes left behind");
    try (Stream<Path> left = Files.list(tmp)) {
      assertEquals("", left.map(Path::toString).reduce("", String::concat), "pipe directory left behind");
    }
    return result;
  }
}
