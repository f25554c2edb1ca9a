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
    "-n 0 cat                  | -n: '0' is out of range; give 1 to 2147483647",
    "--workers=-3 cat          | --workers: '-3' is out of range; give 1 to 2147483647",
    "--batch 0 cat             | --batch: '0' is out of range; give 1 to 2147483647",
    "-b0 cat                   | -b: '0' is out of range; give 1 to 2147483647",
    "--buffer -1 cat           | --buffer: '-1' is out of range; give 0 to 2147483647",
    "--retries -1 cat          | --retries: '-1' is out of range; give 0 to 2147483647",
    "--grace -1 cat            | --grace: '-1' is out of range; give seconds from 0 to 1000000",
    "--stall-timeout NaN cat   | --stall-timeout: 'NaN' is not a number; give seconds from 0 to 1000000",
    "-n 2                      | missing operand CMD; fanout takes CMD [ARG...]",
    "--total 10 cat            | --total works with --progress only; add --progress, or leave --total out",
    "--total 0 cat             | --total works with --progress only; add --progress, or leave --total out",
  })
  void aValueOutOfRangeIsAUsageError(String args, String message) {
    ToolRun run = ToolRun.of(new FanoutCommand(), RECORD, args.split(" "));
    assertEquals("fanout: " + message + "\nTry 'fanout --help' for more information.\n", run.stderr());
    assertEquals(2, run.status());
  }

  /**
   * A subcommand's usage error points to the subcommand's help, which says what it takes: it
   * pointed to fanout's, which says what fanout CMD takes. {@code deal} after fanout's options is
   * CMD, and fanout's help the one.
   */
  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
    "deal --batch 0 a          | fanout deal  | --batch: '0' is out of range; give 1 to 2147483647",
    "merge --buffer -1 a       | fanout merge | --buffer: '-1' is out of range; give 0 to 2147483647",
    "deal                      | fanout deal  | missing operand PIPE; fanout deal takes PIPE...",
    "merge --bogus a           | fanout merge | unknown option '--bogus'",
    "-n 0 deal a               | fanout       | -n: '0' is out of range; give 1 to 2147483647",
  })
  void aSubcommandsUsageErrorPointsToItsOwnHelp(String args, String help, String message) {
    ToolRun run = ToolRun.of(new FanoutCommand(), RECORD, args.split(" "));
    assertEquals("fanout: " + message + "\nTry '" + help + " --help' for more information.\n", run.stderr());
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
