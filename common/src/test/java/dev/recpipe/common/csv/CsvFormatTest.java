package dev.recpipe.common.csv;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.recpipe.common.cli.Refusal;
import org.junit.jupiter.api.Test;

class CsvFormatTest {
  @Test
  void oneCharacter() {
    assertEquals(';', CsvFormat.parseDelimiter(";"));
    assertEquals('|', CsvFormat.parseDelimiter("|"));
    assertEquals(' ', CsvFormat.parseDelimiter(" "));
  }

  @Test
  void tabSpellings() {
    assertEquals('\t', CsvFormat.parseDelimiter("\\t"));
    assertEquals('\t', CsvFormat.parseDelimiter("tab"));
    assertEquals('\t', CsvFormat.parseDelimiter("TAB"));
    assertEquals('\t', CsvFormat.parseDelimiter("\t"));
  }

  @Test
  void rejected() {
    assertRejected("", "expected one character, or \\t or tab for a tab");
    assertRejected(";;", "expected one character, or \\t or tab for a tab");
    assertRejected("\"", "a quote cannot be a delimiter");
    assertRejected("\n", "a line end cannot be a delimiter");
    assertRejected("\r", "a line end cannot be a delimiter");
    assertRejected("7", "a digit cannot be a delimiter");
    assertRejected("-", "a sign cannot be a delimiter");
    assertRejected("+", "a sign cannot be a delimiter");
    assertRejected("é", "a delimiter must be an ASCII character");
  }

  @Test
  void constructorChecksToo() {
    assertThrows(IllegalArgumentException.class, () -> new CsvFormat((byte) '"', false));
  }

  /** What is wrong, and what a delimiter may be: RefusedValue puts the option and the quoted value before them. */
  @Test
  void converterSaysWhatIsWrongAndWhatItTakes() {
    Refusal e = assertThrows(Refusal.class, () -> new DelimiterConverter().convert("ab"));
    assertEquals("is not one character", e.problem());
    assertEquals("one ASCII character, or \\t or tab for a tab", e.accepted());
    Refusal quote = assertThrows(Refusal.class, () -> new DelimiterConverter().convert("\""));
    assertEquals("is a quote, which cannot be a delimiter", quote.problem());
    Refusal accented = assertThrows(Refusal.class, () -> new DelimiterConverter().convert("é"));
    assertEquals("is not an ASCII character", accented.problem());
  }

  private static void assertRejected(String text, String message) {
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> CsvFormat.parseDelimiter(text));
    assertEquals(message, e.getMessage());
  }
}
