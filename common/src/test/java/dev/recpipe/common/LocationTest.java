package dev.recpipe.common;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.recpipe.common.csv.CsvException;
import java.util.stream.Stream;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * How a place is spelled, for every combination of known and unknown parts, and how a {@link
 * LocatedException} puts place, detail and hint together. Every message in docs/FORMAT.md's error
 * table and the tools' pages starts with one of these spellings.
 */
class LocationTest {
  /** Each way to build a place, with its spelling, the parts it knows, and the offset it gives. */
  static Stream<Arguments> places() {
    return Stream.of(
        // nothing known
        Arguments.of(Location.unknown(), "", null, 0, 0, -1, -1),
        // a text place alone: source, line, field
        Arguments.of(Location.of("rows.csv"), "rows.csv", "rows.csv", 0, 0, -1, -1),
        Arguments.of(Location.ofLine("stdin", 2), "stdin:2", "stdin", 2, 0, -1, -1),
        Arguments.of(Location.ofField("rows.csv", 17, 3), "rows.csv:17:3", "rows.csv", 17, 3, -1, -1),
        // a stream place alone: a byte, a byte in a record, a record
        Arguments.of(Location.atByte(45), "byte offset 45", null, 0, 0, -1, 45),
        Arguments.of(Location.atByte(45).inRecord(7), "byte offset 45 (record seq 7)", null, 0, 0, 7, 45),
        Arguments.of(Location.ofRecord(7, 42), "record seq 7 (byte offset 42)", null, 0, 0, 7, 42),
        Arguments.of(Location.ofSeq(7), "record seq 7", null, 0, 0, 7, -1),
        Arguments.of(Location.ofSeq(7).in("worker 2"), "worker 2: record seq 7", "worker 2", 0, 0, 7, -1),
        // a stream place in a named input (fanout's workers), in either order of naming
        Arguments.of(Location.atByte(40).in("worker 2"), "worker 2: byte offset 40", "worker 2", 0, 0, -1, 40),
        Arguments.of(Location.atByte(40).inRecord(3).in("worker 2"),
            "worker 2: byte offset 40 (record seq 3)", "worker 2", 0, 0, 3, 40),
        Arguments.of(Location.atByte(40).in("worker 2").inRecord(3),
            "worker 2: byte offset 40 (record seq 3)", "worker 2", 0, 0, 3, 40),
        Arguments.of(Location.ofRecord(3, 40).in("worker 2"),
            "worker 2: record seq 3 (byte offset 40)", "worker 2", 0, 0, 3, 40),
        // the edges: offset and seq 0, the largest values
        Arguments.of(Location.atByte(0).inRecord(0), "byte offset 0 (record seq 0)", null, 0, 0, 0, 0),
        Arguments.of(Location.ofRecord(Long.MAX_VALUE, Long.MAX_VALUE),
            "record seq 9223372036854775807 (byte offset 9223372036854775807)", null, 0, 0, Long.MAX_VALUE,
            Long.MAX_VALUE),
        Arguments.of(Location.ofField("", 1, Integer.MAX_VALUE), ":1:2147483647", "", 1, Integer.MAX_VALUE, -1, -1));
  }

  @ParameterizedTest
  @MethodSource("places")
  void spellsEveryCombinationOfKnownParts(
      Location location, String spelled, String source, long line, int field, long seq, long offset) {
    assertEquals(spelled, location.toString());
    assertEquals(source, location.source());
    assertEquals(line, location.line());
    assertEquals(field, location.field());
    assertEquals(seq, location.seq());
    assertEquals(offset, location.offset());
  }

  @ParameterizedTest
  @MethodSource("places")
  void messageIsThePlaceThenTheDetailThenTheHint(Location location, String spelled) {
    String prefix = spelled.isEmpty() ? "" : spelled + ": ";
    LocatedException e = new LocatedException(location, "expected an integer, found \"abc\"");
    assertEquals(prefix + "expected an integer, found \"abc\"", e.getMessage());
    assertEquals("expected an integer, found \"abc\"", e.detail());
    e.withHint("try this");
    assertEquals(prefix + "expected an integer, found \"abc\"; try this", e.getMessage());
    assertEquals("expected an integer, found \"abc\"", e.detail());
  }

  /** A text place's parts: source, line, field (0 and null unknown), and how they are spelled. */
  private static final Object[][] TEXT_PLACES = {
    {null, 0L, 0, ""},
    {"rows.csv", 0L, 0, "rows.csv"},
    {"rows.csv", 17L, 0, "rows.csv:17"},
    {"rows.csv", 17L, 3, "rows.csv:17:3"},
  };

