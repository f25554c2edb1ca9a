package dev.recpipe.reader;

import dev.recpipe.common.io.ByteWindow;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.recpipe.common.RecordReader;
import dev.recpipe.common.UpstreamFailedException;
import dev.recpipe.common.testing.Hex;
import dev.recpipe.common.testing.ThrottledInputStream;
import dev.recpipe.common.testing.ToolRun;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** {@code reader --lines}: one text record per line of input. */
class LineModeTest {
  @Nested
  class Records {
    @Test
    void eachLineIsATextRecordGoldenBytes() {
      ToolRun run = lines("ab\nc\n");
      assertOk(run);
      assertEquals("82 00 62 61 62 82 01 61 63", Hex.encode(run.stdoutBytes()));
    }

    @Test
    void emptyLinesAreRecordsWithEmptyText() {
      assertRecords(lines("\n\na\n\n"), "", "", "a", "");
      assertEquals("82 00 60", Hex.encode(lines("\n").stdoutBytes()));
    }

    @Test
    void lastLineWithoutNewlineIsARecord() {
      assertRecords(lines("a\nb"), "a", "b");
      assertRecords(lines("a"), "a");
    }

    @Test
    void finalNewlineEndsTheLastLineAndStartsNoOther() {
      assertRecords(lines("a\n"), "a");
    }

    @Test
    void emptyInputHasNoRecords() {
      ToolRun run = lines("");
      assertOk(run);
      assertEquals(0, run.stdoutBytes().length);
    }

    @Test
    void crBeforeTheLineFeedIsPartOfTheLineEnd() {
      assertRecords(lines("a\r\nb\r\n\r\nc"), "a", "b", "", "c");
    }

    @Test
    void everyOtherCrIsKept() {
      assertRecords(lines("a\rb\n\r\r\n\r\nx\r"), "a\rb", "\r", "", "x\r");
    }

    @Test
    void csvSyntaxIsJustText() {
      assertRecords(lines("1,2,\"3\"\n \t\n\"open\n"), "1,2,\"3\"", " \t", "\"open");
    }

    @Test
    void byteOrderMarkIsText() {
      assertRecords(lines("\uFEFFa\n"), "\uFEFFa");
    }

    @Test
    void multiByteUtf8GoesOutAsItCame() {
      String text = "é€\uD83D\uDE00 \u0000 z";
      ToolRun run = lines(text + "\n");
      assertRecords(run, text);
      byte[] utf8 = bytes(text);
      assertEquals("82 00 6" + Integer.toHexString(utf8.length) + " " + Hex.encode(utf8), Hex.encode(run.stdoutBytes()));
    }

    @Test
    void theEdgesOfEachUtf8LengthAreAccepted() {
      // U+0080, U+07FF, U+0800, U+D7FF, U+E000, U+FFFF, U+10000, U+10FFFF
      String edges = "c2 80 df bf e0 a0 80 ed 9f bf ee 80 80 ef bf bf f0 90 80 80 f4 8f bf bf";
      ToolRun run = run(Hex.decode(edges + " 0a"), "--lines");
      assertOk(run);
      assertEquals("82 00 78 18 " + edges, Hex.encode(run.stdoutBytes()));
    }

    @Test
    void lineLongerThanTheReadWindow() {
      String longLine = "x".repeat(3 * ByteWindow.READ_SIZE + 17) + "é";
      assertRecords(lines("a\n" + longLine + "\r\nb"), "a", longLine, "b");
    }

    @Test
    void memoryIsBoundedByTheLongestLineNotTheInput() throws IOException {
      byte[] shortLines = generate(200_000, 4);
      TextLineParser parser = new TextLineParser(new ByteArrayInputStream(shortLines), "stdin");
      long count = 0;
      while (parser.next()) count++;
      assertEquals(200_000, count);
      assertTrue(shortLines.length > 50 * ByteWindow.READ_SIZE);
      assertEquals(ByteWindow.READ_SIZE + 1, parser.bytes().length);

      int longLine = 10 * ByteWindow.READ_SIZE;
      parser = new TextLineParser(new ByteArrayInputStream(bytes("a\n" + "x".repeat(longLine) + "\nb\n")), "stdin");
      while (parser.next()) assertTrue(parser.bytes().length <= 2 * longLine + ByteWindow.READ_SIZE);
    }

