package dev.recpipe.examples;

import static dev.recpipe.examples.Shell.sh;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.recpipe.examples.Shell.Result;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.Random;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A signal while fanout is still starting its workers: making hundreds of named pipes and starting a
 * process for each takes long enough to be hit, and a SIGTERM there once left a {@code fanout-*}
 * directory of FIFOs in TMPDIR (2 tries in 33; 1,738 FIFOs with {@code -n 1000}). Whether the signal
 * reaches the whole process group or fanout alone, at moments drawn at random across the start-up
 * (the seed is in the failure message), fanout exits 143 and leaves no pipe directory and no worker.
 */
@Timeout(300)
class StartupSignalIT {
  /** Enough workers that starting them takes a good part of a second. */
  private static final int WORKERS = 300;

  @TempDir static Path shared;
  @TempDir Path dir;
  private Path tmp;
  private static String worker;
  private static String ours;

  @BeforeAll
  static void makeWorker() throws Exception {
    // a shell that stays the parent of cat, so that pgrep finds every worker by this script's path
    Path script = shared.resolve("startup-worker");
    Files.writeString(script, "#!/bin/sh\ncat\n");
    Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwxr-xr-x"));
    worker = script.toString();
    ours = Shell.ROOT.toString().replace(".", "\\.") + "/fanout/target/|" + worker;
    Result made = sh(shared, "gencsv 1000 3 7 > rows.csv");
    assertEquals(0, made.status(), made.stderr());
  }

  @BeforeEach
  void privateTmp() throws IOException {
    tmp = Files.createDirectory(dir.resolve("tmp"));
  }

  @ParameterizedTest(name = "SIGTERM to {0}")
  @ValueSource(strings = {"the process group", "fanout alone"})
  void aSignalDuringWorkerStartUpLeavesNothingBehind(String target) throws Exception {
    long seed = System.nanoTime();
    Random random = new Random(seed);
    boolean group = target.equals("the process group");
    for (int i = 0; i < 5; i++) {
      int delayMillis = random.nextInt(1200);
      // the input stays open, so the run can only end by the signal; set -m gives the job its own group
      String kill = group ? "kill -TERM -$job" : "kill -TERM $(cat '" + dir + "/fanout.pid')";
      // fanout in the background of its pipeline's last subshell, which records its own status: the
      // pipeline as a whole ends only with the input's sleep
      Result result = CleanRun.run(dir, tmp, shared, ours, "set -m; ({ reader rows.csv; exec sleep 30; }"
          + " | { fanout -n " + WORKERS + " " + worker + " <&0 > /dev/null & echo $! > '" + dir + "/fanout.pid';"
          + " wait $!; echo $? > '" + dir + "/status'; }) & job=$!;"
          + " while [ ! -s '" + dir + "/fanout.pid' ]; do sleep 0.01; done;"
          + " sleep " + delayMillis / 1000.0 + "; " + kill + " 2> /dev/null;"
          + " if " + (group ? "true" : "false") + "; then wait $job; else"
          + "   while [ ! -s '" + dir + "/status' ]; do sleep 0.05; done; kill -TERM -$job 2> /dev/null; wait $job; fi;"
          + " cat '" + dir + "/status' 2> /dev/null; rm -f '" + dir + "/status' '" + dir + "/fanout.pid'",
          Duration.ofSeconds(15));
      String context = "seed " + seed + ", run " + i + ", SIGTERM to " + target + " after " + delayMillis + " ms: "
          + result;
      if (group) {
        // the subshell that records fanout's status dies with the group: only the leftovers are checked
        assertTrue(result.stdout().isEmpty() || result.stdout().equals("143\n"), context);
      } else {
        assertEquals("143\n", result.stdout(), context);
      }
    }
  }
}
