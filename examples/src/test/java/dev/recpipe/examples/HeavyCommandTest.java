package dev.recpipe.examples;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.recpipe.common.testing.Hex;
import dev.recpipe.common.testing.ThrottledInputStream;
import dev.recpipe.common.testing.ToolRun;
import java.io.ByteArrayInputStream;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** heavy: exact results, what decides a record's cost, errors and exit statuses. No timing. */
class HeavyCommandTest {
  // [0, [1, 2, 3]], [1, [-5, 1000000]], [2, [1, 2, 3]]: what `reader` makes of "1,2,3\n-5,1000000\n1,2,3\n"
  private static final String ROWS = "82 00 83 01 02 03  82 01 82 24 1a 00 0f 42 40  82 02 83 01 02 03";

  /** Golden results, checked against an independent Python version of {@link HeavyWork}. */
  @Test
  void resultsAreTheSameIntegersEveryRun() {
    ToolRun run = ToolRun.of(new HeavyCommand(), Hex.decode(ROWS), "--scale", "0.01");
    assertEquals(0, run.status(), run.stderr());
    // 4682965945409865609, 4862621867412605913, and for the same row again the same result
    assertEquals(
        hex("82 00 1b 40 fd 3c b7 47 68 07 89  82 01 1b 43 7b 80 d3 3c 2c cb d9  82 02 1b 40 fd 3c b7 47 68 07 89"),
        Hex.encode(run.stdoutBytes()));
  }

  @Test
  void defaultScaleGivesItsOwnGoldenResults() {
    ToolRun run = ToolRun.of(new HeavyCommand(), Hex.decode("82 00 83 01 02 03"));
    assertEquals(0, run.status(), run.stderr());
    assertEquals("82 00 3b 71 fb da b7 ad 3d 55 c0", Hex.encode(run.stdoutBytes())); // [0, -8213398827860579777]
  }

  @Test
  void scaleZeroDoesNoStepsButStillHashesTheRow() {
    ToolRun run = ToolRun.of(new HeavyCommand(), Hex.decode("82 00 83 01 02 03  82 01 80"), "--scale", "0");
    assertEquals(0, run.status(), run.stderr());
    // [0, 9209983370578327956], [1, -7995527694508729151]
    assertEquals(hex("82 00 1b 7f d0 6f 14 36 93 79 94  82 01 3b 6e f5 d2 13 76 fd a3 3e"), Hex.encode(run.stdoutBytes()));
  }

  @Test
  void readsInputOneByteAtATime() {
    ToolRun whole = ToolRun.of(new HeavyCommand(), Hex.decode(ROWS), "--scale", "0.01");
    ToolRun throttled = ToolRun.of(new HeavyCommand(),
        ThrottledInputStream.oneByteAtATime(new ByteArrayInputStream(Hex.decode(ROWS))), "--scale", "0.01");
    assertArrayEquals(whole.stdoutBytes(), throttled.stdoutBytes());
  }

  @Test
  void xorshiftIsMarsaglias() {
    assertEquals(1082269761L, HeavyWork.xorshift(1, 1)); // the first output of xorshift64 (13, 7, 17) from 1
    assertEquals(HeavyWork.xorshift(HeavyWork.xorshift(99, 3), 4), HeavyWork.xorshift(99, 7));
  }

  @Test
  void costSpreadsAcrossTheWholeRangeAndScales() {
    SplittableRandom random = new SplittableRandom(1);
    HeavyWork one = new HeavyWork(1);
    HeavyWork two = new HeavyWork(2);
    long fewest = Long.MAX_VALUE;
    long most = 0;
    for (int row = 0; row < 10_000; row++) {
      one.start();
      two.start();
      for (int col = 0; col < 10; col++) {
        long value = random.nextLong(1_000_000);
        one.add(value);
        two.add(value);
      }
      assertEquals(2 * one.iterations(), two.iterations());
      fewest = Math.min(fewest, one.iterations());
      most = Math.max(most, one.iterations());
    }
    long span = HeavyWork.MAX_ITERATIONS - HeavyWork.MIN_ITERATIONS;
    assertTrue(fewest >= HeavyWork.MIN_ITERATIONS && fewest < HeavyWork.MIN_ITERATIONS + span / 100, "fewest " + fewest);
    assertTrue(most <= HeavyWork.MAX_ITERATIONS && most > HeavyWork.MAX_ITERATIONS - span / 100, "most " + most);
  }

  @Test
  void valueNotAnArrayOfIntegersNamesTheSeqAndEndsWithTheAbortMark() {
    ToolRun run = ToolRun.of(new HeavyCommand(), Hex.decode("82 00 81 01  82 07 82 01 63 61 62 63"), "--scale", "0");
    assertEquals(1, run.status());
    assertEquals(hex("82 00 1b 19 43 8a e6 b8 13 b3 3d  ff"), Hex.encode(run.stdoutBytes())); // [0, 1820451397923222333]
    assertEquals("heavy: record seq 7 (byte offset 4): expected an array of integers, found a text string\n",
        run.stderr());
  }

  @Test
  void upstreamAbortMarkIsPassedOn() {
    ToolRun run = ToolRun.of(new HeavyCommand(), Hex.decode("ff"));
    assertEquals(1, run.status());
    assertEquals("ff", Hex.encode(run.stdoutBytes()));
    assertEquals("heavy: input ends with an abort mark at byte offset 0: an earlier stage failed\n", run.stderr());
  }

  @Test
  void negativeScaleIsAUsageError() {
    ToolRun run = ToolRun.of(new HeavyCommand(), new byte[0], "--scale", "-1");
    assertEquals(2, run.status());
    assertEquals("heavy: --scale: '-1' is out of range; give 0 to 1000000\nTry 'heavy --help' for more information.\n",
        run.stderr());
  }

  /** Hex with a space between records, for the reader, as {@link Hex#encode} prints it. */
  private static String hex(String grouped) {
    return Hex.encode(Hex.decode(grouped));
  }
}
