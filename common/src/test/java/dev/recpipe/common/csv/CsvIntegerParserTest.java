package dev.recpipe.common.csv;

import static dev.recpipe.common.csv.CsvRows.parse;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.recpipe.common.RecpipeException;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.math.BigInteger;
import java.util.List;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class CsvIntegerParserTest {
  @Nested
  class Rows {
    @Test
    void simpleRows() throws IOException {
      assertEquals(List.of("1: [1, 2, 3]", "2: [-4, 5, 0]"), parse("1,2,3\n-4,+5,-0\n"));
    }

    @Test
    void lastLineWithoutNewline() throws IOException {
      assertEquals(List.of("1: [1, 2]", "2: [3]"), parse("1,2\n3"));
    }

    @Test
    void emptyInput() throws IOException {
      assertEquals(List.of(), parse(""));
    }

    @Test
    void crlfLineEnds() throws IOException {
      assertEquals(List.of("1: [1, 2]", "2: [3, 4]"), parse("1,2\r\n3,4\r\n"));
    }

    @Test
    void crlfOnLastLineWithoutNewline() throws IOException {
      assertEquals(List.of("1: [1, 2]", "2: [3, 4]"), parse("1,2\r\n3,4\r"));
    }

    @Test
    void emptyLinesAreNotRows() throws IOException {
      assertEquals(List.of("2: [1]", "5: [2]"), parse("\n1\n\r\n\n2\n\n"));
    }

    @Test
    void onlyEmptyLines() throws IOException {
      assertEquals(List.of(), parse("\n\r\n\r"));
    }

    @Test
    void byteOrderMarkSkipped() throws IOException {
      assertEquals(List.of("1: [1, 2]"), parse("\uFEFF1,2\n"));
    }

    @Test
    void byteOrderMarkAlone() throws IOException {
      assertEquals(List.of(), parse("\uFEFF"));
    }

    @Test
    void byteOrderMarkOnlyAtStart() throws IOException {
      assertEquals(
          List.of("1: [1]", "2: bad: rows.csv:2:1: expected an integer, found \"\\xef\\xbb\\xbf2\""),
          parse("1\n\uFEFF2\n"));
    }

    @Test
    void blanksAroundIntegers() throws IOException {
      assertEquals(List.of("1: [1, -2, 3]"), parse(" 1 ,\t-2\t, \t3 \t\n"));
    }

    @Test
    void blankInsideIntegerIsBad() throws IOException {
      assertEquals(List.of("1: bad: rows.csv:1:1: expected an integer, found \"1 2\""), parse("1 2\n"));
    }

    @Test
    void manyFields() throws IOException {
      String csv = "1,".repeat(999) + "1\n";
      CsvIntegerParser parser = new CsvIntegerParser(new ByteArrayInputStream(csv.getBytes()), "x", CsvFormat.DEFAULT);
      IntegerRow row = new IntegerRow();
      assertTrue(parser.next(row));
      assertEquals(1000, row.size());
      assertFalse(parser.next(row));
    }
  }

  @Nested
  class QuotedFields {
    @Test
    void quotedIntegers() throws IOException {
      assertEquals(List.of("1: [12, -3, 4]"), parse("\"12\",\"-3\",\" 4 \"\n"));
    }

    @Test
    void quotedFieldsMayHoldLineEnds() throws IOException {
      assertEquals(
          List.of("1: bad: rows.csv:1:2: expected an integer, found \"2\\x0a3\"", "3: [4]"),
          parse("1,\"2\n3\"\n4\n"));
    }

    @Test
    void doubledQuoteIsALiteralQuote() throws IOException {
      assertEquals(
          List.of("1: bad: rows.csv:1:1: expected an integer, found \"1\"\"2\""), parse("\"1\"\"2\",3\n"));
    }

    @Test
    void emptyQuotedField() throws IOException {
      assertEquals(List.of("1: bad: rows.csv:1:2: expected an integer, found \"\""), parse("1,\"\"\n"));
    }

    @Test
    void quotedDelimiter() throws IOException {
      assertEquals(List.of("1: bad: rows.csv:1:1: expected an integer, found \"1,2\""), parse("\"1,2\",3\n"));
    }

    @Test
    void quoteInsideUnquotedFieldIsContent() throws IOException {
      assertEquals(List.of("1: bad: rows.csv:1:1: expected an integer, found \"1\"2\""), parse("1\"2\n"));
    }

    @Test
    void quotedFieldAtEndOfInputWithoutNewline() throws IOException {
      assertEquals(List.of("1: [1, 2]"), parse("1,\"2\""));
    }

    @Test
    void quotedFieldThenCrlf() throws IOException {
      assertEquals(List.of("1: [1, 2]", "2: [3]"), parse("1,\"2\"\r\n3\r\n"));
    }

    @Test
    void linesInsideQuotesCountForLaterRows() throws IOException {
      assertEquals(
          List.of("1: bad: rows.csv:1:1: expected an integer, found \"\\x0a\\x0a\"", "4: bad: rows.csv:4:2: expected an integer, found \"x\""),
          parse("\"\n\n\",1\n2,x\n"));
    }
  }

  @Nested
  class Integers {
    @Test
    void longLimits() throws IOException {
      assertEquals(
          List.of("1: [9223372036854775807, -9223372036854775808, 999999999999999999, -999999999999999999]"),
          parse("9223372036854775807,-9223372036854775808,999999999999999999,-999999999999999999\n"));
    }

    @Test
    void justBeyondLong() throws IOException {
      CsvIntegerParser parser = parser("9223372036854775808,-9223372036854775809\n");
      IntegerRow row = new IntegerRow();
      assertTrue(parser.next(row));
      assertTrue(row.hasBig());
      assertEquals(new BigInteger("9223372036854775808"), row.value(0));
      assertEquals(new BigInteger("-9223372036854775809"), row.value(1));
    }

    @Test
    void leadingZerosStillFitLong() throws IOException {
      CsvIntegerParser parser = parser("0000000000000000000000000042,-00000000009223372036854775808\n");
      IntegerRow row = new IntegerRow();
      assertTrue(parser.next(row));
      assertFalse(row.hasBig());
      assertEquals(List.of(42L, Long.MIN_VALUE), row.values());
    }

    @Test
    void bignums() throws IOException {
      String big = "123456789012345678901234567890";
      CsvIntegerParser parser = parser("1," + big + ",-" + big + ",\"+" + big + "\"\n2\n");
      IntegerRow row = new IntegerRow();
      assertTrue(parser.next(row));
      assertEquals(List.of(1L, new BigInteger(big), new BigInteger("-" + big), new BigInteger(big)), row.values());
      assertTrue(parser.next(row));
      assertFalse(row.hasBig());
      assertEquals(List.of(2L), row.values());
    }

    @Test
    void bignumLargerThanTheReadBuffer() throws IOException {
      String big = "7".repeat(200_000);
      CsvIntegerParser parser = parser("1,-" + big + ",2\n3\n");
      IntegerRow row = new IntegerRow();
      assertTrue(parser.next(row));
      assertEquals(List.of(1L, new BigInteger("-" + big), 2L), row.values());
      assertTrue(parser.next(row));
      assertEquals(List.of(3L), row.values());
    }

    @Test
    void signAloneIsBad() throws IOException {
      assertEquals(
          List.of("1: bad: rows.csv:1:1: expected an integer, found \"-\"", "2: bad: rows.csv:2:2: expected an integer, found \"+-1\""),
          parse("-\n1,+-1\n"));
    }

    @Test
    void decimalIsBad() throws IOException {
      assertEquals(List.of("1: bad: rows.csv:1:1: expected an integer, found \"1.5\""), parse("1.5\n"));
    }
  }

  @Nested
  class Errors {
    @Test
    void notAnInteger() throws IOException {
      assertEquals(List.of("1: [1]", "2: bad: rows.csv:2:3: expected an integer, found \"abc\""), parse("1\n1,2,abc\n"));
    }

    @Test
    void emptyField() throws IOException {
      assertEquals(List.of("1: bad: rows.csv:1:2: expected an integer, found \"\""), parse("1,,2\n"));
    }

    @Test
    void emptyLastField() throws IOException {
      assertEquals(List.of("1: bad: rows.csv:1:2: expected an integer, found \"\""), parse("1,\n"));
    }

    @Test
    void blankField() throws IOException {
      assertEquals(List.of("1: bad: rows.csv:1:1: expected an integer, found \" \\x09\""), parse(" \t,1\n"));
    }

    @Test
    void firstBadFieldIsReported() throws IOException {
      assertEquals(List.of("1: bad: rows.csv:1:2: expected an integer, found \"a\""), parse("1,a,b\n"));
    }

    @Test
    void loneCarriageReturnIsContent() throws IOException {
      assertEquals(List.of("1: bad: rows.csv:1:1: expected an integer, found \"1\\x0d2\""), parse("1\r2\n"));
    }

    @Test
    void longFieldIsShortened() throws IOException {
      assertEquals(
          List.of("1: bad: rows.csv:1:1: expected an integer, found \"" + "x".repeat(37) + "...\""),
          parse("x".repeat(100) + "\n"));
    }

    @Test
    void junkAfterClosingQuote() throws IOException {
      assertEquals(
          List.of("1: [1]", "2: [2]", "3: [3]",
              "4: bad: rows.csv:4:2: expected a delimiter or end of line after a closing quote, found \"x\"",
              "5: [5, 6]"),
          parse("1\n2\n3\n4,\"5\"x\"y\",6\n5,6\n"));
    }

    @Test
    void spaceAfterClosingQuote() throws IOException {
      assertEquals(
          List.of("1: bad: rows.csv:1:1: expected a delimiter or end of line after a closing quote, found \" \""),
          parse("\"1\" ,2\n"));
    }

    @Test
    void unterminatedQuotedField() throws IOException {
      CsvException e = assertThrows(CsvException.class, () -> parse("1,2\n1,2,\"3\n4\n5"));
      assertEquals("rows.csv:4:3: unterminated quoted field (opened at line 2)", e.getMessage());
      assertEquals("rows.csv", e.source());
      assertEquals(4, e.line());
      assertEquals(3, e.column());
    }

    @Test
    void unterminatedQuotedFieldOnItsOwnLine() throws IOException {
      CsvException e = assertThrows(CsvException.class, () -> parse("1\n2,\"3\n"));
      assertEquals("rows.csv:2:2: unterminated quoted field (opened at line 2)", e.getMessage());
    }

    @Test
    void unterminatedQuotedFieldIsReportedAfterTheRowsBeforeIt() throws IOException {
      CsvIntegerParser parser = parser("1\n\"2\n");
      IntegerRow row = new IntegerRow();
      assertTrue(parser.next(row));
      assertEquals(List.of(1L), row.values());
      assertThrows(CsvException.class, () -> parser.next(row));
    }

    @Test
    void readFailureNamesTheInput() {
      InputStream failing = new InputStream() {
        @Override
        public int read() throws IOException {
          throw new IOException("Input/output error");
        }
      };
      CsvIntegerParser parser = new CsvIntegerParser(failing, "rows.csv", CsvFormat.DEFAULT);
      RecpipeException e = assertThrows(RecpipeException.class, () -> parser.next(new IntegerRow()));
      assertEquals("rows.csv: Input/output error", e.getMessage());
    }
  }

  @Nested
  class Formats {
    @Test
    void headerSkipped() throws IOException {
      assertEquals(List.of("2: [1, 2]"), parse("a,b\n1,2\n", CsvFormat.DEFAULT.withHeader(true)));
    }

    @Test
    void headerAfterEmptyLinesAndWithQuotedLineEnds() throws IOException {
      assertEquals(
          List.of("5: [1, 2]"), parse("\n\"a\nb\",\"c\"\n\n1,2\n", CsvFormat.DEFAULT.withHeader(true)));
    }

    @Test
    void headerOnly() throws IOException {
      assertEquals(List.of(), parse("a,b", CsvFormat.DEFAULT.withHeader(true)));
    }

    @Test
    void semicolonDelimiter() throws IOException {
      assertEquals(
          List.of("1: [1, 2]", "2: bad: rows.csv:2:1: expected an integer, found \"3,4\""),
          parse("1;2\n3,4\n", CsvFormat.DEFAULT.withDelimiter((byte) ';')));
    }

    @Test
    void tabDelimiterKeepsSpacesAsBlanks() throws IOException {
      assertEquals(
          List.of("1: [1, 2, 3]", "2: bad: rows.csv:2:2: expected an integer, found \"\""),
          parse("1\t 2 \t3\n1\t\t3\n", CsvFormat.DEFAULT.withDelimiter((byte) '\t')));
    }

    @Test
    void spaceDelimiterKeepsTabsAsBlanks() throws IOException {
      assertEquals(
          List.of("1: [1, 2]", "2: bad: rows.csv:2:2: expected an integer, found \"\""),
          parse("1 \t2\t\n1  2\n", CsvFormat.DEFAULT.withDelimiter((byte) ' ')));
    }
  }

  private static CsvIntegerParser parser(String csv) {
    return new CsvIntegerParser(new ByteArrayInputStream(csv.getBytes()), "rows.csv", CsvFormat.DEFAULT);
  }
}
