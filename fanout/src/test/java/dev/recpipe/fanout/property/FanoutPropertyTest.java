package dev.recpipe.fanout.property;

import static org.junit.jupiter.api.Assertions.fail;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The property-based differential test of fanout (issue 10): for generated record streams and
 * settings (see {@link Case}), and workers that pass, drop, split or crash, {@code fanout} and
 * {@code fanout deal} + {@code fanout merge} write what the stage alone writes over the whole input,
 * or fail, as {@link Property} says. fanout runs in this JVM; its workers are real processes.
 *
 * <p>Each test draws its cases from a seed, new each run and printed with a failure. A failing case
 * is shrunk, one simpler case at a time, to a small one that still fails, printed too: keep it below
 * as a regression case. {@code -Dfanout.property.seed=S} runs one seed again, and
 * {@code -Dfanout.property.tries=T} sets the number of cases.
 */
@Timeout(900)
class FanoutPropertyTest {
  private static final Path WORKER = Path.of("").toAbsolutePath().resolveSibling("examples/python/worker.py");
  /** Runs spent at most on shrinking a failing case. */
  private static final int SHRINK_RUNS = 200;

  @TempDir Path dir;

  @BeforeAll
  static void needsPython() {
    Assumptions.assumeTrue(Files.isRegularFile(WORKER) && Runs.hasPython(),
        "python3 and " + WORKER + " are needed for the workers: skipped");
  }

  @Test
  void fanoutWritesWhatTheStageAloneWrites() throws Exception {
    check(Integer.getInteger("fanout.property.tries", 40), true);
  }

  @Test
  void dealAndMergeWriteWhatTheStageAloneWrites() throws Exception {
    check(Integer.getInteger("fanout.property.tries", 40) / 3, false);
  }

  // Regression cases: what the property found, shrunk, before the fixes of issue 10

  /** Two records of seq 1 cut into two batches went to two workers, and came out in the wrong order. */
  @Test
  void equalSeqsInTwoBatches() throws Exception {
    Case c = new Case(new long[] {0, 1, 1}, new long[][] {{Long.MAX_VALUE}, {0, -1421872732081108155L, -68, 47},
        {-25}}, 2, 1, false, 16, 0, false, WorkerKind.PASS, 0);
    assertKept(c, true);
    assertKept(c, false);
  }

  /** Seq 2^63-1 was never written: the merger's "no bound" was that seq. */
  @Test
  void theLargestSeq() throws Exception {
    Case c = new Case(new long[] {Case.MAX_SEQ}, new long[][] {{}}, 1, 1, false, 16, 0, false, WorkerKind.PASS, 0);
    assertKept(c, true);
    assertKept(c, false);
  }

  private void assertKept(Case c, boolean fanout) throws Exception {
    try (Runs runs = new Runs(WORKER, dir)) {
      String violation = violation(runs, c, fanout);
      if (violation != null) fail(violation + "\n  case: " + c);
    }
  }

  private void check(int tries, boolean fanout) throws Exception {
    long seed = Long.getLong("fanout.property.seed", System.nanoTime());
    Random random = new Random(seed);
    try (Runs runs = new Runs(WORKER, dir)) {
      for (int i = 0; i < tries; i++) {
        Case c = Case.draw(random);
        String violation = violation(runs, c, fanout);
        if (violation != null) {
          Case small = shrink(runs, c, fanout);
          fail("seed " + seed + ", case " + i + ": " + violation + "\n  case: " + c + "\n  shrunk to: " + small
              + "\n  which gives: " + violation(runs, small, fanout));
        }
      }
    }
  }

  /** The property's verdict on one case, run as fanout or as deal and merge. */
  private static String violation(Runs runs, Case c, boolean fanout) throws Exception {
    byte[] expected = runs.serial(c);
    Runs.Outcome outcome = fanout ? runs.fanout(c) : runs.dealAndMerge(c);
    return Property.violation(c, outcome, expected, fanout);
  }

  /** The simplest case found, within a bounded number of runs, that still fails. */
  private static Case shrink(Runs runs, Case failing, boolean fanout) throws Exception {
    Case smallest = failing;
    int budget = SHRINK_RUNS;
    boolean shrunk = true;
    while (shrunk && budget > 0) {
      shrunk = false;
      for (Case simpler : smallest.simpler()) {
        if (budget-- == 0) break;
        if (violation(runs, simpler, fanout) != null) {
          smallest = simpler;
          shrunk = true;
          break;
        }
      }
    }
    return smallest;
  }
}
