package dev.recpipe.common.csv;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.recpipe.common.Limits;
import dev.recpipe.common.testing.ThrottledInputStream;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class CsvTextParserTest {
  private static final CsvFormat CSV = CsvFormat.DEFAULT;
  private static final CsvFormat HEADER = CsvFormat.DEFAULT.withHeader(true);

  private static List<String> parse(String csv) throws IOException {
    return CsvTextRows.parse(csv, CSV);
  }

  private static List<String> parse(byte[] csv, int maxRowBytes) throws IOException {
    return CsvTextRows.parse(new ByteArrayInputStream(csv), CSV, maxRowBytes);
  }

  @Nested
  class Rfc4180 {
    @Test
    void fieldsAreTextAsTheyAre() throws IOException {
      assertEquals(List.of("1: \"apple\" \" 1.5 \" \"\"", "2: \"kiwi\" \"x\" \"-\""), parse("apple, 1.5 ,\nkiwi,x,-\n"));
    }

    @Test
    void quotedFieldsHoldDelimitersQuotesAndLineEnds() throws IOException {
      assertEquals(List.of("1: \"a,b\" \"say \\\"hi\\\"\" \"two\nlines\" \"crlf\r\nkept\"", "4: \"next\""),
          parse("\"a,b\",\"say \"\"hi\"\"\",\"two\nlines\",\"crlf\r\nkept\"\nnext\n"));
    }

    @Test
    void emptyFieldsAndAnEmptyLastField() throws IOException {
      assertEquals(List.of("1: \"\" \"\" \"\"", "2: \"a\" \"\"", "3: \"\""), parse(",,\na,\n\"\"\n"));
    }

    @Test
    void lfAndCrlfLineEndsAndNoneAtTheEnd() throws IOException {
      assertEquals(List.of("1: \"a\"", "2: \"b\"", "3: \"c\""), parse("a\r\nb\nc"));
      assertEquals(List.of("1: \"a\"", "2: \"b\""), parse("a\r\nb\r"));
      assertEquals(List.of("1: \"a\"", "2: \"b\""), parse("\"a\"\r\n\"b\""));
    }

    @Test
    void aCrNotBeforeALineFeedIsText() throws IOException {
      assertEquals(List.of("1: \"a\rb\" \"\r\" \"x\"", "2: \"\r\r\""), parse("a\rb,\r,x\n\r\r\r\n"));
    }

    @Test
    void emptyLinesAreNotRows() throws IOException {
      assertEquals(List.of("2: \"1\"", "5: \"2\""), parse("\n1\n\r\n\n2\n\n"));
      assertEquals(List.of(), parse("\n\r\n\r"));
      assertEquals(List.of(), parse(""));
    }

    @Test
    void aStrayQuoteInAFieldNotInQuotesIsText() throws IOException {
      assertEquals(List.of("1: \"5\\\"\" \"a \\\"b\\\"\" \" \\\"c\\\"\""), parse("5\",a \"b\", \"c\"\n"));
    }

    @Test
    void unicodeAndTheByteOrderMark() throws IOException {
      assertEquals(List.of("1: \"naïve\" \"東京\" \"🍎\""), parse("\uFEFFnaïve,東京,🍎\n"));
    }

    @Test
    void otherDelimiters() throws IOException {
      assertEquals(List.of("1: \"a,b\" \"c d\""), CsvTextRows.parse("a,b;c d\n", CSV.withDelimiter((byte) ';')));
      assertEquals(List.of("1: \"a\" \"b c\" \"\""), CsvTextRows.parse("a\tb c\t\n", CSV.withDelimiter((byte) '\t')));
      assertEquals(List.of("1: \"a\" \"\" \"b\""), CsvTextRows.parse("a  b\n", CSV.withDelimiter((byte) ' ')));
    }

    @Test
    void linesCountPhysicalLinesInsideQuotes() throws IOException {
      CsvTextParser parser = new CsvTextParser(input("\"a\nb\nc\",d\n\"e\r\nf\"\ng\n"), "rows.csv", CSV);
      TextRow row = new TextRow();
      parser.next(row);
      assertEquals(List.of(1L, 3L), List.of(row.line(0), row.line(1)));
      parser.next(row);
      assertEquals(4, row.line());
      parser.next(row);
      assertEquals(6, row.line());
      assertEquals(7, parser.line());
    }

    @Test
    void aPartOfALargerInputCountsItsLinesFromTheFirstGivenAndKeepsItsByteOrderMark() throws IOException {
      CsvTextParser parser = new CsvTextParser(input("\uFEFFa\n"), "rows.csv", CSV, 11);
      TextRow row = new TextRow();
      parser.next(row);
      assertEquals("11: \"\uFEFFa\"", CsvTextRows.describe(row));
    }
  }

  @Nested
  class Header {
    @Test
    void theFirstRowOfTheInputIsTheHeader() throws IOException {
      assertEquals(List.of("header: \"name\" \"price\"", "3: \"kiwi\" \"0.5\""),
          CsvTextRows.parse("\r\nname,price\nkiwi,0.5\n", HEADER));
    }

    @Test
    void anInputWithNoRowsHasNoHeader() throws IOException {
      assertNull(new CsvTextParser(input("\n\n"), "rows.csv", HEADER).header());
      assertNull(new CsvTextParser(input("a,b\n"), "rows.csv", CSV).header());
    }

    @Test
    void aNameTwiceIsAnError() throws IOException {
      assertEquals(List.of("throws rows.csv:1:3: the header names \"a\" twice, as field 1 and 3"),
          CsvTextRows.parse("a,b,a\n1,2,3\n", HEADER));
    }

    @Test
    void aBadHeaderIsAnError() throws IOException {
      assertEquals(List.of("throws rows.csv:1:2: expected a delimiter or end of line after a closing quote, found \"x\""),
          CsvTextRows.parse("a,\"b\"x\n1,2\n", HEADER));
    }
  }

  @Nested
  class Errors {
    @Test
    void textAfterAClosingQuoteMakesTheRowBadAndReadingGoesOn() throws IOException {
      assertEquals(List.of("1: bad: rows.csv:1:2: expected a delimiter or end of line after a closing quote, found \"x\"",
          "2: \"ok\""), parse("a,\"4\"x,5\nok\n"));
    }

    @Test
    void aClosingQuoteBeforeABareCrIsFollowedByText() throws IOException {
      assertEquals(List.of("1: bad: rows.csv:1:1: expected a delimiter or end of line after a closing quote, found \"\\x0d\""),
          parse("\"a\"\rb\n"));
    }

    @Test
    void anUnterminatedQuoteNamesTheLineWhereTheFieldStarts() throws IOException {
      assertEquals(List.of("1: \"a\"", "throws rows.csv:2:2: unterminated quoted field: the input ends at line 4 before its closing quote"),
          parse("a\nb,\"c\nd\ne"));
      assertEquals(List.of("throws rows.csv:1:1: unterminated quoted field: the input ends at line 2 before its closing quote"),
          parse("\"a\n\n"));
      assertEquals(List.of("throws rows.csv:1:2: unterminated quoted field: the input ends at line 1 before its closing quote"),
          parse("a,\""));
    }

    @Test
    void invalidUtf8NamesTheFieldAndTheByteOffset() throws IOException {
      byte[] csv = bytes("ok\na,b\u00c3(c\n");
      assertEquals(List.of("1: \"ok\"", "2: bad: rows.csv:2:2: invalid UTF-8 at byte offset 6: expected a byte 0x80-0xbf after 0xc3, found 0x28"),
          parse(csv, Limits.MAX_ROW_BYTES));
    }

    @Test
    void invalidUtf8InAQuotedFieldCountsTheQuotesThatWereDoubled() throws IOException {
      // offsets: " 0, a 1, "" 2-3, \n 4, b 5, "" 6-7, ff 8
      byte[] csv = bytes("\"a\"\"\nb\"\"\u00ff\"\n");
      assertEquals(List.of("1: bad: rows.csv:1:1: invalid UTF-8 at byte offset 8: expected the first byte of a UTF-8 character, found 0xff"),
          parse(csv, Limits.MAX_ROW_BYTES));
    }

    @Test
    void aCharacterCutByTheEndOfTheField() throws IOException {
      assertEquals(List.of("1: bad: rows.csv:1:1: invalid UTF-8 at byte offset 1: expected a byte 0x80-0xbf after 0xe2, found the end of the field"),
          parse(bytes("\"\u00e2\",x\n"), Limits.MAX_ROW_BYTES));
    }

    @Test
    void theFirstProblemOfARowIsReported() throws IOException {
      assertEquals(List.of("1: bad: rows.csv:1:1: invalid UTF-8 at byte offset 1: expected the first byte of a UTF-8 character, found 0xff"),
          parse(bytes("\"\u00ff\"x,\"y\"z\n"), Limits.MAX_ROW_BYTES));
    }
  }

  @Nested
  class RowLimit {
    @Test
    void aRowAtTheLimitIsReadAndOneByteMoreIsBad() throws IOException {
      assertEquals(List.of("1: \"abcd\" \"e\""), parse(bytes("abcd,e\r\n"), 6));
      assertEquals(List.of("1: bad: rows.csv:1:2: row longer than 5 bytes, the limit", "2: \"ok\""),
          parse(bytes("abcd,e\r\nok\n"), 5));
    }

    @Test
    void theClosingQuoteCounts() throws IOException {
      assertEquals(List.of("1: \"abcd\""), parse(bytes("\"abcd\"\n"), 6));
      assertEquals(List.of("1: bad: rows.csv:1:1: row longer than 5 bytes, the limit"), parse(bytes("\"abcd\"\n"), 5));
    }

    @Test
    void aRowPastTheLimitIsReportedAsSuchWhateverElseIsWrongInIt() throws IOException {
      assertEquals(List.of("2: bad: rows.csv:2:2: row longer than 6 bytes, the limit"),
          parse(bytes("\n\"a\"x,\u00ffbcd\n"), 6));
    }

    @Test
    void aLongRowIsSkippedWithoutBeingKept() throws IOException {
      int limit = 1 << 16;
      byte[] csv = new byte[50 * limit + 4];
      Arrays.fill(csv, (byte) 'x');
      csv[0] = '"';
      System.arraycopy(bytes("\"\nok"), 0, csv, csv.length - 4, 4);
      CsvTextParser parser = new CsvTextParser(new ByteArrayInputStream(csv), "rows.csv", CSV, 1, 0, limit);
      TextRow row = new TextRow();
      parser.next(row);
      assertEquals("1: bad: rows.csv:1:1: row longer than 65536 bytes, the limit", CsvTextRows.describe(row));
      assertEquals(true, row.bytes().length <= 2 * limit, "kept " + row.bytes().length + " bytes");
      parser.next(row);
      assertEquals("2: \"ok\"", CsvTextRows.describe(row));
    }

    @Test
    void anUnterminatedQuoteInALongRowIsStillTheError() throws IOException {
      assertEquals(List.of("throws rows.csv:1:1: unterminated quoted field: the input ends at line 1 before its closing quote"),
          parse(bytes("\"abcdefgh"), 4));
    }
  }

  @Nested
  class Reads {
    @Test
    void everySplitOfTheInputGivesTheSameRows() throws IOException {
      byte[] csv = bytes("\u00ef\u00bb\u00bfa,\"b\"\"c\r\nd\",e\r\n\r\n\"\",\"x\"\"\"\n\"\"\"\"\rz\n\"\u00e2\u0082\u00ac\",\u00e2\u0082\u00ac\r");
      List<String> whole = parse(csv, Limits.MAX_ROW_BYTES);
      assertEquals(List.of("1: \"a\" \"b\\\"c\r\nd\" \"e\"", "4: \"\" \"x\\\"\"",
          "5: bad: rows.csv:5:1: expected a delimiter or end of line after a closing quote, found \"\\x0d\"", "6: \"€\" \"€\""), whole);
      for (int split = 0; split <= csv.length; split++) {
        InputStream in = new java.io.SequenceInputStream(new ByteArrayInputStream(csv, 0, split),
            new ByteArrayInputStream(csv, split, csv.length - split));
        assertEquals(whole, CsvTextRows.parse(ThrottledInputStream.randomChunks(in, 3, split), CSV, Limits.MAX_ROW_BYTES), "split at " + split);
      }
      assertEquals(whole, CsvTextRows.parse(ThrottledInputStream.oneByteAtATime(new ByteArrayInputStream(csv)), CSV, Limits.MAX_ROW_BYTES));
    }

    @Test
    void fieldsLongerThanTheReadWindow() throws IOException {
      String big = "x".repeat(200_000);
      String quoted = "\"\"".repeat(70_000) + "\n".repeat(3);
      List<String> rows = parse("a," + big + ",\"" + quoted + "\"\nb\n");
      assertEquals(List.of("1: \"a\" \"" + big + "\" \"" + "\\\"".repeat(70_000) + "\n\n\n\"", "5: \"b\""), rows);
    }
  }

  @Test
  void readingFailuresNameTheInput() {
    InputStream failing = new InputStream() {
      @Override
      public int read() throws IOException {
        throw new IOException("Input/output error");
      }
    };
    IOException e = assertThrows(IOException.class, () -> new CsvTextParser(failing, "rows.csv", CSV).next(new TextRow()));
    assertEquals("rows.csv: Input/output error", e.getMessage());
  }

  private static InputStream input(String csv) {
    return new ByteArrayInputStream(csv.getBytes(StandardCharsets.UTF_8));
  }

  /** The string's chars as bytes, one each, so a char from U+0080 to U+00FF is a byte that is not UTF-8. */
  static byte[] bytes(String latin1) {
    return latin1.getBytes(StandardCharsets.ISO_8859_1);
  }
}
