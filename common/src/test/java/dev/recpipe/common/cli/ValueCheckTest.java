package dev.recpipe.common.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.recpipe.common.testing.Hex;
import dev.recpipe.common.testing.ToolRun;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * The kinds of value options share, at their edges, through {@link Tool}'s one path: a value out of
 * range is a usage error (status 2, the message, the pointer to --help, the abort mark) in the words
 * of its kind, naming the option as typed; a value in range reaches the command.
 */
class ValueCheckTest {
  @Command(name = "probe")
  static final class Probe extends ToolCommand {
    @Option(names = {"-n", "--count"}, preprocessor = AtLeast.One.class)
    int count = 1;

    @Option(names = "--spare", preprocessor = AtLeast.Zero.class)
    long spare;

    @Option(names = "--wait", preprocessor = Seconds.class)
    double wait;

    @Parameters(index = "0", arity = "0..1", paramLabel = "ROWS", preprocessor = AtLeast.Zero.class)
    long rows;

    @Override
    protected boolean writesRecords() {
      return true;
    }

    @Override
    protected int run() throws java.io.IOException {
      streams.out().write((count + " " + spare + " " + wait + " " + rows).getBytes(StandardCharsets.US_ASCII));
      return ExitStatus.OK.code();
    }
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
    "-n=1                    | 1 0 0.0 0",
    "--count=2147483647      | 2147483647 0 0.0 0",
    "--spare=0               | 1 0 0.0 0",
    "--spare=9223372036854775807 | 1 9223372036854775807 0.0 0",
    "--wait=0                | 1 0 0.0 0",
    "--wait=1000000          | 1 0 1000000.0 0",
    "--wait=0.5              | 1 0 0.5 0",
    "0                       | 1 0 0.0 0",
    "--count=+5              | 5 0 0.0 0",
    "--count=08              | 8 0 0.0 0",
    "--spare=-0              | 1 0 0.0 0",
  })
  void valuesAtTheEdgesAreTaken(String arg, String parsed) {
    ToolRun run = ToolRun.of(new Probe(), new byte[0], arg);
    assertEquals("", run.stderr());
    assertEquals(0, run.status());
    assertEquals(parsed, run.stdout());
  }

  @Test
  void theValueMayFollowTheOptionOrBeAttachedToIt() {
    assertEquals("3 0 0.0 0", ToolRun.of(new Probe(), new byte[0], "-n", "3").stdout());
    assertEquals("3 0 0.0 0", ToolRun.of(new Probe(), new byte[0], "-n3").stdout());
    assertUsageError("-n: '0' is out of range; give 1 to 2147483647", "-n0");
    assertUsageError("-n: '0' is out of range; give 1 to 2147483647", "-n", "0");
    assertUsageError("-n: '0' is out of range; give 1 to 2147483647", "-n=0");
    assertUsageError("--count: '0' is out of range; give 1 to 2147483647", "--count", "0");
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
    "-n=0                     | -n: '0' is out of range; give 1 to 2147483647",
    "--count=-1               | --count: '-1' is out of range; give 1 to 2147483647",
    "--count=-9223372036854775808 | --count: '-9223372036854775808' is out of range; give 1 to 2147483647",
    "--spare=-1               | --spare: '-1' is out of range; give 0 to 9223372036854775807",
    "-1                       | ROWS: '-1' is out of range; give 0 to 9223372036854775807",
  })
  void aWholeNumberBelowItsLeastIsAUsageError(String arg, String message) {
    assertUsageError(message, arg);
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
    "--count=2147483648       | --count: '2147483648' is out of range; give 1 to 2147483647",
    "--count=NaN              | --count: 'NaN' is not a whole number; give 1 to 2147483647",
    "--count=1.5              | --count: '1.5' is not a whole number; give 1 to 2147483647",
    "--count=x                | --count: 'x' is not a whole number; give 1 to 2147483647",
    "--count=0x10             | --count: '0x10' is not a whole number; give 1 to 2147483647",
    "--count=\u0663            | --count: '\u0663' is not a whole number; give 1 to 2147483647",
    "--count=                 | --count: '' is not a whole number; give 1 to 2147483647",
    "--spare=9223372036854775808 | --spare: '9223372036854775808' is out of range; give 0 to 9223372036854775807",
    "--spare=+                | --spare: '+' is not a whole number; give 0 to 9223372036854775807",
    "--spare=+7x              | --spare: '+7x' is not a whole number; give 0 to 9223372036854775807",
  })
  void aValueThatIsNotAWholeNumberOfTheTypeIsAUsageErrorWithTheRange(String arg, String message) {
    assertUsageError(message, arg);
  }

  @ParameterizedTest
  @ValueSource(strings = {"-1", "-0.000001", "1000000.000001", "1000001", "1e300", "NaN", "Infinity", "-Infinity"})
  void secondsOutsideWhatATimeoutCanHoldAreAUsageErrorQuotedAsTyped(String value) {
    String problem = value.equals("NaN") ? "is not a number" : "is out of range";
    assertUsageError("--wait: '" + value + "' " + problem + "; give seconds from 0 to 1000000", "--wait", value);
  }

  /**
   * Below a nanosecond a timeout rounds to 0 ns, no timeout, yet was taken as set: {@code fanout
   * --stall-timeout 1e-10} stopped every worker as "stalled ... for 0 s" (adv-topo).
   */
  /**
   * So is one so small that it parses as 0 ({@code 1e-400}, {@code 0x1p-2000}): {@code fanout
   * --stall-timeout 1e-400} ran with no timeout at all, where 1e-10 was refused (adv-docs).
   */
  @ParameterizedTest
  @ValueSource(strings = {"1e-10", "0.0000000009", "4.9e-324", "1e-400", "2.5E-1000", "0x1p-2000"})
  void secondsBelowANanosecondButNotZeroAreAUsageError(String value) {
    assertUsageError("--wait: '" + value + "' is more than 0 (none) but less than a nanosecond (1e-9);"
        + " give seconds from 0 to 1000000", "--wait", value);
  }

  @ParameterizedTest
  @ValueSource(strings = {"0", "0.000", "-0", "0e5", "0E-400", "0x0p3", " 0 "})
  void zeroWrittenAnyWayIsNone(String value) {
    assertEquals(0, ToolRun.of(new Probe(), new byte[0], "--wait", value).status());
  }

  @Test
  void aNanosecondAndZeroAreSeconds() {
    assertEquals(0, ToolRun.of(new Probe(), new byte[0], "--wait", "1e-9").status());
    assertEquals(0, ToolRun.of(new Probe(), new byte[0], "--wait", "0").status());
  }

  /**
   * Java's number parsing takes a type suffix: {@code 1d} and {@code 2f} were 1 and 2 seconds. To a
   * Unix user {@code 1d} is a day, as {@code timeout 1d} and {@code sleep 1d} take it: {@code fanout
   * --stall-timeout 1d} stopped every worker that was quiet for a second.
   */
  @ParameterizedTest
  @ValueSource(strings = {"1d", "1D", "2f", "2.5F", "0x1p3d", "0d"})
  void aNumberWithASuffixIsAUsageErrorThatSaysSecondsAlone(String value) {
    assertUsageError("--wait: '" + value + "' has a suffix (a number alone is seconds: 86400 for a day);"
        + " give seconds from 0 to 1000000", "--wait", value);
  }

  @Test
  void secondsThatAreNotANumberAreAUsageErrorWithTheRange() {
    assertUsageError("--wait: 'soon' is not a number; give seconds from 0 to 1000000", "--wait", "soon");
  }

  /** The check is not asked where no value comes: picocli finds it missing, and the check's range says what to give. */
  @Test
  void anOptionWithoutItsValueNeedsOneInTheRangeOfItsCheck() {
    assertUsageError("--wait needs a value; give seconds from 0 to 1000000", "--wait");
    assertUsageError("-n needs a value; give 1 to 2147483647", "-n");
  }

  private static void assertUsageError(String message, String... args) {
    ToolRun run = ToolRun.of(new Probe(), new byte[0], args);
    assertEquals("probe: " + message + "\nTry 'probe --help' for more information.\n", run.stderr());
    assertEquals(2, run.status());
    assertEquals("ff", Hex.encode(run.stdoutBytes()), "the abort mark, as for every usage error");
  }
}
