package dev.recpipe.reader;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.recpipe.common.testing.Hex;
import dev.recpipe.common.testing.ThrottledInputStream;
import dev.recpipe.common.testing.ToolRun;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** {@code reader --text} and {@code reader --typed}: any CSV, its rows as arrays or maps of fields. */
class TextModeTest {
  @Nested
  class Records {
    @Test
    void textFieldsGoldenBytes() {
      // [0, ["a", "b,c"]]
      assertEquals("82 00 82 61 61 63 62 2c 63", Hex.encode(ok(run(bytes("a,\"b,c\"\n"), "--text")).stdoutBytes()));
    }

    @Test
    void mapsKeyedByTheHeaderGoldenBytes() {
      // [0, {"k": 1, "v": "x"}]: the header uses no seq
      assertEquals("82 00 a2 61 6b 01 61 76 61 78", Hex.encode(ok(run(bytes("k,v\n1,x\n"), "--typed", "-H")).stdoutBytes()));
    }

    @Test
    void typedFieldsGoldenBytes() {
      // 0.5 a single-precision float, 0.1 a double, 1.000000000000000001 a decimal fraction (tag 4), "" null
      assertEquals("82 00 84 fa 3f 00 00 00 fb 3f b9 99 99 99 99 99 9a c4 82 31 1b 0d e0 b6 b3 a7 64 00 01 f6",
          Hex.encode(ok(run(bytes("0.5,0.1,1.000000000000000001,\n"), "--typed")).stdoutBytes()));
    }

    @Test
    void quotedCommasQuotesAndLineEndsEmptyFieldsAndUnicode() {
      String csv = "\uFEFFname,note\r\n\"fig, dried\",\"say \"\"hi\"\"\r\nthen go\"\r\n\r\naçaí,\n";
      assertEquals(List.of("0: [name, note]", "1: [fig, dried, say \"hi\"\r\nthen go]", "2: [açaí, ]"),
          describe(ok(run(bytes(csv), "--text"))));
      assertEquals(List.of("0: {name=fig, dried, note=say \"hi\"\r\nthen go}", "1: {name=açaí, note=null}"),
          describe(ok(run(bytes(csv), "--typed", "-H"))));
    }

    @Test
    void typedIsTheIntegerModeOnCsvOfIntegers() {
      byte[] csv = ReaderCommandTest.generate(3000, 11);
      byte[] integers = ok(run(csv)).stdoutBytes();
      assertArrayEquals(integers, ok(run(csv, "--typed")).stdoutBytes());
    }

    @Test
    void sameRecordsHoweverStdinIsSplit() {
      byte[] csv = bytes("id,\"na,me\",note\r\n" + "1,\"a\"\"b\",\"x\ny\"\n\n2,, \r\n".repeat(2000));
      byte[] whole = ok(run(csv, "--typed", "-H")).stdoutBytes();
      assertEquals(4000, describe(run(csv, "--typed", "-H")).size());
      assertArrayEquals(whole, ok(ToolRun.of(new ReaderCommand(), ThrottledInputStream.oneByteAtATime(new ByteArrayInputStream(csv)),
          "--typed", "-H")).stdoutBytes());
      assertArrayEquals(whole, ok(ToolRun.of(new ReaderCommand(), ThrottledInputStream.randomChunks(new ByteArrayInputStream(csv), 100, 5),
          "--typed", "-H")).stdoutBytes());
    }

    @Test
    void raggedRowsWithTheirOption() {
      assertEquals(List.of("0: {a=1}", "1: {a=1, b=2, 3=3}"),
          describe(ok(run(bytes("a,b\n1\n1,2,3\n"), "--text", "-H", "--ragged"))));
    }

    @Test
    void otherDelimiters() {
      assertEquals(List.of("0: [a, b c, ]"), describe(ok(run(bytes("a\tb c\t\n"), "--text", "-d", "tab"))));
      assertEquals(List.of("0: {x=1.5, y=a,b}"), describe(ok(run(bytes("x;y\n1.5;a,b\n"), "--typed", "-H", "-d", ";"))));
    }
  }

  @Nested
  class FilesEachWithItsHeader {
    @TempDir Path dir;

    @Test
    void eachFileHasItsOwnHeaderAndSeqsGoOn() throws IOException {
      Path a = write("a.csv", "x,y\n1,2\n");
      Path b = write("b.csv", "\uFEFFy,x\r\n3,4\r\n");
      assertEquals(List.of("0: {x=1, y=2}", "1: {x=5, y=6}", "2: {y=3, x=4}"),
          describe(ok(ToolRun.of(new ReaderCommand(), bytes("x,y\n5,6\n"), "--typed", "-H", a.toString(), "-", b.toString()))));
    }

    @Test
    void anErrorNamesTheFile() throws IOException {
      Path a = write("a.csv", "x,y\n1,2\n");
      Path b = write("b.csv", "x,y\n1,2\n3\n");
      ToolRun run = ToolRun.of(new ReaderCommand(), new byte[0], "--text", "-H", a.toString(), b.toString());
      assertEquals(1, run.status());
      assertEquals("reader: " + b + ":3:2: expected 2 fields, as the header has, found 1\n", run.stderr());
      assertEquals(List.of("0: {x=1, y=2}", "1: {x=1, y=2}", "abort mark"), describe(run));
    }

    @Test
    void aFileWithAHeaderOnlyOrNothingHasNoRecords() throws IOException {
      Path a = write("a.csv", "x,y\n");
      Path b = write("b.csv", "");
      assertEquals(List.of(), describe(ok(ToolRun.of(new ReaderCommand(), new byte[0], "--text", "-H", a.toString(), b.toString()))));
    }

