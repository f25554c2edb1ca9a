package dev.recpipe.reader;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.recpipe.common.Record;
import dev.recpipe.common.RecordReader;
import dev.recpipe.common.UpstreamFailedException;
import dev.recpipe.common.cli.Streams;
import dev.recpipe.common.cli.PicocliForm;
import dev.recpipe.common.cli.Tool;
import dev.recpipe.common.testing.Hex;
import dev.recpipe.common.testing.ThrottledInputStream;
import dev.recpipe.common.testing.ToolRun;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReaderCommandTest {
  @Nested
  class Records {
    @Test
    void simpleRowsGoldenBytes() {
      ToolRun run = read("1,2,3\n4,5,6\n");
      assertOk(run);
      assertEquals("82 00 83 01 02 03 82 01 83 04 05 06", Hex.encode(run.stdoutBytes()));
    }

    @Test
    void negativeAndLargeIntegersGoldenBytes() {
      // -1 is 20; 1000 is 19 03 e8; -9223372036854775808 is 3b 7f ff ff ff ff ff ff ff
      ToolRun run = read("-1,1000,-9223372036854775808\n");
      assertOk(run);
      assertEquals("82 00 83 20 19 03 e8 3b 7f ff ff ff ff ff ff ff", Hex.encode(run.stdoutBytes()));
    }

    @Test
    void quotedFields() throws IOException {
      assertRecords(read("\"12\",\" -3 \",4\n"), "0: [12, -3, 4]");
    }

    @Test
    void crlfLineEnds() throws IOException {
      assertRecords(read("1,2\r\n3,4\r\n"), "0: [1, 2]", "1: [3, 4]");
    }

    @Test
    void byteOrderMark() throws IOException {
      assertRecords(read("\uFEFF1,2\n"), "0: [1, 2]");
    }

    @Test
    void lastLineWithoutNewline() throws IOException {
      assertRecords(read("1\n2"), "0: [1]", "1: [2]");
    }

    @Test
    void emptyLinesUseNoSeq() throws IOException {
      assertRecords(read("\n1\n\r\n\n2\n\n"), "0: [1]", "1: [2]");
    }

    @Test
    void emptyInput() {
      ToolRun run = read("");
      assertOk(run);
      assertEquals(0, run.stdoutBytes().length);
    }

    @Test
    void header() throws IOException {
      assertRecords(read("a,b\n1,2\n", "-H"), "0: [1, 2]");
      assertRecords(read("a,b\n1,2\n", "--header"), "0: [1, 2]");
    }

    @Test
    void semicolonDelimiter() throws IOException {
      assertRecords(read("1;2\n", "-d", ";"), "0: [1, 2]");
      assertRecords(read("1;2\n", "--delimiter=;"), "0: [1, 2]");
    }

    @Test
    void tabDelimiter() throws IOException {
      assertRecords(read("1\t 2\n", "-d", "\\t"), "0: [1, 2]");
      assertRecords(read("1\t 2\n", "-d", "tab"), "0: [1, 2]");
      assertRecords(read("1\t 2\n", "-d", "\t"), "0: [1, 2]");
    }

    @Test
    void bignumsRoundTrip() throws IOException {
      String big = "123456789012345678901234567890";
      ToolRun run = read("1," + big + ",-" + big + "\n");
      assertOk(run);
      List<Record> records = decode(run.stdoutBytes());
      assertEquals(List.of(new Record(0, List.of(1L, new BigInteger(big), new BigInteger("-" + big)))), records);
    }

    @Test
    void bignumGoldenBytes() {
      // 2^64 is tag 2 over the bytes 01 00 00 00 00 00 00 00 00; -2^64-1 is tag 3 over the same.
      ToolRun run = read("18446744073709551616,-18446744073709551617\n");
      assertOk(run);
      assertEquals(
          "82 00 82 c2 49 01 00 00 00 00 00 00 00 00 c3 49 01 00 00 00 00 00 00 00 00",
          Hex.encode(run.stdoutBytes()));
    }

    @Test
    void integersJustBeyondLongAreShortestForm() {
      // 2^63 and -2^63-1 still fit a 64-bit CBOR integer: 1b 80 00.. and 3b 80 00..
      ToolRun run = read("9223372036854775808,-9223372036854775809\n");
      assertOk(run);
      assertEquals(
          "82 00 82 1b 80 00 00 00 00 00 00 00 3b 80 00 00 00 00 00 00 00",
          Hex.encode(run.stdoutBytes()));
    }

    @Test
    void sameRecordsHoweverStdinIsSplit() {
      byte[] csv = generate(3000, 7);
      byte[] expected = ToolRun.of(new ReaderCommand(), csv).stdoutBytes();
      ToolRun oneByte = ToolRun.of(new ReaderCommand(), ThrottledInputStream.oneByteAtATime(new ByteArrayInputStream(csv)));
      ToolRun chunks = ToolRun.of(new ReaderCommand(), ThrottledInputStream.randomChunks(new ByteArrayInputStream(csv), 5000, 3));
      assertOk(oneByte);
      assertArrayEquals(expected, oneByte.stdoutBytes());
      assertArrayEquals(expected, chunks.stdoutBytes());
    }
  }

  @Nested
  class Files {
    @TempDir Path dir;

    @Test
    void severalFilesContinueOneSeq() throws IOException {
      Path a = write("a.csv", "1\n2\n");
      Path b = write("b.csv", "\n3\n");
      assertRecords(run(new byte[0], a.toString(), b.toString()), "0: [1]", "1: [2]", "2: [3]");
    }

    @Test
    void dashIsStdin() throws IOException {
      Path a = write("a.csv", "1\n");
      assertRecords(run(bytes("2\n"), a.toString(), "-", a.toString()), "0: [1]", "1: [2]", "2: [1]");
    }

    @Test
    void headerSkippedInEveryFile() throws IOException {
      Path a = write("a.csv", "x\n1\n");
      Path b = write("b.csv", "\uFEFFy\r\n2\r\n");
      assertRecords(run(new byte[0], "-H", a.toString(), b.toString()), "0: [1]", "1: [2]");
    }

    @Test
    void errorNamesTheFile() throws IOException {
      Path a = write("a.csv", "1\n");
      Path b = write("b.csv", "2\n3,x\n");
      ToolRun run = run(new byte[0], a.toString(), b.toString());
      assertEquals(1, run.status());
      assertEquals("reader: " + b + ":2:2: expected an integer, found \"x\"\n", run.stderr());
      assertEquals(List.of("0: [1]", "1: [2]", "abort mark"), describe(run));
    }

    @Test
    void missingFile() throws IOException {
      Path a = write("a.csv", "1\n");
      ToolRun run = run(new byte[0], a.toString(), dir.resolve("missing.csv").toString());
      assertEquals(1, run.status());
      assertEquals("reader: " + dir.resolve("missing.csv") + ": No such file or directory\n", run.stderr());
      assertEquals(List.of("0: [1]", "abort mark"), describe(run)); // the rows before still go out
    }

    /**
     * A file whose name holds the words "Broken pipe" is a file like any other: its failure was taken
     * for a downstream that had gone, and reader exited 141, the status of a closed stdout that
     * scripts pass over, without a word and without the mark.
     */
    @Test
    void aMissingFileNamedBrokenPipeIsAFailureNotAClosedStdout() throws IOException {
      Path missing = dir.resolve("Broken pipe.csv");
      ToolRun run = run(new byte[0], missing.toString());
      assertEquals("reader: " + missing + ": No such file or directory\n", run.stderr());
      assertEquals(1, run.status());
      assertEquals(List.of("abort mark"), describe(run));
    }

    @Test
    void directory() {
      ToolRun run = run(new byte[0], dir.toString());
      assertEquals(1, run.status());
      assertEquals("reader: " + dir + ": Is a directory\n", run.stderr());
    }

    @Test
    void unreadableFile() throws IOException {
      Path secret = write("secret.csv", "1\n");
      assertTrue(secret.toFile().setReadable(false));
      if (java.nio.file.Files.isReadable(secret)) return; // running as root: nothing is unreadable
      ToolRun run = run(new byte[0], secret.toString());
      assertEquals(1, run.status());
      assertEquals("reader: " + secret + ": Permission denied\n", run.stderr());
    }

    private Path write(String name, String content) throws IOException {
      return java.nio.file.Files.write(dir.resolve(name), bytes(content));
    }
  }

  @Nested
  class Errors {
    @Test
    void notAnInteger() {
      ToolRun run = read("1,2\n3,4,abc\n5\n");
      assertEquals(1, run.status());
      assertEquals("reader: stdin:2:3: expected an integer, found \"abc\"\n", run.stderr());
      assertEquals("82 00 82 01 02 ff", Hex.encode(run.stdoutBytes())); // the row before, then the abort mark
    }

    @Test
    void emptyField() {
      assertError("1,,2\n", "stdin:1:2: expected an integer, found \"\"");
    }

    @Test
    void quotedDoubledQuote() {
      assertError("\"1\"\"2\"\n", "stdin:1:1: expected an integer, found \"1\"\"2\"");
    }

    @Test
    void longFieldShortened() {
      assertError("1," + "z".repeat(50) + "\n", "stdin:1:2: expected an integer, found \"" + "z".repeat(37) + "...\"");
    }

    @Test
    void nonPrintableBytes() {
      assertError("1\u00002\n", "stdin:1:1: expected an integer, found \"1\\x002\"");
    }

    @Test
    void quotedLineEndIsShownInHex() {
      assertError("1,\"2\n\",3\n", "stdin:1:2: expected an integer, found \"2\\x0a\"");
    }

    @Test
    void linesInsideQuotesCount() {
      // The header's quoted field spans lines 1 and 2, so the bad row is on physical line 3.
      ToolRun run = read("\"a\nb\",1\n4,x\n", "--header");
      assertEquals(1, run.status());
      assertEquals("reader: stdin:3:2: expected an integer, found \"x\"\n", run.stderr());
    }

    @Test
    void unterminatedQuotedField() {
      ToolRun run = read("1,2\n3,4,\"5\n6\n");
      assertEquals(1, run.status());
      assertEquals("reader: stdin:3:3: unterminated quoted field (opened at line 2)\n", run.stderr());
      assertEquals("82 00 82 01 02 ff", Hex.encode(run.stdoutBytes()));
    }

    @Test
    void characterAfterClosingQuote() {
      assertError("1\n2\n3\n4,\"5\"x\n", "stdin:4:2: expected a delimiter or end of line after a closing quote, found \"x\"");
    }

    @Test
    void noStackTraceUnlessVerbose() {
      assertEquals("reader: stdin:1:1: expected an integer, found \"x\"\n", read("x\n").stderr());
      ToolRun verbose = read("x\n", "--verbose");
      assertTrue(verbose.stderr().contains("at dev.recpipe."), verbose.stderr());
    }

    @Test
    void brokenPipeIsQuiet() {
      ByteArrayOutputStream err = new ByteArrayOutputStream();
      OutputStream closed = new OutputStream() {
        @Override
        public void write(int b) throws IOException {
          throw new IOException("Broken pipe");
        }
      };
      Streams streams = new Streams(new ByteArrayInputStream(generate(20_000, 1)), closed, new PrintStream(err, true));
      assertEquals(141, Tool.run(new ReaderCommand(), streams));
      assertEquals("", err.toString(StandardCharsets.UTF_8));
    }

    private void assertError(String csv, String message) {
      ToolRun run = read(csv);
      assertEquals(1, run.status());
      assertEquals("reader: " + message + "\n", run.stderr());
    }
  }

  @Nested
  class SkipBad {
    @Test
    void badRowsKeepTheirSeq() throws IOException {
      ToolRun run = read("1\nx\n3\n\n\"4\"y\n6,,\n7\n", "--skip-bad");
      assertOk(run.status(), run);
      assertEquals(
          "reader: skipped 3 bad rows; first: stdin:2:1: expected an integer, found \"x\"\n", run.stderr());
      assertEquals(List.of("0: [1]", "2: [3]", "5: [7]"), describe(run));
    }

    @Test
    void oneBadRow() {
      ToolRun run = read("1,2\n1,abc\n", "--skip-bad");
      assertEquals(0, run.status());
      assertEquals("reader: skipped 1 bad row; first: stdin:2:2: expected an integer, found \"abc\"\n", run.stderr());
    }

    @Test
    void noBadRowsNoSummary() {
      assertOk(read("1\n", "--skip-bad"));
    }

    @Test
    void unterminatedQuoteStillFails() {
      ToolRun run = read("x\n\"1\n", "--skip-bad");
      assertEquals(1, run.status());
      assertEquals(
          "reader: skipped 1 bad row; first: stdin:1:1: expected an integer, found \"x\"\n"
              + "reader: stdin:2:1: unterminated quoted field (opened at line 2)\n",
          run.stderr());
    }
  }

  @Nested
  class Usage {
    @Test
    void badDelimiter() {
      ToolRun run = read("1\n", "-d", "ab");
      assertEquals(2, run.status());
      assertEquals(
          "reader: -d: 'ab' is not one character; give one ASCII character, or \\t or tab for a tab\n"
              + "Try 'reader --help' for more information.\n",
          run.stderr());
    }

    @Test
    void quoteDelimiter() {
      ToolRun run = read("1\n", "-d", "\"");
      assertEquals(2, run.status());
      assertTrue(run.stderr().startsWith("reader: -d: '\"' is a quote, which cannot be a delimiter; "));
    }

    @Test
    void unknownOption() {
      assertEquals(2, read("1\n", "--nope").status());
    }

    @Test
    void help() {
      ToolRun run = read("", "--help");
      assertEquals(0, run.status());
      assertTrue(run.stdout().startsWith("Usage: reader "), run.stdout());
      String help = run.stdout().replaceAll("\\s+", " ");
      assertTrue(help.contains("Empty lines (no bytes, or only a CR) are skipped and use no seq."), help);
      assertTrue(help.contains("A skipped row still uses its seq"), help);
      assertTrue(help.contains("stdin for standard input"), help);
      assertTrue(help.contains("Exit status:"), help);
    }
  }

  // ---- helpers ----

  private static ToolRun read(String csv, String... args) {
    return run(bytes(csv), args);
  }

  private static ToolRun run(byte[] stdin, String... args) {
    return ToolRun.of(new ReaderCommand(), stdin, args);
  }

  private static byte[] bytes(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }

  private static void assertOk(ToolRun run) {
    assertOk(run.status(), run);
  }

  private static void assertOk(int status, ToolRun run) {
    assertEquals(0, status, run.stderr());
    if (!run.stderr().startsWith("reader: skipped")) assertEquals("", run.stderr());
  }

  private static void assertRecords(ToolRun run, String... expected) throws IOException {
    assertOk(run);
    assertEquals(List.of(expected), describe(run));
  }

  /** The records on stdout as {@code seq: value} lines. */
  static List<String> describe(ToolRun run) {
    try {
      List<String> lines = new ArrayList<>();
      RecordReader reader = new RecordReader(new ByteArrayInputStream(run.stdoutBytes()));
      try {
        while (reader.next()) lines.add(reader.seq() + ": " + reader.readValue());
      } catch (UpstreamFailedException e) {
        lines.add("abort mark");
      }
      return lines;
    } catch (IOException e) {
      throw new AssertionError("stdout is not a record stream", e);
    }
  }

  private static List<Record> decode(byte[] bytes) throws IOException {
    RecordReader reader = new RecordReader(new ByteArrayInputStream(bytes));
    List<Record> records = new ArrayList<>();
    while (reader.next()) records.add(reader.readRecord());
    return records;
  }

  /** A CSV with quotes, CRLF, empty lines and bignums, the same for a given seed. */
  static byte[] generate(int rows, long seed) {
    Random random = new Random(seed);
    StringBuilder csv = new StringBuilder();
    for (int i = 0; i < rows; i++) {
      for (int f = 0; f < 1 + random.nextInt(6); f++) {
        if (f > 0) csv.append(',');
        int kind = random.nextInt(6);
        String value = kind == 0 ? "-" + "8".repeat(25) : Long.toString(random.nextLong() >> random.nextInt(64));
        csv.append(kind == 1 ? "\" " + value + "\"" : value);
      }
      csv.append(random.nextBoolean() ? "\r\n" : "\n");
      if (random.nextInt(20) == 0) csv.append('\n');
    }
    return bytes(csv.toString());
  }

  /**
   * {@code reader FILE...} is read without picocli (for its start-up cost): every list of operands
   * must run as picocli reads it, which {@code reader -- FILE...} forces. Random lists of files,
   * stdin, a missing file, a directory and the empty name, compared by status, stdout and stderr.
   */
  @Test
  void operandsReadWithoutPicocliRunAsPicocliReadsThem(@TempDir Path dir) throws IOException {
    java.nio.file.Files.writeString(dir.resolve("a.csv"), "1,2\n3,4\n");
    java.nio.file.Files.writeString(dir.resolve("b.csv"), "5\n");
    java.nio.file.Files.writeString(dir.resolve("bad.csv"), "6\nx\n");
    java.nio.file.Files.createDirectory(dir.resolve("sub"));
    String[] names = {"a.csv", "b.csv", "bad.csv", "sub", "missing.csv", "-", ""};
    byte[] stdin = "7,8\n".getBytes(StandardCharsets.UTF_8);
    Random random = new Random(5);
    for (int run = 0; run < 60; run++) {
      List<String> args = new ArrayList<>();
      int count = 1 + random.nextInt(4);
      for (int i = 0; i < count; i++) {
        String name = names[random.nextInt(names.length)];
        args.add(name.isEmpty() || name.equals("-") ? name : dir.resolve(name).toString());
      }
      List<String> forced = new ArrayList<>(args);
      forced.add(0, "--");
      ToolRun fast = ToolRun.of(new ReaderCommand(), stdin, args.toArray(new String[0]));
      ToolRun picocli = ToolRun.of(new ReaderCommand(), stdin, forced.toArray(new String[0]));
      assertEquals(picocli.status(), fast.status(), args::toString);
      assertEquals(Hex.encode(picocli.stdoutBytes()), Hex.encode(fast.stdoutBytes()), args::toString);
      assertEquals(picocli.stderr(), fast.stderr(), args::toString);
    }
  }

  /**
   * {@code reader --lines FILE...} is read without picocli too: every command line it reads so must
   * run as picocli reads it ({@link PicocliForm}: its options, {@code --}, its operands). Random
   * command lines of --lines, options it leaves to picocli (those a run asks picocli about: -H,
   * --first-byte), attached values, '--', '-', the empty name and files good, bad, missing and a
   * directory, compared by status, stdout and stderr.
   */
  @Test
  void plainOptionsReadWithoutPicocliRunAsPicocliReadsThem(@TempDir Path dir) throws IOException {
    java.nio.file.Files.writeString(dir.resolve("a.csv"), "1,2\n3,4\n");
    java.nio.file.Files.write(dir.resolve("bad.txt"), new byte[] {'a', '\n', (byte) 0xc3, '(', '\n'});
    java.nio.file.Files.createDirectory(dir.resolve("sub"));
    String[] tokens = {"--lines", "--lines", "--lines=true", "--text", "-H", "--first-byte", "--first-line", "0", "2",
        "--verbose", "--", "-", "", "-x", "a.csv", "a.csv", "bad.txt", "sub", "missing"};
    byte[] stdin = "7,8\nx\n".getBytes(StandardCharsets.UTF_8);
    Random random = new Random(7);
    int fast = 0;
    for (int run = 0; run < 400; run++) {
      String[] args = new String[1 + random.nextInt(4)];
      for (int i = 0; i < args.length; i++) {
        String token = tokens[random.nextInt(tokens.length)];
        args[i] = token.contains(".") || token.equals("sub") || token.equals("missing") ? dir.resolve(token).toString() : token;
      }
      if (!PicocliForm.isReadWithoutPicocli(new ReaderCommand(), args)) continue;
      fast++;
      String[] forced = PicocliForm.of(new ReaderCommand(), args);
      assertTrue(forced != null, () -> List.of(args) + ": read without picocli, but picocli refuses it");
      ToolRun quick = ToolRun.of(new ReaderCommand(), stdin, args);
      ToolRun picocli = ToolRun.of(new ReaderCommand(), stdin, forced);
      assertEquals(picocli.status(), quick.status(), () -> List.of(args).toString());
      assertEquals(Hex.encode(picocli.stdoutBytes()), Hex.encode(quick.stdoutBytes()), () -> List.of(args).toString());
      assertEquals(picocli.stderr(), quick.stderr(), () -> List.of(args).toString());
    }
    assertTrue(fast > 50, "too few command lines read without picocli to say much: " + fast);
  }
}
