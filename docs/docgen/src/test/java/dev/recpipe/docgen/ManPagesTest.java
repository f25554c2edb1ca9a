package dev.recpipe.docgen;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

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
}
