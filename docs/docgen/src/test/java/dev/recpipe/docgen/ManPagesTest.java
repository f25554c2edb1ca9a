package dev.recpipe.docgen;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.recpipe.common.cli.ToolTable;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ManPagesTest {
  @Test
  void eachDescriptionLineIsAParagraph() {
    String[] lines = {"Read records.", "Example: reader rows.csv", "", "Write lines."};
    assertArrayEquals(new String[] {"Read records.", "", "Example: reader rows.csv", "", "Write lines."},
        ManPages.paragraphs(lines));
  }

  @Test
  void indentedLinesInARowAreOneLiteralBlock() {
    String[] lines = {"Formats:", "  csv    0,1", "  tsv    0\t1", "", "After."};
    assertArrayEquals(new String[] {"Formats:", "", "  csv    0,1%n  tsv    0\t1", "", "After."},
        ManPages.paragraphs(lines));
  }

  @Test
  void noDescriptionStaysNone() {
    assertArrayEquals(new String[0], ManPages.paragraphs(new String[0]));
  }

  @Test
  void exitStatusesGoInNumericalOrder() {
    Map<String, String> statuses = new LinkedHashMap<>();
    statuses.put(" 0", "success");
    statuses.put(" 2", "usage");
    statuses.put("129", "hung up");
    statuses.put("127", "not found");
    statuses.put(" 1", "failure");
    assertEquals(List.of(" 0", " 1", " 2", "127", "129"), List.copyOf(ManPages.inOrder(statuses).keySet()));
  }

  @Test
  void aLineForManyStatusesGoesAfterTheNumberedOnes() {
    Map<String, String> statuses = new LinkedHashMap<>();
    statuses.put("143", "terminated");
    statuses.put("128+N", "another signal");
    statuses.put(" 0", "success");
    assertEquals(List.of(" 0", "143", "128+N"), List.copyOf(ManPages.inOrder(statuses).keySet()));
  }

  @Test
  void aPageSeesAlsoTheOtherToolsAndItsOwnToolsSubcommands() {
    List<String> pages = List.of("reader", "fanout", "fanout-deal", "fanout-merge", "writer");
    assertEquals(List.of("fanout", "writer"), ManPages.seeAlso("reader", pages));
    assertEquals(List.of("reader", "fanout-deal", "fanout-merge", "writer"), ManPages.seeAlso("fanout", pages));
    assertEquals(List.of("reader", "fanout", "fanout-merge", "writer"), ManPages.seeAlso("fanout-deal", pages));
  }

  @Test
  void environmentAndSeeAlsoAreSections() {
    ManPageTexts.Texts texts = new ManPageTexts.Texts("do it", List.of("*HOME*::\n  Where you live."), List.of("docs/a.md"));
    assertEquals("\n== Environment\n\n*HOME*::\n  Where you live.\n\n== See also\n\n*reader*(1), *writer*(1)\n\n"
        + "In recpipe's source tree: docs/a.md.\n", ManPages.sections(texts, List.of("reader", "writer")));
  }

  @Test
  void aPageThatIsNoToolNorSubcommandFailsTheBuild() {
    ManPageTexts texts = new ManPageTexts(ToolTable.bundled());
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> texts.of("newtool"));
    assertEquals("man page newtool: no summary: not a tool of tools.txt, nor a subcommand in ManPageTexts", e.getMessage());
  }

  @Test
  void aToolsSummaryIsItsRowsAndANewStageGetsTheStagesPage() {
    ManPageTexts texts = new ManPageTexts(ToolTable.parse(List.of(
        "newstage examples dev.recpipe.examples.NewStage - arrays do a new thing to each record")));
    assertEquals(new ManPageTexts.Texts("do a new thing to each record", ManPageTexts.LAUNCHER,
        List.of("docs/stages.md", "docs/FORMAT.md", "docs/GUARANTEES.md")), texts.of("newstage"));
    assertEquals("deal records to named pipes in batches", texts.of("fanout-deal").summary());
  }

  @Test
  void everyPageHasTheLaunchersVariablesAndTheFormatsDocs() {
    ManPageTexts texts = new ManPageTexts(ToolTable.bundled());
    List<String> pages = new ArrayList<>(ToolTable.bundled().names());
    pages.addAll(List.of("fanout-deal", "fanout-merge"));
    for (String page : pages) {
      ManPageTexts.Texts pageTexts = texts.of(page);
      assertEquals(ManPageTexts.LAUNCHER, pageTexts.environment().subList(0, 2), page);
      assertEquals(List.of("docs/FORMAT.md", "docs/GUARANTEES.md"),
          pageTexts.docs().subList(pageTexts.docs().size() - 2, pageTexts.docs().size()));
    }
  }
}
