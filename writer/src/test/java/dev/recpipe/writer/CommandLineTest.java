package dev.recpipe.writer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.recpipe.common.cli.PicocliForm;
import dev.recpipe.common.testing.ToolRun;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Options, help and usage errors. */
class CommandLineTest {
  @Test
  void unknownFormatIsAUsageError() {
    ToolRun run = ToolRun.of(new WriterCommand(), new byte[0], "--format", "xml");
    assertEquals(2, run.status());
    assertEquals("", run.stdout());
    assertEquals("writer: --format: 'xml' is unknown; give csv, tsv, jsonl or lines\nTry 'writer --help' for more information.\n", run.stderr());
  }

  @Test
  void helpListsTheFormatsWithAnExampleLineEach() {
    ToolRun run = ToolRun.of(new WriterCommand(), new byte[0], "--help");
    assertEquals(0, run.status());
    assertTrue(run.stdout().startsWith("Usage: writer [-hV] [--verbose] [-f=FORMAT] [-o=FILE]\n"), run.stdout());
    assertTrue(run.stdout().contains("  csv    0,1,2,3 "), run.stdout());
    assertTrue(run.stdout().contains("  tsv    0<TAB>1<TAB>2<TAB>3 "), run.stdout());
    assertTrue(run.stdout().contains("  jsonl  {\"seq\":0,\"value\":[1,2,3]} "), run.stdout());
    assertTrue(run.stdout().contains("  lines  [1,2,3] "), run.stdout());
    assertTrue(run.stdout().contains("One of: csv, tsv, jsonl, lines (default: csv)."), run.stdout());
    assertTrue(run.stdout().contains("Exit status:"), run.stdout());
  }

  @Test
  void helpSaysWhatLinesDoesWithNewlinesAndShowsAPipeline() {
    ToolRun run = ToolRun.of(new WriterCommand(), new byte[0], "--help");
    String help = run.stdout().replaceAll("\\s+", " ");
    assertTrue(help.contains("a text value is written as it is, other values as in csv (null is an empty line),"
        + " arrays and maps as JSON as in jsonl."), help);
    assertTrue(help.contains("-f lines cannot write text that contains a newline; use -f jsonl."), help);
    assertTrue(run.stdout().contains("\n  ls runs/*.csv | reader --lines - | fanout -n 4 my-stage | writer -f lines\n"),
        run.stdout());
  }

  @Test
  void helpSaysWhatOutputDoesWithEachKindOfFile() {
    String help = ToolRun.of(new WriterCommand(), new byte[0], "--help").stdout().replaceAll("\\s+", " ");
    assertTrue(help.contains("Write to FILE instead of stdout (-, /dev/stdout and /dev/fd/1 are stdout, /dev/stderr"
        + " and /dev/fd/2 stderr). A regular"
        + " file (or no file) is replaced whole, and only after all input was read and written: on any failure it is"
        + " left as it was. A symbolic link is followed and kept: the file it leads to is replaced; but a file /dev/fd/N"
        + " is open on is written into, as the shell's > /dev/fd/N writes it (3>> log appended to, 3> out written where"
        + " 3 stands). A FIFO or a"
        + " character device (/dev/null, a terminal) is written straight through, as the lines come: not atomic. A"
        + " directory, a name ending in /, a socket or a block device is refused."), help);
  }

  @Test
  void helpSaysHowKeysAreWrittenAndThatTextMustBeUtf8() {
    String help = ToolRun.of(new WriterCommand(), new byte[0], "--help").stdout().replaceAll("\\s+", " ");
    assertTrue(help.contains("A map key is text or an integer, written as a JSON string (an integer in decimal);"
        + " any other key is refused, as every stage refuses it, e.g. byte offset 3 (record seq 0): unsupported"
        + " CBOR: a map key that is a byte string; recpipe reads map keys that are text strings or integers. Text"
        + " that is not UTF-8 is an error, e.g. byte offset 3 (record seq 1): invalid CBOR: text that is not UTF-8:"
        + " expected a byte 0x80-0x9f after 0xed, found 0xa0."), help);
  }

