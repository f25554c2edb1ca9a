package dev.recpipe.common;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import org.junit.jupiter.api.Test;

class ControlCharactersTest {
  @Test
  void textWithoutControlCharactersIsReturnedAsItIs() {
    String text = "rows.csv:3: expected \"a\\x1b\", found é \u4e2d \ud83d\ude00 \u00a0";
    assertSame(text, ControlCharacters.madeVisible(text));
    assertSame("", ControlCharacters.madeVisible(""));
  }

  @Test
  void everyC0CharacterAndDelAreShownAsHex() {
    assertEquals("\\x00\\x01\\x09\\x0a\\x0d\\x1b\\x1f \\x7f~", ControlCharacters.madeVisible("\0\u0001\t\n\r\u001b\u001f \u007f~"));
  }

  @Test
  void c1CharactersAreShownAsUnicodeEscapes() {
    assertEquals("a\\u0080\\u0085\\u009bb\u00a0", ControlCharacters.madeVisible("a\u0080\u0085\u009bb\u00a0"));
  }

  /** Line ends to Unicode's readers (Python's splitlines, JavaScript): a message would read as two lines. */
  @Test
  void lineAndParagraphSeparatorsAreShownAsUnicodeEscapes() {
    assertEquals("a\\u2028b\\u2029c\u2027\u202a", ControlCharacters.madeVisible("a\u2028b\u2029c\u2027\u202a"));
    assertEquals("\\u2028", ControlCharacters.madeVisible("\u2028"));
  }

  @Test
  void controlCharactersAtEitherEndAndInARow() {
    assertEquals("\\x0a", ControlCharacters.madeVisible("\n"));
    assertEquals("\\x1b\\x1bx\\x07", ControlCharacters.madeVisible("\u001b\u001bx\u0007"));
  }
}
