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
    assertEquals("writer: Invalid value for option '--format': expected one of [csv, tsv, jsonl] (case-sensitive)"
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
    assertTrue(run.stdout().contains("One of: csv, tsv, jsonl (default: csv)."), run.stdout());
    assertTrue(run.stdout().contains("Exit status:"), run.stdout());
  }

  @Test
  void shortFormatOption() {
    ToolRun run = ToolRun.of(new WriterCommand(), Records.of(6L), "-f", "tsv");
    assertEquals("0\t6\n", run.stdout());
  }
}