    @Test
    void sameRecordsHoweverStdinIsSplit() {
      byte[] text = generate(5000, 3);
      byte[] expected = run(text, "--lines").stdoutBytes();
      ToolRun oneByte = ToolRun.of(new ReaderCommand(), ThrottledInputStream.oneByteAtATime(new ByteArrayInputStream(text)), "--lines");
      ToolRun chunks = ToolRun.of(new ReaderCommand(), ThrottledInputStream.randomChunks(new ByteArrayInputStream(text), 5000, 3), "--lines");
      assertOk(oneByte);
      assertArrayEquals(expected, oneByte.stdoutBytes());
      assertArrayEquals(expected, chunks.stdoutBytes());
      assertEquals(5000, describe(oneByte).size());
    }
  }

  @Nested
  class Files {
    @TempDir Path dir;

    @Test
    void severalFilesContinueOneSeq() throws IOException {
      Path a = write("a.txt", "x\ny");
      Path b = write("b.txt", "\nz\n");
      ToolRun run = run(bytes("in\n"), "--lines", a.toString(), b.toString(), "-", a.toString());
      assertEquals(List.of("0: x", "1: y", "2: ", "3: z", "4: in", "5: x", "6: y"), describe(run));
    }

    @Test
    void noFileMeansStdin() {
      assertRecords(run(bytes("a\n"), "--lines"), "a");
      assertRecords(run(bytes("a\n"), "--lines", "-"), "a");
    }

    @Test
    void errorNamesTheFileAndCountsFromItsStart() throws IOException {
      Path a = write("a.txt", "1\n");
      Path b = java.nio.file.Files.write(dir.resolve("b.txt"), Hex.decode("32 0a 33 c3 0a"));
      ToolRun run = run(new byte[0], "--lines", a.toString(), b.toString());
      assertEquals(1, run.status());
      assertEquals("reader: " + b + ":2: invalid UTF-8 at byte offset 3: expected a byte 0x80-0xbf after 0xc3,"
          + " found the end of the line\n", run.stderr());
      assertEquals(List.of("0: 1", "1: 2", "abort mark"), describe(run));
    }

    @Test
    void missingFile() throws IOException {
      Path a = write("a.txt", "1\n");
      ToolRun run = run(new byte[0], "--lines", a.toString(), dir.resolve("missing.txt").toString());
      assertEquals(1, run.status());
      assertEquals("reader: " + dir.resolve("missing.txt") + ": No such file or directory\n", run.stderr());
      assertEquals(List.of("0: 1", "abort mark"), describe(run));
    }

    private Path write(String name, String content) throws IOException {
      return java.nio.file.Files.write(dir.resolve(name), bytes(content));
    }
  }

