package dev.recpipe.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.recpipe.examples.Shell.Result;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The many-file job with the real launchers in a shell pipeline (issue 14, point 3): {@code printf
 * '%s\n' runs/*.csv | reader --lines - | fanout -n N runstats}, a few hundred records that each cost
 * a file, with the default batch size. Every worker gets a share, within 2x of each other's, as
 * fanout --progress's summary line counts them; fixed batches of 256 left most of them idle. The
 * output is the serial pipeline's, byte for byte.
 */
@Timeout(300)
class FileListIT {
  private static final int FILES = 600;
  private static final Pattern SHARES = Pattern.compile("answered per worker:((?: \\d+)+)\n");

  @TempDir static Path dir;

  @BeforeAll
  static void makeRunFiles() throws Exception {
    Result made = Shell.bash(dir, "mkdir runs && for i in $(seq 1 " + FILES + "); do"
        + " printf 'time_s,signal_mV\\n0.0,%d\\n0.5,%d\\n' $i $((i % 7)) > runs/run-$(printf %04d $i).csv; done"
        + " && printf '%s\\n' runs/*.csv | reader --lines - | runstats | writer > serial.csv");
    assertEquals(new Result(0, "", ""), made);
  }

  @ParameterizedTest(name = "-n {0}")
  @ValueSource(ints = {3, 8})
  void everyWorkerGetsAShareWithTheDefaultBatchSize(int workers) throws Exception {
    long[] shares = shares(workers, "");
    long min = Arrays.stream(shares).min().orElseThrow();
    long max = Arrays.stream(shares).max().orElseThrow();
    assertEquals(workers, shares.length);
    assertEquals(FILES, Arrays.stream(shares).sum());
    assertTrue(min > 0 && max <= 2 * min, "records per worker: " + Arrays.toString(shares));
  }

  @ParameterizedTest(name = "-n {0}")
  @ValueSource(ints = {8})
  void fixedBatchesOf256LeaveWorkersIdle(int workers) throws Exception {
    assertEquals("[256, 256, 88, 0, 0, 0, 0, 0]", Arrays.toString(shares(workers, "-b 256")));
  }

  /** Each worker's share of the records, as fanout --progress counts them; checks the output against the serial run's. */
  private static long[] shares(int workers, String options) throws Exception {
    Result result = Shell.bash(dir, "set -o pipefail; printf '%s\\n' runs/*.csv | reader --lines -"
        + " | fanout -n " + workers + " " + options + " --progress runstats | writer | cmp - serial.csv");
    assertEquals(0, result.status(), result.stderr());
    assertEquals("", result.stdout());
    Matcher summary = SHARES.matcher(result.stderr());
    assertTrue(summary.find(), "no summary line: " + result.stderr());
    return Arrays.stream(summary.group(1).trim().split(" ")).mapToLong(Long::parseLong).toArray();
  }
}