    private Path write(String name, String content) throws IOException {
      return Files.write(dir.resolve(name), bytes(content));
    }
  }

  @Nested
  class Errors {
    @Test
    void anUnterminatedQuoteNamesTheLineItOpenedOn() {
      assertError(bytes("a,b\nc,d,\"e\nf\n"), "stdin:2:3: unterminated quoted field: the input ends at line 3 before its closing quote",
          "82 00 82 61 61 61 62 ff");
    }

    @Test
    void invalidUtf8NamesLineFieldAndByteOffset() {
      assertError(Hex.decode("6f 6b 0a 61 2c 62 c3 28 63 0a"),
          "stdin:2:2: invalid UTF-8 at byte offset 6: expected a byte 0x80-0xbf after 0xc3, found 0x28", "82 00 81 62 6f 6b ff");
    }

    @Test
    void textAfterAClosingQuote() {
      assertError(bytes("\"a\"b\n"), "stdin:1:1: expected a delimiter or end of line after a closing quote, found \"b\"", "ff");
    }

    @Test
    void aRowWithMoreFieldsThanTheHeader() {
      assertError(bytes("a,b\n1,2\n\"3\n\",4,5\n"), "stdin:4:3: expected 2 fields, as the header has, found 3", "82 00 a2 61 61 61 31 61 62 61 32 ff",
          "-H");
    }

    @Test
    void aHeaderThatNamesAFieldTwiceEvenWithSkipBad() {
      ToolRun run = run(bytes("a,b,a\n1,2,3\n"), "--text", "-H", "--skip-bad");
      assertEquals(1, run.status());
      assertEquals("reader: stdin:1:3: the header names \"a\" twice, as field 1 and 3\n", run.stderr());
    }

    private void assertError(byte[] csv, String message, String stdout, String... more) {
      List<String> args = new ArrayList<>(List.of("--text"));
      args.addAll(List.of(more));
      ToolRun run = run(csv, args.toArray(new String[0]));
      assertEquals(1, run.status());
      assertEquals("reader: " + message + "\n", run.stderr());
      assertEquals(stdout, Hex.encode(run.stdoutBytes()), "the rows before, then the abort mark");
    }
  }

  @Nested
  class SkipBad {
    @Test
    void badRowsKeepTheirSeq() {
      ToolRun run = run(bytes("a,b\n1,2\n\"3\"x,4\n5\n6,7\n"), "--text", "-H", "--skip-bad");
      assertEquals(0, run.status());
      assertEquals("reader: skipped 2 bad rows; first: stdin:3:1: expected a delimiter or end of line after a closing quote,"
          + " found \"x\"\n", run.stderr());
      assertEquals(List.of("0: {a=1, b=2}", "3: {a=6, b=7}"), describe(run));
    }

    @Test
    void anUnterminatedQuoteStillFails() {
      ToolRun run = run(Hex.decode("ff 0a 22 0a"), "--text", "--skip-bad");
      assertEquals(1, run.status());
      assertEquals("reader: skipped 1 bad row; first: stdin:1:1: invalid UTF-8 at byte offset 0: expected the first byte of"
          + " a UTF-8 character, found 0xff\n"
          + "reader: stdin:2:1: unterminated quoted field: the input ends at line 2 before its closing quote\n", run.stderr());
    }
  }

  @Nested
  class Usage {
    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
      "--text --lines      | --text is for CSV input; it cannot be used with --lines",
      "--lines --typed     | --typed is for CSV input; it cannot be used with --lines",
      "--text --typed      | --text and --typed cannot be used together: --typed reads text fields too",
      "--ragged --text     | --ragged works with -H and --text or --typed only; add -H, or leave --ragged out",
      "--ragged -H         | --ragged works with -H and --text or --typed only; add --text or --typed, or leave --ragged out",
    })
    void optionsThatDoNotGoTogether(String options, String message) {
      ToolRun run = run(bytes("a\n"), options.split(" "));
      assertEquals(2, run.status());
      assertEquals("reader: " + message + "\nTry 'reader --help' for more information.\n", run.stderr());
      assertEquals("ff", Hex.encode(run.stdoutBytes()));
    }

    @Test
    void helpDescribesTheModesAndItsErrorExampleIsWhatReaderSays() {
      String help = ok(run(new byte[0], "--help")).stdout().replaceAll("\\s+", " ");
      assertTrue(help.contains("--text Read any CSV, its fields as text"), help);
      assertTrue(help.contains("--typed As --text, but integers become integers"), help);
      String example = "rows.csv:2:2: invalid UTF-8 at byte offset 6: expected a byte 0x80-0xbf after 0xc3, found 0x28";
      assertTrue(help.contains(example + ";"), help);
      assertEquals("reader: " + example.replace("rows.csv", "stdin") + "\n",
          run(Hex.decode("6f 6b 0a 61 2c 62 c3 28 63 0a"), "--text").stderr());
    }
  }

  // ---- helpers ----

  private static ToolRun run(byte[] stdin, String... args) {
    return ToolRun.of(new ReaderCommand(), stdin, args);
  }

  private static ToolRun ok(ToolRun run) {
    assertEquals(0, run.status(), run.stderr());
    assertEquals("", run.stderr());
    return run;
  }

  private static byte[] bytes(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }

  private static List<String> describe(ToolRun run) {
    return ReaderCommandTest.describe(run);
  }
}