  /** A stream place's parts: seq, record offset, byte offset (-1 unknown), and how they are spelled. */
  private static final Object[][] STREAM_PLACES = {
    {-1L, -1L, -1L, ""},
    {-1L, -1L, 45L, "byte offset 45"},
    {7L, -1L, 45L, "byte offset 45 (record seq 7)"},
    {7L, 42L, -1L, "record seq 7 (byte offset 42)"},
    {7L, -1L, -1L, "record seq 7"},
  };

  /** A name's control characters are shown as a field's bytes are, so the message stays one line. */
  @Test
  void aNameWithControlCharactersIsShownOnOneLine() {
    assertEquals("a\\x0ab.csv:3:2", Location.ofField("a\nb.csv", 3, 2).toString());
    assertEquals("c\\x1b[31m\\x7f\\u0085.csv: detail", Location.of("c\u001b[31m\u007f\u0085.csv").describe("detail"));
    assertEquals("naïve \\ 東京.csv", Location.of("naïve \\ 東京.csv").toString());
  }

  /** Every text place with every stream place: the text place first, a colon between. */
  @Test
  void spellsEveryTextPlaceWithEveryStreamPlace() {
    for (Object[] text : TEXT_PLACES) {
      for (Object[] stream : STREAM_PLACES) {
        Location location = new Location((String) text[0], (long) text[1], (int) text[2],
            (long) stream[0], (long) stream[1], (long) stream[2]);
        String textPlace = (String) text[3];
        String streamPlace = (String) stream[3];
        String expected = textPlace.isEmpty() || streamPlace.isEmpty() ? textPlace + streamPlace
            : textPlace + ": " + streamPlace;
        assertEquals(expected, location.toString());
        assertEquals(expected.isEmpty() ? "detail" : expected + ": detail", location.describe("detail"));
      }
    }
  }

  @Test
  void refusesPartsThatMeanNothing() {
    assertThrows(IllegalArgumentException.class, () -> new Location(null, 3, 0, -1, -1, -1), "a line of what");
    assertThrows(IllegalArgumentException.class, () -> new Location("a", 0, 2, -1, -1, -1), "a field of what line");
    assertThrows(IllegalArgumentException.class, () -> new Location(null, 0, 0, -1, 42, -1), "a record's start, no seq");
    assertThrows(IllegalArgumentException.class, () -> new Location(null, 0, 0, 7, 42, 45), "a record and a byte");
    assertThrows(IllegalArgumentException.class, () -> new Location(null, -1, 0, -1, -1, -1));
    assertThrows(IllegalArgumentException.class, () -> new Location("a", 1, -1, -1, -1, -1));
    assertThrows(IllegalArgumentException.class, () -> new Location(null, 0, 0, -2, -1, -1));
    assertThrows(IllegalArgumentException.class, () -> new Location(null, 0, 0, 1, -2, -1));
    assertThrows(IllegalArgumentException.class, () -> new Location(null, 0, 0, -1, -1, -2));
  }

  @Test
  void equalPlacesAreEqual() {
    assertEquals(Location.ofRecord(7, 42), Location.ofRecord(7, 42));
    assertEquals(Location.ofRecord(7, 42).hashCode(), Location.ofRecord(7, 42).hashCode());
    assertTrue(!Location.ofRecord(7, 42).equals(Location.atByte(42).inRecord(7)), "a record is not a byte in it");
  }

  @Nested
  class Refuses {
    @Test
    void aLineOrFieldBelowOne() {
      assertEquals("line < 1: 0", assertThrows(IllegalArgumentException.class, () -> Location.ofLine("a", 0)).getMessage());
      assertEquals("field < 1: 0",
          assertThrows(IllegalArgumentException.class, () -> Location.ofField("a", 1, 0)).getMessage());
      assertThrows(IllegalArgumentException.class, () -> Location.ofField("a", 0, 1));
    }

    @Test
    void aNegativeOffsetOrSeq() {
      assertEquals("offset < 0: -1", assertThrows(IllegalArgumentException.class, () -> Location.atByte(-1)).getMessage());
      assertThrows(IllegalArgumentException.class, () -> Location.ofRecord(-1, 0));
      assertThrows(IllegalArgumentException.class, () -> Location.ofRecord(0, -1));
      assertThrows(IllegalArgumentException.class, () -> Location.atByte(0).inRecord(-1));
      assertThrows(IllegalArgumentException.class, () -> Location.ofSeq(-1));
    }

    @Test
    void aRecordForAPlaceWithoutAByte() {
      assertThrows(IllegalStateException.class, () -> Location.ofLine("rows.csv", 3).inRecord(1));
      assertThrows(IllegalStateException.class, () -> Location.ofRecord(1, 0).inRecord(2));
    }

