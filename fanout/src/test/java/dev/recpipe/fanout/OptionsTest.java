package dev.recpipe.fanout;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.recpipe.common.testing.Hex;
import dev.recpipe.common.testing.ToolRun;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Each of fanout's options is checked as it is parsed, by its kind of value (common/cli's
 * AtLeast and Seconds, whose edges ValueCheckTest walks), in fanout and in its subcommands: a usage
 * error, status 2, before any worker starts. Options after CMD are CMD's.
 */
@Timeout(60)
class OptionsTest {
  private static final byte[] RECORD = Hex.decode("82 00 01");

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
    "-n 0 cat                  | --workers must be 1 or more, not 0",
    "--workers=-3 cat          | --workers must be 1 or more, not -3",
    "--batch 0 cat             | --batch must be 1 or more, not 0",
    "-b0 cat                   | --batch must be 1 or more, not 0",
    "--buffer -1 cat           | --buffer must be 0 or more, not -1",
    "--retries -1 cat          | --retries must be 0 or more, not -1",
    "--grace -1 cat            | --grace must be a number of seconds from 0 to 1000000, not '-1'",
    "--stall-timeout NaN cat   | --stall-timeout must be a number of seconds from 0 to 1000000, not 'NaN'",
    "deal --batch 0 a          | --batch must be 1 or more, not 0",
    "merge --buffer -1 a       | --buffer must be 0 or more, not -1",
    "-n 2                      | Missing required parameter: 'CMD'",
    "--total 10 cat            | --total goes with --progress",
    "--total 0 cat             | --total goes with --progress",
  })
  void aValueOutOfRangeIsAUsageError(String args, String message) {
    ToolRun run = ToolRun.of(new FanoutCommand(), RECORD, args.split(" "));
    assertEquals("fanout: " + message + "\nTry 'fanout --help' for more information.\n", run.stderr());
    assertEquals(2, run.status());
  }

  /**
   * A --buffer the heap can't hold is refused before any worker starts: it was taken, and the run
   * then failed part way, once the records waiting for a slow worker had filled the heap
   * ("internal error: java.lang.OutOfMemoryError: Java heap space").
   */
  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {"--buffer 2147483647 cat", "merge --buffer 2147483647 a"})
  void aBufferLargerThanTheHeapCanHoldIsAUsageError(String args) {
    ToolRun run = ToolRun.of(new FanoutCommand(), RECORD, args.split(" "));
    long most = Runtime.getRuntime().maxMemory() / 2 >> 20;
    assertTrue(run.stderr().startsWith("fanout: --buffer 2147483647 MiB is more than fanout's heap can spare, at most "
        + most + " MiB:"), run.stderr());
    assertEquals(2, run.status());
  }

  @Test
  void optionsAfterCmdAreCmdsEvenWithValuesFanoutWouldRefuse() {
    ToolRun run = ToolRun.of(new FanoutCommand(), RECORD, "-n", "1", "sh", "-c", "cat", "sh", "--retries", "-1", "-n", "0");
    assertEquals("", run.stderr());
    assertEquals(0, run.status());
    assertEquals("82 00 01", Hex.encode(run.stdoutBytes()));
  }

  @Test
  void theEdgesAreTaken() {
    ToolRun run = ToolRun.of(new FanoutCommand(), RECORD, "-n", "1", "-b", "1", "--buffer", "0", "--retries", "0", "cat");
    assertEquals("", run.stderr());
    assertEquals(0, run.status());
    assertEquals("82 00 01", Hex.encode(run.stdoutBytes()));
  }
}
