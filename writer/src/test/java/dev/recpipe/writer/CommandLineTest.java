package dev.recpipe.writer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.recpipe.common.testing.ToolRun;
import org.junit.jupiter.api.Test;

/** Options, help and usage errors. */
class CommandLineTest {
  @Test
  void unknownFormatIsAUsageError() {
    ToolRun run = ToolRun.of(new WriterCommand(), new byte[0], "--format", "xml");
    assertEquals(2, run.status());
    assertEquals("", run.stdout());
    assertEquals("writer: Invalid value for option '--format': expected one of [csv, tsv, jsonl, lines] (case-sensitive)"
        + " but was 'xml'\nTry 'writer --help' for more information.\n", run.stderr());
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
    assertTrue(help.contains("Write to FILE instead of stdout (-, /dev/stdout and /dev/fd/1 are stdout). A regular"
        + " file (or no file) is replaced whole, and only after all input was read and written: on any failure it is"
        + " left as it was. A symbolic link is followed and kept: the file it leads to is replaced. A FIFO or a"
        + " character device (/dev/null, a terminal) is written straight through, as the lines come: not atomic. A"
        + " directory, a name ending in /, a socket or a block device is refused."), help);
  }

  @Test
  void helpSaysHowKeysAreWrittenAndThatTextMustBeUtf8() {
    String help = ToolRun.of(new WriterCommand(), new byte[0], "--help").stdout().replaceAll("\\s+", " ");
    assertTrue(help.contains("A map key that is not text is written as a JSON string: integers in decimal, byte"
        + " strings base64, null as null, others as in lines. Text that is not UTF-8 is an error, e.g. record seq 7"
        + " (byte offset 42): invalid UTF-8 at byte offset 45: expected a byte 0x80-0x9f after 0xed, found 0xa0."),
        help);
  }

  @Test
  void shortFormatOption() {
    ToolRun run = ToolRun.of(new WriterCommand(), Records.of(6L), "-f", "tsv");
    assertEquals("0\t6\n", run.stdout());
  }
}