    @Test
    void aNullSource() {
      assertThrows(NullPointerException.class, () -> Location.of(null));
      assertThrows(NullPointerException.class, () -> Location.ofLine(null, 1));
      assertThrows(NullPointerException.class, () -> Location.atByte(1).in(null));
    }

    @Test
    void aSecondInput() {
      LocatedException e = new LocatedException(Location.atByte(1), "x").in("worker 1");
      assertEquals("already in worker 1", assertThrows(IllegalStateException.class, () -> e.in("worker 2")).getMessage());
      LocatedException named = new LocatedException(Location.ofLine("rows.csv", 2), "x");
      assertThrows(IllegalStateException.class, () -> named.in("worker 2"));
    }

    @Test
    void aSecondHint() {
      LocatedException e = new LocatedException(Location.unknown(), "x").withHint("a");
      assertThrows(IllegalStateException.class, () -> e.withHint("b"));
    }
  }

  /** The exceptions whose sentence names the place inside it, and CSV's, keep their words. */
  @Nested
  class Exceptions {
    @Test
    void abortMark() {
      UpstreamFailedException e = new UpstreamFailedException(42);
      assertEquals("input ends with an abort mark at byte offset 42: an earlier stage failed", e.getMessage());
      assertEquals(42, e.byteOffset());
    }

    @Test
    void truncatedRecord() {
      RecordFormatException e = RecordFormatException.truncated(40, 43);
      assertEquals("truncated record at byte offset 40: input ends at byte offset 43 inside it", e.getMessage());
      assertEquals(40, e.byteOffset());
      assertEquals(RecordFormatException.class, e.getClass(), "as fanout's hand-built one, for the fuzz tests");
      assertThrows(IllegalArgumentException.class, () -> RecordFormatException.truncated(40, 40));
    }

    /** fanout names the worker whose output a framer's error is in: the same exception, its kind kept. */
    @Test
    void anErrorPlacedInANamedInput() {
      RecordFormatException e = new RecordFormatException(Location.atByte(40).inRecord(3), "expected x, found y");
      assertEquals(e, e.in("worker 2 (summer)"));
      assertEquals("worker 2 (summer): byte offset 40 (record seq 3): expected x, found y", e.getMessage());
      assertEquals(40, e.byteOffset());
      assertEquals("worker 2 (summer)", e.location().source());
    }

    /** A message that names what went wrong first keeps the input's name in front of it. */
    @Test
    void aSubjectAfterTheInputsName() {
      RecordFormatException truncated = RecordFormatException.truncated(3, 5);
      truncated.in("worker 1 (x)");
      assertEquals("worker 1 (x): truncated record at byte offset 3: input ends at byte offset 5 inside it",
          truncated.getMessage());
      UpstreamFailedException aborted = new UpstreamFailedException(7);
      aborted.in("stdin").withHint("see above");
      assertEquals("stdin: input ends with an abort mark at byte offset 7: an earlier stage failed; see above",
          aborted.getMessage());
    }

    @Test
    void csvField() {
      CsvException e = new CsvException("rows.csv", 17, 3, "expected an integer, found \"abc\"");
      assertEquals("rows.csv:17:3: expected an integer, found \"abc\"", e.getMessage());
      assertEquals("rows.csv", e.source());
      assertEquals(17, e.line());
      assertEquals(3, e.column());
    }

    @Test
    void recordFormatOffsetIsTheBytesElseTheRecords() {
      assertEquals(45, new RecordFormatException(Location.atByte(45).inRecord(7), "x").byteOffset());
      assertEquals(42, new RecordFormatException(Location.ofRecord(7, 42), "x").byteOffset());
    }

    @Test
    void textInputHintNamesTheToolAndItsTextOption() {
      TextInputException e = new TextInputException(Location.atByte(0), "expected a record, found an integer");
      assertEquals("byte offset 0: expected a record, found an integer; the input looks like text, not records:"
          + " put reader in front, e.g. 'reader FILE | summer', or use 'summer --text'",
          e.hintFor("summer", "--text").getMessage());
      TextInputException noTextMode = new TextInputException(Location.atByte(0), "x");
      assertEquals("byte offset 0: x; the input looks like text, not records: put reader in front, e.g."
          + " 'reader FILE | writer'", noTextMode.hintFor("writer", null).getMessage());
    }

    @Test
    void invalidUtf8() {
      assertEquals("invalid UTF-8 at byte offset 6: expected a byte 0x80-0xbf after 0xc3, found 0x28",
          Utf8.invalidAt(6, "expected a byte 0x80-0xbf after 0xc3, found 0x28"));
    }
  }
}
