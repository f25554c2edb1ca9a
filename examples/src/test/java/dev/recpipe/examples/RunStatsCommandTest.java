package dev.recpipe.examples;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.recpipe.common.RecordReader;
import dev.recpipe.common.RecordWriter;
import dev.recpipe.common.testing.ThrottledInputStream;
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
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** runstats: what it makes of a run file, the file's forms it accepts, and the errors that name the file. */
class RunStatsCommandTest {
  @TempDir Path dir;

  @Test
  void summarizesTheLastColumnByDefault() throws IOException {
    String run = file("run.csv", "time_s,temp_C\n0,21.5\n0.5,22.5\n1,20\n");
    ToolRun result = ToolRun.of(new RunStatsCommand(), names(run));
    assertEquals(0, result.status(), result.stderr());
    assertEquals(List.of(List.of(0L, Arrays.asList(run, 3L, 64.0 / 3, 22.5))), records(result));
  }

  @Test
  void columnOptionPicksAColumnByItsHeaderName() throws IOException {
    String run = file("run.csv", "time_s,signal_mV,temp_C\n0,-3,21\n0.5,4.5,22\n");
    ToolRun result = ToolRun.of(new RunStatsCommand(), names(run), "--column", "signal_mV");
    assertEquals(0, result.status(), result.stderr());
    assertEquals(List.of(List.of(0L, Arrays.asList(run, 2L, 0.75, 4.5))), records(result));
  }

  @Test
  void acceptsCrlfBlankLinesSpacesAByteOrderMarkAndEveryDecimalForm() throws IOException {
    String run = file("run.csv", "\uFEFFt , v\r\n1, 1.5e1 \r\n\r\n2,-.5\n3,+2.\n4,1E-1\n\n");
    ToolRun result = ToolRun.of(new RunStatsCommand(), names(run), "-c", "t");
    assertEquals(0, result.status(), result.stderr());
    assertEquals(List.of(List.of(0L, Arrays.asList(run, 4L, 2.5, 4.0))), records(result));
    ToolRun values = ToolRun.of(new RunStatsCommand(), names(run), "-c", "v");
    assertEquals(List.of(List.of(0L, Arrays.asList(run, 4L, (15 - 0.5 + 2 + 0.1) / 4, 15.0))), records(values));
  }

  @Test
  void aHeaderWithNoRowsHasNoMeanAndNoMax() throws IOException {
    String run = file("run.csv", "time_s,temp_C\n\n");
    ToolRun result = ToolRun.of(new RunStatsCommand(), names(run));
    assertEquals(0, result.status(), result.stderr());
    assertEquals(List.of(List.of(0L, Arrays.asList(run, 0L, null, null))), records(result));
  }

  @Test
  void keepsEachRecordsSeq() throws IOException {
    String a = file("a.csv", "v\n1\n");
    String b = file("b.csv", "v\n2\n3\n");
    ByteArrayOutputStream in = new ByteArrayOutputStream();
    RecordWriter writer = new RecordWriter(in);
    writer.write(4, a);
    writer.write(9, b);
    writer.write(9, a);
    writer.flush();
    ToolRun result = ToolRun.of(new RunStatsCommand(), in.toByteArray());
    assertEquals(List.of(List.of(4L, Arrays.asList(a, 1L, 1.0, 1.0)), List.of(9L, Arrays.asList(b, 2L, 2.5, 3.0)),
        List.of(9L, Arrays.asList(a, 1L, 1.0, 1.0))), records(result));
  }

  @Test
  void readsItsInputOneByteAtATime() throws IOException {
    byte[] input = names(file("a.csv", "v\n1\n"), file("b.csv", "v\n2\n"));
    ToolRun whole = ToolRun.of(new RunStatsCommand(), input);
    ToolRun throttled = ToolRun.of(new RunStatsCommand(), ThrottledInputStream.oneByteAtATime(new ByteArrayInputStream(input)));
    assertEquals(0, throttled.status(), throttled.stderr());
    assertArrayEquals(whole.stdoutBytes(), throttled.stdoutBytes());
  }

  // ---- errors: exit 1, the message names the record and the file, the records before go out, then the abort mark

  @Test
  void missingFile() throws IOException {
    assertFailsOnSecondFile(dir.resolve("gone.csv").toString(), "gone.csv: No such file or directory");
  }

  @Test
  void notANumber() throws IOException {
    assertFailsOnSecondFile(file("bad.csv", "time_s,temp_C\n0,21.5\n0.5,n/a\n"),
        "bad.csv:3: temp_C: expected a decimal number, found \"n/a\"");
  }

