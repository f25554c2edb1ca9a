package dev.recpipe.reader;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.recpipe.common.RecordReader;
import dev.recpipe.common.UpstreamFailedException;
import dev.recpipe.common.testing.Hex;
import dev.recpipe.common.testing.ToolRun;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@code --label}, {@code --first-line}, {@code --first-byte} and {@code --first-seq}: an input cut
 * at line boundaries into parts, each part read with its place in the whole, gives the whole's
 * records, byte for byte, and the whole's error messages. recpipe-spark relies on it: each Spark
 * partition's reader gets its part this way.
 */
class PartsOfALargerInputTest {
  @Nested
  class Csv {
    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3, 4, 5})
    void partsGiveTheWholesRecords(long seed) {
      byte[] whole = ReaderCommandTest.generate(3000, seed);
      assertArrayEquals(run(whole).stdoutBytes(), readInParts(whole, new Random(seed), List.of()));
    }

    @Test
    void headerGoesToThePartThatHoldsTheFirstRow() {
      byte[] whole = bytes("\n\na,b\n1,2\n\n3,4\n5,6\n"); // the header a,b is line 3, after two empty lines
      byte[] expected = run(whole, "-H").stdoutBytes();
      for (int cut = 1; cut < 7; cut++) {
        boolean headerInFirst = cut > 2;
        ToolRun first = run(lines(whole, 0, cut), headerInFirst ? new String[] {"-H"} : new String[0]);
        String[] place = place(cut + 1, records(first));
        ToolRun rest = run(lines(whole, cut, 7), headerInFirst ? place : concat(place, "-H"));
        ByteArrayOutputStream parts = new ByteArrayOutputStream();
        parts.writeBytes(first.stdoutBytes());
        parts.writeBytes(rest.stdoutBytes());
        assertArrayEquals(expected, parts.toByteArray(), "cut before line " + (cut + 1));
      }
    }

    @Test
    void errorInALaterPartNamesTheWholesLineAndField() {
      byte[] whole = bytes("1,2\n\n3,4\n5,x\n");
      ToolRun local = run(whole, "--label", "rows.csv");
      ToolRun part = run(lines(whole, 2, 4), "--label", "rows.csv", "--first-line", "3", "--first-seq", "1");
      assertEquals("reader: rows.csv:4:2: expected an integer, found \"x\"\n", local.stderr());
      assertEquals(local.stderr(), part.stderr());
      assertEquals(1, part.status());
      assertEquals(List.of("1: [3, 4]", "abort mark"), describe(part));
    }

    @Test
    void unterminatedQuoteCountsLinesFromTheFirstLine() {
      ToolRun part = run(bytes("1\n\"2\n3\n"), "--first-line", "41");
      assertEquals("reader: stdin:43:1: unterminated quoted field (opened at line 42)\n", part.stderr());
    }

    @Test
    void byteOrderMarkIsSkippedOnlyAtLineOne() {
      byte[] bom = bytes("\uFEFF7\n");
      assertEquals(List.of("0: [7]"), describe(run(bom, "--first-line", "1")));
      ToolRun later = run(bom, "--first-line", "2");
      assertEquals(1, later.status());
      assertEquals("reader: stdin:2:1: expected an integer, found \"\\xef\\xbb\\xbf7\"\n", later.stderr());
    }

    @Test
    void labelNamesAFileToo(@TempDir Path dir) throws IOException {
      Path file = Files.write(dir.resolve("part-3.csv"), bytes("1\nx\n"));
      ToolRun run = run(new byte[0], "--label", "rows.csv", "--first-line", "9", file.toString());
      assertEquals("reader: rows.csv:10:1: expected an integer, found \"x\"\n", run.stderr());
    }

    @Test
    void firstSeqContinuesOverSeveralFiles(@TempDir Path dir) throws IOException {
      Path a = Files.write(dir.resolve("a.csv"), bytes("1\n"));
      Path b = Files.write(dir.resolve("b.csv"), bytes("2\n"));
      assertEquals(List.of("5: [1]", "6: [2]"), describe(run(new byte[0], "--first-seq", "5", a.toString(), b.toString())));
    }

    @Test
    void theLargestFirstSeq() {
      assertEquals(List.of(Long.MAX_VALUE + ": [1]"), describe(run(bytes("1\n"), "--first-seq", Long.toString(Long.MAX_VALUE))));
    }

    /**
     * Seqs end at 2^63-1 (FORMAT.md): a row after the one that took it is an error naming its place,
     * after the records before it. It was {@code reader: internal error:
     * java.lang.IllegalArgumentException: seq < 0: -9223372036854775808}.
     */
    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
      "''               | 1,2,3     | 3 | [1]",
      "--text           | 1,2,3     | 3 | [1]",
      "--typed -H       | a,1,2,3   | 4 | {a=1}",
      "--lines          | 1,2,3     | 3 | \"1\"",
    })
    void aRowPastTheLargestSeqIsAnErrorNamingItsLine(String options, String lines, long badLine, String first) {
      List<String> args = new ArrayList<>(options.isEmpty() ? List.of() : List.of(options.split(" ")));
      args.addAll(List.of("--first-seq", Long.toString(Long.MAX_VALUE - 1)));
      ToolRun run = run(bytes(lines.replace(',', '\n') + "\n"), args.toArray(new String[0]));
      assertEquals("reader: stdin:" + badLine + ": no seq left: the one before had 9223372036854775807 (2^63-1),"
          + " the largest a record may have\n", run.stderr());
      assertEquals(1, run.status());
      assertEquals(List.of((Long.MAX_VALUE - 1) + ": " + first, Long.MAX_VALUE + ": " + first.replace('1', '2'), "abort mark"),
          describe(run));
    }
  }

  /**
   * --text and --typed name byte offsets too, of the bad character of a field that is not UTF-8:
   * with --first-byte, the whole's. --first-byte was refused with them, "CSV messages name lines and
   * fields, not byte offsets", and a part read without it named its own offset beside the whole's line.
   */
  @Nested
  class TextFields {
    @ParameterizedTest
    @ValueSource(strings = {"--text", "--typed"})
    void invalidUtf8InALaterPartNamesTheWholesLineFieldAndByteOffset(String mode) {
      byte[] whole = Hex.decode("61 2c 62 0a 0a 63 2c 64 c3 28 0a"); // a,b  ""  c,d<c3>(
      ToolRun local = run(whole, mode, "--label", "rows.csv");
      ToolRun part = run(lines(whole, 2, 3), mode, "--label", "rows.csv", "--first-line", "3", "--first-byte", "5",
          "--first-seq", "1");
      assertEquals("reader: rows.csv:3:2: invalid UTF-8 at byte offset 8: expected a byte 0x80-0xbf after 0xc3,"
          + " found 0x28\n", local.stderr());
      assertEquals(local.stderr(), part.stderr());
      assertEquals(1, part.status());
    }

    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3})
    void partsGiveTheWholesRecords(long seed) {
      byte[] whole = ReaderCommandTest.generate(3000, seed);
      assertArrayEquals(run(whole, "--typed").stdoutBytes(), readInParts(whole, new Random(seed), List.of("--typed")));
    }
  }

  @Nested
  class Lines {
    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3})
    void partsGiveTheWholesRecords(long seed) {
      byte[] whole = LineModeTest.generate(3000, seed);
      assertArrayEquals(run(whole, "--lines").stdoutBytes(), readInParts(whole, new Random(seed), List.of("--lines")));
    }

    @Test
    void invalidUtf8InALaterPartNamesTheWholesLineAndByteOffset() {
      byte[] whole = Hex.decode("61 0a 0a 62 63 0a 64 c3 28 0a"); // a, "", bc, d<c3>(
      ToolRun local = run(whole, "--lines", "--label", "names.txt");
      ToolRun part = run(lines(whole, 2, 4), "--lines", "--label", "names.txt", "--first-line", "3",
          "--first-byte", "3", "--first-seq", "2");
      assertEquals("reader: names.txt:4: invalid UTF-8 at byte offset 7: expected a byte 0x80-0xbf after 0xc3,"
          + " found 0x28\n", local.stderr());
      assertEquals(local.stderr(), part.stderr());
      assertEquals(List.of("2: \"bc\"", "abort mark"), describe(part));
    }
  }

  @Nested
  class Usage {
    /**
     * Lines and bytes are placed from 1 and 0 up to 2^62: past it, counting on from the option could
     * pass the largest long within one input, and `--first-line=9223372036854775807` on two lines,
     * the second bad, was an internal error ("line < 1") where the message names the line.
     */
    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
      "--first-line=0   | --first-line: '0' is out of range; give 1 to 4611686018427387904",
      "--first-byte=-1  | --first-byte: '-1' is out of range; give 0 to 4611686018427387904",
      "--first-seq=-1   | --first-seq: '-1' is out of range; give 0 to 9223372036854775807",
      "--first-line=4611686018427387905 | --first-line: '4611686018427387905' is out of range; give 1 to 4611686018427387904",
      "--first-line=9223372036854775807 | --first-line: '9223372036854775807' is out of range; give 1 to 4611686018427387904",
      "--first-byte=9223372036854775806 | --first-byte: '9223372036854775806' is out of range; give 0 to 4611686018427387904",
    })
    void valuesOutOfRange(String option, String message) {
      String[] args = option.startsWith("--first-byte") ? new String[] {"--lines", option} : new String[] {option};
      assertUsageError(run(bytes("1\nx\n"), args), message);
    }

    @Test
    void theLargestFirstLineStillNamesTheLineOfAnError() {
      ToolRun run = run(bytes("1\nx\n"), "--first-line=4611686018427387904");
      assertEquals(1, run.status());
      assertEquals("reader: stdin:4611686018427387905:1: expected an integer, found \"x\"\n", run.stderr());
    }

    @Test
    void firstByteIsForInputWhoseMessagesNameByteOffsets() {
      assertUsageError(run(bytes("1\n"), "--first-byte", "3"),
          "--first-byte works with --lines, --text or --typed only; add one of them, or leave --first-byte out");
    }

    @ParameterizedTest
    @ValueSource(strings = {"--label=x", "--first-line=2", "--first-byte=1"})
    void placeOptionsAreForOneInput(String option) {
      ToolRun run = run(new byte[0], "--lines", option, "-", "-");
      assertUsageError(run, option.substring(0, option.indexOf('=')) + " is for one input; 2 files were given");
    }

    @Test
    void helpShowsThePartExample() {
      String help = run(new byte[0], "--help").stdout();
      assertTrue(help.contains("tail -n +11 rows.csv | reader --label rows.csv --first-line 11 --first-seq 9"), help);
    }

    private void assertUsageError(ToolRun run, String message) {
      assertEquals(2, run.status());
      assertEquals("reader: " + message + "\nTry 'reader --help' for more information.\n", run.stderr());
    }
  }

  // ---- helpers ----

  /**
   * Cuts {@code whole} at random line boundaries and reads each part with its place: its first line
   * and byte, and as first seq the count of records the parts before it made.
   */
  private static byte[] readInParts(byte[] whole, Random random, List<String> options) {
    List<Integer> starts = lineStarts(whole);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    long seq = 0;
    int line = 0;
    int parts = 0;
    while (line < starts.size()) {
      int next = Math.min(starts.size(), line + 1 + random.nextInt(400));
      byte[] part = Arrays.copyOfRange(whole, starts.get(line), next < starts.size() ? starts.get(next) : whole.length);
      List<String> args = new ArrayList<>(options);
      args.addAll(List.of(place(line + 1, seq)));
      if (!options.isEmpty()) args.addAll(List.of("--first-byte", Integer.toString(starts.get(line))));
      ToolRun run = run(part, args.toArray(String[]::new));
      assertEquals("", run.stderr());
      out.writeBytes(run.stdoutBytes());
      seq += records(run);
      line = next;
      parts++;
    }
    assertTrue(parts > 3, "cut into several parts: " + parts);
    return out.toByteArray();
  }

  private static String[] place(long firstLine, long firstSeq) {
    return new String[] {"--first-line", Long.toString(firstLine), "--first-seq", Long.toString(firstSeq)};
  }

  /** The offset of each line's first byte. */
  private static List<Integer> lineStarts(byte[] bytes) {
    List<Integer> starts = new ArrayList<>();
    for (int i = 0; i < bytes.length; i++) {
      if (i == 0 || bytes[i - 1] == '\n') starts.add(i);
    }
    return starts;
  }

  /** Lines {@code [from, to)} of {@code bytes}, counted from 0. */
  private static byte[] lines(byte[] bytes, int from, int to) {
    List<Integer> starts = lineStarts(bytes);
    return Arrays.copyOfRange(bytes, starts.get(from), to < starts.size() ? starts.get(to) : bytes.length);
  }

  private static long records(ToolRun run) {
    return describe(run).size();
  }

  private static String[] concat(String[] args, String more) {
    String[] all = Arrays.copyOf(args, args.length + 1);
    all[args.length] = more;
    return all;
  }

  private static ToolRun run(byte[] stdin, String... args) {
    return ToolRun.of(new ReaderCommand(), stdin, args);
  }

  private static byte[] bytes(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }

  /** The records on stdout as {@code seq: value} lines, text values in quotes. */
  private static List<String> describe(ToolRun run) {
    try {
      List<String> records = new ArrayList<>();
      RecordReader reader = new RecordReader(new ByteArrayInputStream(run.stdoutBytes()));
      try {
        while (reader.next()) {
          Object value = reader.readValue();
          records.add(reader.seq() + ": " + (value instanceof String ? "\"" + value + "\"" : value));
        }
      } catch (UpstreamFailedException e) {
        records.add("abort mark");
      }
      return records;
    } catch (IOException e) {
      throw new AssertionError("stdout is not a record stream", e);
    }
  }
}