  @Nested
  class InvalidUtf8 {
    @Test
    void recordsBeforeTheBadLineThenTheAbortMark() {
      ToolRun run = run(Hex.decode("6f 6b 0a 61 62 ff 63 0a 7a 0a"), "--lines"); // ok\n ab<ff>c\n z\n
      assertEquals(1, run.status());
      assertEquals("reader: stdin:2: invalid UTF-8 at byte offset 5: expected the first byte of a UTF-8 character,"
          + " found 0xff\n", run.stderr());
      assertEquals("82 00 62 6f 6b ff", Hex.encode(run.stdoutBytes()));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
      "80            | expected the first byte of a UTF-8 character, found 0x80",
      "c0 af         | expected the first byte of a UTF-8 character, found 0xc0",
      "c1 bf         | expected the first byte of a UTF-8 character, found 0xc1",
      "f5 80 80 80   | expected the first byte of a UTF-8 character, found 0xf5",
      "c3 28         | expected a byte 0x80-0xbf after 0xc3, found 0x28",
      "e2 82 41      | expected a byte 0x80-0xbf after 0xe2 0x82, found 0x41",
      "e0 80 80      | expected a byte 0xa0-0xbf after 0xe0, found 0x80",
      "ed a0 80      | expected a byte 0x80-0x9f after 0xed, found 0xa0",
      "f0 8f bf bf   | expected a byte 0x90-0xbf after 0xf0, found 0x8f",
      "f4 90 80 80   | expected a byte 0x80-0x8f after 0xf4, found 0x90",
      "f0 9f 98 20   | expected a byte 0x80-0xbf after 0xf0 0x9f 0x98, found 0x20",
      "f0 9f 98 0d 41| expected a byte 0x80-0xbf after 0xf0 0x9f 0x98, found 0x0d",
      "e2 82         | expected a byte 0x80-0xbf after 0xe2 0x82, found the end of the line",
    })
    void messageSaysWhatWasExpectedAndFound(String hex, String problem) {
      // "a " then the bad bytes, then a line feed: the bad character is at byte offset 4 of line 2
      ToolRun run = run(Hex.decode("78 0a 61 20 " + hex + " 0a"), "--lines");
      assertEquals(1, run.status());
      assertEquals("reader: stdin:2: invalid UTF-8 at byte offset 4: " + problem + "\n", run.stderr());
    }

    @Test
    void crlfLineEndAfterATruncatedCharacter() {
      ToolRun run = run(Hex.decode("e2 82 0d 0a"), "--lines");
      assertEquals("reader: stdin:1: invalid UTF-8 at byte offset 0: expected a byte 0x80-0xbf after 0xe2 0x82,"
          + " found the end of the line\n", run.stderr());
    }

    @Test
    void truncatedCharacterAtTheEndOfTheInput() {
      ToolRun run = run(Hex.decode("61 0a 62 f0 9f 98"), "--lines");
      assertEquals("reader: stdin:2: invalid UTF-8 at byte offset 3: expected a byte 0x80-0xbf after 0xf0 0x9f 0x98,"
          + " found the end of the line\n", run.stderr());
    }

    @Test
    void offsetCountsEveryByteBeforeIt() {
      ByteArrayOutputStream input = new ByteArrayOutputStream();
      input.writeBytes(generate(20_000, 9));
      int at = input.size() + 3;
      input.writeBytes(Hex.decode("61 62 63 80 0a"));
      ToolRun whole = run(input.toByteArray(), "--lines");
      ToolRun oneByte = ToolRun.of(new ReaderCommand(),
          ThrottledInputStream.oneByteAtATime(new ByteArrayInputStream(input.toByteArray())), "--lines");
      String expected = "reader: stdin:20001: invalid UTF-8 at byte offset " + at
          + ": expected the first byte of a UTF-8 character, found 0x80\n";
      assertTrue(at > 4 * ByteWindow.READ_SIZE, "the error is past several reads: " + at);
      assertEquals(expected, whole.stderr());
      assertEquals(expected, oneByte.stderr());
      assertArrayEquals(whole.stdoutBytes(), oneByte.stdoutBytes());
      assertEquals(20_001, describe(whole).size()); // 20000 records and the abort mark
    }

