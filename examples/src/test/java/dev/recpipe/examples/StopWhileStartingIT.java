package dev.recpipe.examples;

import static dev.recpipe.examples.Shell.sh;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.recpipe.examples.Shell.Result;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * fanout stopping workers whose JVMs are still starting: one worker fails at once, or fanout gets
 * SIGTERM just after its start. A SIGTERM to a JVM between setting its handler and the end of its
 * start runs its shutdown too early, and the JVM wrote its own errors beside fanout's one line:
 * {@code Runtime.exit(143) logging failed: Cannot invoke "java.lang.Module.getClassLoader()" because
 * "m" is null} (JDK 25), {@code Error occurred during initialization of VM} and {@code
 * java.lang.InternalError: Bad level: 2} with its stack (JDK 17 and 25): on Temurin 25, 9 runs of 12
 * of the first case and 13 of 24 of the second, so that one of the 6 and 12 runs here failed all but
 * always. fanout waited, before its SIGTERM, for such a JVM to reach the tool's main, at most a
 * second: under load (6 to 17 on two cores) 8 workers' JVMs took longer, and the second case failed
 * again (19 lines of the JVM's in 12 runs). fanout now ends a tool's JVM that has not reached main
 * with SIGKILL, at once (TerminationTest). Statuses are as they were. Run on a JDK 25 or newer, where
 * it showed most.
 */
@Timeout(300)
class StopWhileStartingIT {
  private static final int RUNS = 6;

  @TempDir static Path shared;
  private static String java;

  @BeforeAll
  static void makeInput() throws Exception {
    Optional<Path> jdk = ArchivesIT.jdk25();
    assumeTrue(jdk.isPresent(), "no JDK 25 or newer: set JDK25_HOME");
    java = "export JAVA_HOME='" + jdk.get() + "'; ";
    Result made = sh(shared, "gencsv 1000000 3 1 > rows.csv"); // enough that no run ends before its SIGTERM
    assertEquals(0, made.status(), made.stderr());
  }

  @Test
  void aWorkerThatFailsAtOnceLeavesFanoutsLineAlone() throws Exception {
    StringBuilder expected = new StringBuilder();
    for (int run = 0; run < RUNS; run++) expected.append("fanout: worker 1 (sh) exited with status 3\n");
    Result result = Shell.bash(shared, java + "for i in $(seq " + RUNS + "); do reader rows.csv |"
        + " fanout -n 8 sh -c '[ \"$RECPIPE_WORKER\" = 1 ] && exit 3; exec summer' > /dev/null; echo $?; done");
    assertEquals(new Result(0, "1\n".repeat(RUNS), expected.toString()), result);
  }

  /**
   * SIGTERM to fanout alone once it has started its first worker, 0 to 200 ms after: fanout's own
   * JVM is done with its start (a signal in a stage's own first moments is a limit of the JVM's, see
   * GUARANTEES.md), its workers' JVMs are in the middle of theirs.
   */
  @Test
  void sigtermJustAfterTheStartLeavesStderrEmpty() throws Exception {
    Result result = Shell.bash(shared, java + "for i in $(seq " + 2 * RUNS + "); do"
        + " reader rows.csv | fanout -n 8 summer > /dev/null & pid=$!;"
        + " until pgrep -P $pid > /dev/null; do sleep 0.005; done;"
        + " sleep $(awk \"BEGIN{print ($i % 6) * 0.04}\"); kill -TERM $pid; wait $pid; echo $?; done");
    assertEquals(new Result(0, "143\n".repeat(2 * RUNS), ""), result);
  }
}
