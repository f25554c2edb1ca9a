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
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 10's fanout cases, as the issue ran them, with the real launchers in real pipelines: records
 * that share a seq, seq 2^63-1, a command that can't be run, and what fanout leaves behind when it
 * is killed outright, runs out of threads, or fills the disk while spilling.
 */
@Timeout(300)
class Issue10FanoutIT {
  private static final String WORKER = FaultsIT.WORKER;
  private static final String OURS = FaultsIT.OURS;

  @TempDir static Path shared;
  @TempDir Path dir;
  private Path tmp;

  @BeforeAll
  static void makeInput() throws Exception {
    Result made = sh(shared, "gencsv 100000 5 3 > rows.csv");
    assertEquals(0, made.status(), made.stderr());
  }

  @BeforeEach
  void privateTmp() throws IOException {
    tmp = Files.createDirectory(dir.resolve("tmp"));
  }

  private Result run(String script) throws Exception {
    return CleanRun.run(dir, tmp, shared, OURS, script);
  }

  @Test
  void recordsSharingASeqKeepTheirOrder() throws Exception {
    Result result = run("printf '\\202\\000\\141a\\202\\001\\141b\\202\\002\\141c\\202\\002\\141d\\202\\002\\141e"
        + "\\202\\002\\141f' | fanout -n 2 -b 2 cat | writer -f lines; echo \"${PIPESTATUS[*]}\"");
    assertEquals("a\nb\nc\nd\ne\nf\n0 0 0\n", result.stdout(), result.stderr());
  }

  @Test
  void theLargestSeqGoesThrough() throws Exception {
    Result result = run("printf '\\202\\000\\201\\005\\202\\033\\177\\377\\377\\377\\377\\377\\377\\377\\201\\007'"
        + " | fanout -n 2 summer | writer; echo \"${PIPESTATUS[*]}\"");
    assertEquals("0,5\n9223372036854775807,7\n0 0 0\n", result.stdout(), result.stderr());
  }

  @Test
  void aCommandFoundOnPathButNotExecutableIsRefusedAsAShellWould() throws Exception {
    Result result = run("mkdir -p '" + dir + "/bin' && echo 'exec cat' > '" + dir + "/bin/stage' && chmod 644 '" + dir
        + "/bin/stage' && reader rows.csv | PATH=\"" + dir + "/bin:$PATH\" fanout -n 2 stage | writer > /dev/null;"
        + " echo \"${PIPESTATUS[*]}\"");
    assertTrue(result.stdout().matches("(0|141) 126 [01]\n"), result.stdout());
    String stage = dir + "/bin/stage";
    assertTrue(result.stderr().startsWith("fanout: " + stage + ": Permission denied; make it executable with"
        + " 'chmod +x " + stage + "'\n"), result.stderr());
  }

  @Test
  void sigkillMidRunLeavesNoPipeDirectory() throws Exception {
    // the workers are running, one was restarted and records wait on disk: fanout has made pipes three
    // times and a spill file, and nothing of them may be left once it is killed outright
    Result result = CleanRun.run(dir, tmp, shared, OURS, "export CRASH_ONCE='" + dir + "/crashed' FAULTY_WORKER=2;"
        + " (echo $BASHPID > '" + dir + "/input.pid'; reader rows.csv; exec sleep 600)" // input that stays open
        + " | fanout -n 2 -b 16 --buffer 0 --retries 1 python3 " + WORKER + " crash 100 > /dev/null & pid=$!;"
        + " while [ ! -e '" + dir + "/crashed' ]; do sleep 0.1; done; sleep 1; ls '" + tmp + "' | wc -l;"
        + " kill -KILL $pid; kill $(cat '" + dir + "/input.pid'); wait $pid; echo $?", Duration.ofSeconds(10));
    assertEquals("0\n137\n", result.stdout(), result.stderr());
  }

  @Test
  void runningOutOfThreadsLeavesNoPipeDirectory() throws Exception {
    // a low ulimit -u, as nobody (root has no such limit): the JVM can't make a thread at some point of
    // fanout's start, whatever that point is for each limit; no shutdown hook can run then either
    Assumptions.assumeTrue(sh(dir, "[ \"$(id -u)\" = 0 ] && command -v setpriv"
        + " && setpriv --reuid=65534 --regid=65534 --clear-groups fanout --version").status() == 0,
        "needs root, setpriv, and a tree that user nobody can read: skipped");
    Path open = Files.createTempDirectory(Path.of("/tmp"), "fanout-it-");
    try {
      Files.setPosixFilePermissions(open, PosixFilePermissions.fromString("rwxrwxrwx"));
      for (int limit = 10; limit <= 80; limit += 5) {
        Result result = Shell.bash(dir, "printf '\\202\\000\\001' | setpriv --reuid=65534 --regid=65534"
            + " --clear-groups env PATH=\"$PATH\" TMPDIR='" + open + "' bash -c 'ulimit -u " + limit
            + "; fanout -n 8 cat' | od -An -tx1");
        try (Stream<Path> left = Files.list(open)) {
          assertEquals("", left.map(Path::toString).reduce("", String::concat),
              "pipe directory left behind with ulimit -u " + limit + ": " + result);
        }
      }
    } finally {
      sh(dir, "rm -rf '" + open + "'");
    }
  }

  @Test
  void aFullDiskWhileSpillingNamesTheSpillFile() throws Exception {
    // worker 1 drops every record, so worker 2's results wait for it, on disk past --buffer 0: more
    // than the 256 KiB that ulimit -f lets a file have (EFBIG, as ENOSPC on a full disk)
    Result result = run("export FAULTY_WORKER=1; reader rows.csv | (ulimit -f 256; exec fanout -n 2 --buffer 0 python3 "
        + WORKER + " drop 0) | writer > /dev/null; echo \"${PIPESTATUS[*]}\"");
    assertTrue(result.stdout().matches("(0|141) 1 1\n"), result.stdout() + result.stderr());
    assertTrue(result.stderr().startsWith("fanout: writing worker 2 (python3)'s spill file in " + tmp
        + " (where records wait for their turn past --buffer): File too large\n"), result.stderr());
  }
}