  /**
   * The help's examples are the errors writer gives: it said a byte-string key went out in base64
   * and a null key as null, where writer refuses both (its page says so), and gave the UTF-8 error
   * in words no stage uses.
   */
  @Test
  void helpsKeyAndUtf8ExamplesAreWritersOwnErrors() {
    String help = ToolRun.of(new WriterCommand(), new byte[0], "--help").stdout().replaceAll("\\s+", " ");
    byte[] byteStringKey = {(byte) 0x82, 0x00, (byte) 0xa1, 0x42, 0x01, 0x02, 0x02};
    byte[] surrogate = {(byte) 0x82, 0x01, 0x63, (byte) 0xed, (byte) 0xa0, (byte) 0x80};
    for (byte[] input : List.of(byteStringKey, surrogate)) {
      ToolRun run = ToolRun.of(new WriterCommand(), input, "-f", "jsonl");
      assertEquals(1, run.status(), run.stderr());
      String error = run.stderr().replaceFirst("^writer: ", "").strip();
      assertTrue(help.contains(" " + error + (error.endsWith(".") ? "" : ".")), error + "\n" + help);
    }
    assertTrue(!help.contains("null as null") && !help.contains("byte strings base64, null"), help);
  }

  @Test
  void shortFormatOption() {
    ToolRun run = ToolRun.of(new WriterCommand(), Records.of(6L), "-f", "tsv");
    assertEquals("0\t6\n", run.stdout());
  }

  /**
   * {@code writer -f FORMAT} and {@code writer -o FILE} are read without picocli: every command line
   * read so must run as picocli reads it ({@link PicocliForm}: its options, then {@code --}).
   * Random command lines of -f and -o with values good, bad (a format's name in capitals, the empty
   * string, a value like an option, a directory, '-'), attached values, '--', operands and help,
   * compared by status, stdout, stderr and the files written.
   */
  @Test
  void plainOptionsReadWithoutPicocliRunAsPicocliReadsThem(@TempDir Path dir) throws IOException {
    Path file = dir.resolve("out.txt");
    String[] tokens = {"-f", "--format", "-o", "--output", "csv", "lines", "jsonl", "tsv", "CSV", "xml", "", "-",
        "-x", "--", "-flines", "--format=csv", "-o-", "--verbose", "--help", file.toString(), dir.toString(), "/dev/null",
        dir.resolve("no/such").toString()};
    byte[] records = Records.of("a", List.of(1L, 2L), "b\nc"); // -f lines fails on the third
    Random random = new Random(9);
    int fast = 0;
    for (int run = 0; run < 600; run++) {
      String[] args = new String[random.nextInt(5)];
      for (int i = 0; i < args.length; i++) args[i] = tokens[random.nextInt(tokens.length)];
      inDirectory(args, dir);
      if (!PicocliForm.isReadWithoutPicocli(new WriterCommand(), args)) continue;
      fast++;
      String[] forced = PicocliForm.of(new WriterCommand(), args);
      assertTrue(forced != null, () -> List.of(args) + ": read without picocli, but picocli refuses it");
      ToolRun quick = ToolRun.of(new WriterCommand(), records, args);
      Map<Path, String> quickFiles = takeFiles(dir);
      ToolRun picocli = ToolRun.of(new WriterCommand(), records, forced);
      assertEquals(takeFiles(dir), quickFiles, () -> List.of(args).toString());
      assertEquals(picocli.status(), quick.status(), () -> List.of(args).toString());
      assertEquals(picocli.stdout(), quick.stdout(), () -> List.of(args).toString());
      assertEquals(picocli.stderr(), quick.stderr(), () -> List.of(args).toString());
    }
    assertTrue(fast > 100, "too few command lines read without picocli to say much: " + fast);
  }

  /** Output files in {@code dir}: an -o or --output value that is a plain name (csv) made a name in it. */
  private static void inDirectory(String[] args, Path dir) {
    for (int i = 1; i < args.length; i++) {
      boolean output = args[i - 1].equals("-o") || args[i - 1].equals("--output");
      if (output && args[i].matches("[a-zA-Z]+")) args[i] = dir.resolve(args[i]).toString();
    }
  }

  /** The regular files in {@code dir} and their text; deleted, for the next run. */
  private static Map<Path, String> takeFiles(Path dir) throws IOException {
    Map<Path, String> files = new TreeMap<>();
    try (Stream<Path> listed = Files.list(dir)) {
      for (Path file : (Iterable<Path>) listed::iterator) {
        if (!Files.isRegularFile(file)) continue;
        files.put(file, Files.readString(file));
        Files.delete(file);
      }
    }
    return files;
  }
}
