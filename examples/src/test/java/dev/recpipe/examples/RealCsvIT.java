package dev.recpipe.examples;

import static dev.recpipe.examples.Shell.bash;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.recpipe.examples.Shell.Result;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@code reader --text} and {@code --typed} on real and hostile CSV, end to end through the real
 * launchers: {@code reader MODE FILE | writer -f jsonl} must print, byte for byte, what Python's
 * {@code csv} module makes of the same file ({@code examples/src/test/python/csv_reference.py}).
 * The hostile files are generated ({@link HostileCsv}) from a seed that changes with every run and
 * is printed, and is in every failure's message; {@code -Drealcsv.seed=N} runs one again.
 */
class RealCsvIT {
  private static final long SEED = Long.getLong("realcsv.seed", System.nanoTime());
  private static final Path REFERENCE = Shell.ROOT.resolve("examples/src/test/python/csv_reference.py");
  private static final Path FRUIT = Shell.ROOT.resolve("examples/data/fruit.csv");

  @TempDir Path dir;

  @BeforeAll
  static void printSeed() {
    System.out.println("RealCsvIT: seed " + SEED + " (run again with -Drealcsv.seed=" + SEED + ")");
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {
    "--text -d ,",
    "--typed -d ,",
    "--text -d ; -H",
    "--typed -d , -H",
    "--typed -d tab -H",
    "--text -d tab",
    "--typed -d ; -H --ragged",
  })
  void hostileCsvReadsAsPythonsCsvModuleReadsIt(String options) throws Exception {
    String delimiter = options.split(" ")[2];
    long seed = SEED ^ options.hashCode();
    byte[] csv = HostileCsv.generate(seed, delimiter.equals("tab") ? '\t' : delimiter.charAt(0), 1500, options.contains("-H"),
        options.contains("--ragged"));
    Files.write(dir.resolve("hostile.csv"), csv);
    String args = options.replace(";", "';'") + " hostile.csv";
    Result reader = bash(dir, "set -o pipefail; reader " + args + " | writer -f jsonl");
    Result python = bash(dir, "python3 '" + REFERENCE + "' " + args);
    String what = "seed " + SEED + ": reader " + args + ", stderr " + reader.stderr() + python.stderr();
    assertEquals(new Result(0, python.stdout(), ""), reader, what);
    assertEquals(0, python.status(), what);
    assertTrue(reader.stdout().split("\n").length >= 1000, what); // a row of one empty field is an empty line: no row
  }

  @Test
  void theRecordsBeforeTextAfterAClosingQuoteAreWrittenAndTheErrorNamesItsLine() throws Exception {
    byte[] csv = HostileCsv.generate(SEED, ',', 800, true, false);
    Files.write(dir.resolve("bad.csv"), concat(csv, "\n\"x\"y\n".getBytes(StandardCharsets.UTF_8), csv));
    long line = lineFeeds(csv) + 2;
    assertSameRecordsThenFails("--text -H bad.csv",
        "reader: bad.csv:" + line + ":1: expected a delimiter or end of line after a closing quote, found \"y\"");
  }

  @Test
  void theRecordsBeforeAnUnterminatedQuoteAreWrittenAndTheErrorNamesTheLineItOpenedOn() throws Exception {
    byte[] csv = HostileCsv.generate(SEED + 1, ',', 800, false, false);
    Files.write(dir.resolve("bad.csv"), concat(csv, "\n1,\"open\nand never closed\n".getBytes(StandardCharsets.UTF_8)));
    long line = lineFeeds(csv) + 2;
    assertSameRecordsThenFails("--typed bad.csv",
        "reader: bad.csv:" + line + ":2: unterminated quoted field: the input ends at line " + (line + 1) + " before its closing quote");
  }

  /**
   * Both fail after the same records, reader with {@code message}. (Python's csv counts a CR inside
   * quotes as a line, reader only line feeds, so the lines are counted here.)
   */
  private void assertSameRecordsThenFails(String args, String message) throws Exception {
    Result reader = bash(dir, "reader " + args + " | writer -f jsonl; echo \"statuses ${PIPESTATUS[*]}\"");
    Result python = bash(dir, "python3 '" + REFERENCE + "' " + args);
    String what = "seed " + SEED + ": reader " + args + ", stderr " + reader.stderr() + python.stderr();
    assertEquals(python.stdout() + "statuses 1 1\n", reader.stdout(), what);
    assertEquals(1, python.status(), what);
    assertTrue(python.stderr().startsWith("csv_reference.py: line "), what);
    assertEquals(message, reader.stderr().lines().filter(l -> l.startsWith("reader: ")).findFirst().orElse(""), what);
  }

  private static long lineFeeds(byte[] bytes) {
    long count = 0;
    for (byte b : bytes) {
      if (b == '\n') count++;
    }
    return count;
  }

  @ParameterizedTest
  @CsvSource({"--text", "--typed"})
  void theFruitTableReadsAsPythonsCsvModuleReadsIt(String mode) throws Exception {
    Result python = bash(dir, "python3 '" + REFERENCE + "' " + mode + " -H '" + FRUIT + "'");
    assertEquals(0, python.status(), python.stderr());
    assertEquals(new Result(0, python.stdout(), ""), bash(dir, "set -o pipefail; reader " + mode + " -H '" + FRUIT + "' | writer -f jsonl"));
    assertEquals(new Result(0, python.stdout(), ""),
        bash(dir, "set -o pipefail; reader " + mode + " -H '" + FRUIT + "' | fanout -n 2 -b 1 cat | writer -f jsonl"));
  }

  private static byte[] concat(byte[]... parts) {
    int length = 0;
    for (byte[] part : parts) length += part.length;
    byte[] all = new byte[length];
    int at = 0;
    for (byte[] part : parts) {
      System.arraycopy(part, 0, all, at, part.length);
      at += part.length;
    }
    return all;
  }
}