  @Test
  void numbersJavaWouldParseButALabWouldNotWrite() throws IOException {
    for (String number : new String[] {"NaN", "Infinity", "0x1p3", "1d", "1f", "", "1,5"}) {
      String run = file("odd.csv", "t,v\n1," + number + "\n");
      String message = number.equals("1,5")
          ? "odd.csv:2: expected 2 fields, as in the header, found 3"
          : "odd.csv:2: v: expected a decimal number, found \"" + number + "\"";
      assertFailsOnSecondFile(run, message);
    }
  }

  @Test
  void numberBeyondADouble() throws IOException {
    assertFailsOnSecondFile(file("big.csv", "v\n1e309\n"), "big.csv:2: v: 1e309 is beyond the range of a double");
  }

  @Test
  void rowWithTooFewFields() throws IOException {
    assertFailsOnSecondFile(file("short.csv", "a,b,c\n1,2,3\n4,5\n"), "short.csv:3: expected 3 fields, as in the header, found 2");
  }

  @Test
  void noSuchColumn() throws IOException {
    String run = file("run.csv", "time_s,temp_C\n0,1\n");
    ToolRun result = ToolRun.of(new RunStatsCommand(), names(run), "--column", "pressure");
    assertEquals(1, result.status());
    assertEquals("runstats: record seq 0 (byte offset 0): " + run
        + ":1: no column \"pressure\" in the header, which names time_s, temp_C\n", result.stderr());
    assertArrayEquals(new byte[] {(byte) 0xff}, result.stdoutBytes());
  }

  @Test
  void emptyFile() throws IOException {
    assertFailsOnSecondFile(file("empty.csv", ""), "empty.csv: empty file: expected a header line naming the columns");
  }

  @Test
  void directory() throws IOException {
    Files.createDirectory(dir.resolve("runs.csv"));
    assertFailsOnSecondFile(dir.resolve("runs.csv").toString(), "runs.csv: Is a directory");
  }

  @Test
  void notUtf8() throws IOException {
    Path run = dir.resolve("latin1.csv");
    Files.write(run, new byte[] {'t', ',', 'v', '\n', '1', ',', (byte) 0xb5, '\n'});
    assertFailsOnSecondFile(run.toString(), "latin1.csv: not UTF-8 text");
  }

  @Test
  void emptyLineInTheList() throws IOException {
    ToolRun result = ToolRun.of(new RunStatsCommand(), names(""));
    assertEquals(1, result.status());
    assertEquals("runstats: record seq 0 (byte offset 0): an empty line, not a file name\n", result.stderr());
  }

  @Test
  void recordThatIsNotTextNamesItsSeq() {
    ToolRun result = ToolRun.of(new RunStatsCommand(), new byte[] {(byte) 0x82, 0x05, (byte) 0x81, 0x01});
    assertEquals(1, result.status());
    assertEquals("runstats: record seq 5 (byte offset 0): expected a text string, found an array\n", result.stderr());
    assertArrayEquals(new byte[] {(byte) 0xff}, result.stdoutBytes());
  }

  /**
   * A good file, then {@code bad}: exit 1, the first file's record then the abort mark on stdout, and
   * one line on stderr naming the record (seq 1, after the first record's bytes) then {@code bad}'s
   * directory and {@code message}.
   */
  private void assertFailsOnSecondFile(String bad, String message) throws IOException {
    String good = file("good.csv", "v\n7\n");
    byte[] input = names(good, bad);
    ToolRun result = ToolRun.of(new RunStatsCommand(), input);
    assertEquals(1, result.status(), result.stderr());
    int secondRecord = names(good).length;
    String prefix = "runstats: record seq 1 (byte offset " + secondRecord + "): ";
    assertEquals(prefix + dir + "/" + message + "\n", result.stderr());
    ToolRun goodAlone = ToolRun.of(new RunStatsCommand(), names(good));
    byte[] expected = Arrays.copyOf(goodAlone.stdoutBytes(), goodAlone.stdoutBytes().length + 1);
    expected[expected.length - 1] = (byte) 0xff;
    assertArrayEquals(expected, result.stdoutBytes());
  }

  private String file(String name, String text) throws IOException {
    Path path = dir.resolve(name);
    Files.write(path, text.getBytes(StandardCharsets.UTF_8));
    return path.toString();
  }

  /** Records [0, "name"], [1, "name"], ... as reader --lines makes them. */
  private static byte[] names(String... names) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    RecordWriter writer = new RecordWriter(out);
    for (int seq = 0; seq < names.length; seq++) writer.write(seq, names[seq]);
    writer.flush();
    return out.toByteArray();
  }

  /** The stage's output records, each as [seq, value]. */
  private static List<List<Object>> records(ToolRun run) throws IOException {
    RecordReader reader = new RecordReader(new ByteArrayInputStream(run.stdoutBytes()));
    List<List<Object>> records = new ArrayList<>();
    while (reader.next()) records.add(Arrays.asList(reader.seq(), reader.readValue()));
    return records;
  }
}