    @Test
    void stackTraceOnlyWithVerbose() {
      ToolRun verbose = run(Hex.decode("ff"), "--lines", "--verbose");
      assertTrue(verbose.stderr().startsWith("reader: stdin:1: invalid UTF-8 at byte offset 0: "), verbose.stderr());
      assertTrue(verbose.stderr().contains("at dev.recpipe."), verbose.stderr());
    }
  }

  @Nested
  class Usage {
    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
      "-d;            | --delimiter",
      "--delimiter=,  | --delimiter",
      "-H             | --header",
      "--header       | --header",
      "--skip-bad     | --skip-bad",
    })
    void csvOptionsAreUsageErrors(String option, String named) {
      for (List<String> args : List.of(List.of("--lines", option), List.of(option, "--lines", "-"))) {
        ToolRun run = run(bytes("a\n"), args.toArray(new String[0]));
        assertEquals(2, run.status(), args.toString());
        assertEquals("ff", Hex.encode(run.stdoutBytes()), "a usage error ends the output with the abort mark");
        assertEquals("reader: " + named + " is for CSV input; it cannot be used with --lines\n"
            + "Try 'reader --help' for more information.\n", run.stderr());
      }
    }

    @Test
    void csvOptionsStillWorkWithoutLines() {
      assertEquals(0, run(bytes("a\n1\n"), "-H", "-d;", "--skip-bad").status());
    }

    @Test
    void helpDescribesLineModeWithAnExample() {
      ToolRun run = run(new byte[0], "--help");
      assertEquals(0, run.status());
      String help = run.stdout().replaceAll("\\s+", " ");
      assertTrue(help.contains("--lines Read lines of text, not CSV"), help);
      assertTrue(help.contains("The LF that ends a line is not part of the text, and neither is a CR just before it"), help);
      assertTrue(help.contains("Any other CR is kept"), help);
      assertTrue(run.stdout().contains("\n  ls runs/*.csv | reader --lines - | fanout -n 4 my-stage | writer -f lines\n"),
          run.stdout());
    }

    @Test
    void helpsErrorExampleIsWhatReaderSays() {
      String example = "names.txt:3: invalid UTF-8 at byte offset 17: expected a byte 0x80-0xbf after 0xc3, found 0x28";
      assertTrue(run(new byte[0], "--help").stdout().replaceAll("\\s+", " ").contains(example + "."));
      ToolRun run = run(Hex.decode("61 0a 62 0a  61 62 63 64 65 66 67 68 69 6a 6b 6c 6d c3 28 0a"), "--lines");
      assertEquals("reader: " + example.replace("names.txt", "stdin") + "\n", run.stderr());
    }
  }

  // ---- helpers ----

  private static ToolRun lines(String text) {
    return run(bytes(text), "--lines");
  }

  private static ToolRun run(byte[] stdin, String... args) {
    return ToolRun.of(new ReaderCommand(), stdin, args);
  }

  private static byte[] bytes(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }

  private static void assertOk(ToolRun run) {
    assertEquals("", run.stderr());
    assertEquals(0, run.status());
  }

  private static void assertRecords(ToolRun run, String... texts) {
    assertOk(run);
    List<String> expected = new ArrayList<>();
    for (int seq = 0; seq < texts.length; seq++) expected.add(seq + ": " + texts[seq]);
    assertEquals(expected, describe(run));
  }

  /** The records on stdout as {@code seq: text} lines; every value must be a text string. */
  private static List<String> describe(ToolRun run) {
    try {
      List<String> lines = new ArrayList<>();
      RecordReader reader = new RecordReader(new ByteArrayInputStream(run.stdoutBytes()));
      try {
        while (reader.next()) lines.add(reader.seq() + ": " + (String) reader.readValue());
      } catch (UpstreamFailedException e) {
        lines.add("abort mark");
      }
      return lines;
    } catch (IOException e) {
      throw new AssertionError("stdout is not a record stream", e);
    }
  }

  /** Lines of ASCII and multi-byte text, some empty, some with CRLF ends; the same for a given seed. */
  static byte[] generate(int lines, long seed) {
    Random random = new Random(seed);
    String[] pieces = {"a", "Zz", "0,1", " ", "\t", "é", "€", "\uD83D\uDE00", "\r", "\"", "\u0000"};
    StringBuilder text = new StringBuilder();
    for (int i = 0; i < lines; i++) {
      int length = random.nextInt(8) == 0 ? 0 : random.nextInt(40);
      for (int j = 0; j < length; j++) text.append(pieces[random.nextInt(pieces.length)]);
      text.append(random.nextInt(5) == 0 ? "\r\n" : "\n");
    }
    return bytes(text.toString());
  }
}
