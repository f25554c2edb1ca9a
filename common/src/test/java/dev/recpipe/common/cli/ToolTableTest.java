package dev.recpipe.common.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.recpipe.common.cli.ToolTable.Row;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ToolTableTest {
  @Test
  void aRowIsSixColumnsTheSummaryTheRestOfTheLine() {
    ToolTable table = ToolTable.parse(List.of(
        "# NAME JAR MAIN JVM ARCHIVE SUMMARY",
        "",
        "  summer   summer  dev.recpipe.summer.SummerCommand  c1  arrays   sum the integers of each record",
        "fanout\tfanout\tdev.recpipe.fanout.FanoutCommand\tc1,jnr\tworkers\trun N copies  of a filter"));
    assertEquals(List.of(
        new Row("summer", "summer", "dev.recpipe.summer.SummerCommand", List.of("c1"), "arrays", "sum the integers of each record"),
        new Row("fanout", "fanout", "dev.recpipe.fanout.FanoutCommand", List.of("c1", "jnr"), "workers", "run N copies  of a filter")),
        table.rows());
    assertEquals(List.of("summer", "fanout"), table.names());
    assertEquals(Optional.of(table.rows().get(1)), table.row("fanout"));
    assertEquals(Optional.empty(), table.row("sumer"));
  }

  @Test
  void noJvmOptionSetsIsADash() {
    Row row = ToolTable.parse(List.of("gencsv examples dev.recpipe.examples.GenCsvCommand - - write CSV")).rows().get(0);
    assertEquals(List.of(), row.jvm());
    assertEquals("-", row.archive());
  }

  @Test
  void anEmptyTableHasNoTools() {
    assertEquals(List.of(), ToolTable.parse(List.of()).names());
    assertEquals(List.of(), ToolTable.parse(List.of("# nothing yet", "   ")).names());
  }

  @Test
  void aRowThatDoesNotReadNamesItsLine() {
    assertRefused("tools.txt:2: expected 6 columns (NAME JAR MAIN JVM ARCHIVE SUMMARY), found 5",
        "# tools", "summer summer dev.recpipe.summer.SummerCommand c1 arrays");
    assertRefused("tools.txt:1: expected JVM - or [c1, c1-lines, jit-wait, jnr, fifos, records, serial], found c2", "summer summer S c1,c2 arrays sum");
    assertRefused("tools.txt:1: expected ARCHIVE one of [-, csv, arrays, integers, workers], found rows",
        "summer summer S c1 rows sum");
    assertRefused("tools.txt:3: tool summer has a row already", "summer summer S - - sum", "", "summer examples T - - again");
  }

  @Test
  void theBundledTableIsTheSourceTrees() throws IOException {
    assertEquals(ToolTable.read(Path.of("..", ToolTable.FILE_NAME)), ToolTable.bundled());
  }

  private static void assertRefused(String message, String... lines) {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ToolTable.parse(List.of(lines)));
    assertEquals(message, e.getMessage());
  }
}
