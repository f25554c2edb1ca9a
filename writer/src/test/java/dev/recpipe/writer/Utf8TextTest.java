package dev.recpipe.writer;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.recpipe.common.testing.Hex;
import dev.recpipe.common.testing.ThrottledInputStream;
import dev.recpipe.common.testing.ToolRun;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Text whose bytes are not UTF-8 is an error naming the record's seq and the offset of the bad
 * bytes, in every format, for values and map keys alike; never a {@code ?}, a U+FFFD or another
 * character written in silence. Every valid UTF-8 boundary case goes through byte for byte.
 */
class Utf8TextTest {
  private static final String[] FORMATS = {"csv", "tsv", "jsonl", "lines"};

  private static ToolRun writer(byte[] records, String format) {
    return ToolRun.of(new WriterCommand(), records, "-f", format);
  }

  /**
   * The record {@code [1, text]} after the good record {@code [0, 6]}; the text item starts at byte
   * offset 5 and its bytes at 6 (5 + its one-byte head).
   */
  private static byte[] afterAGoodRecord(String textItemHex) {
    return Hex.decode("82 00 06  82 01 " + textItemHex);
  }

  private static String textItem(String bytesHex) {
    byte[] bytes = Hex.decode(bytesHex);
    return String.format("%02x ", 0x60 + bytes.length) + bytesHex;
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', value = {
      // bytes of the text  | where the bad character starts | what is wrong with it
      "c3 28                | 6 | expected a byte 0x80-0xbf after 0xc3, found 0x28",
      "61 80 62             | 7 | expected the first byte of a UTF-8 character, found 0x80",
      "c0 80                | 6 | expected the first byte of a UTF-8 character, found 0xc0", // overlong NUL
      "c1 bf                | 6 | expected the first byte of a UTF-8 character, found 0xc1",
      "e0 80 80             | 6 | expected a byte 0xa0-0xbf after 0xe0, found 0x80", // overlong 3-byte
      "f0 80 80 80          | 6 | expected a byte 0x90-0xbf after 0xf0, found 0x80", // overlong 4-byte
      "ed a0 80             | 6 | expected a byte 0x80-0x9f after 0xed, found 0xa0", // a surrogate, lone
      "ed a0 80 ed b0 80    | 6 | expected a byte 0x80-0x9f after 0xed, found 0xa0", // a pair, CESU-8
      "ed bf bf             | 6 | expected a byte 0x80-0x9f after 0xed, found 0xbf",
      "f4 90 80 80          | 6 | expected a byte 0x80-0x8f after 0xf4, found 0x90", // U+110000
      "f5 80 80 80          | 6 | expected the first byte of a UTF-8 character, found 0xf5",
      "f8                   | 6 | expected the first byte of a UTF-8 character, found 0xf8",
      "ff                   | 6 | expected the first byte of a UTF-8 character, found 0xff",
      "e2 82 41             | 6 | expected a byte 0x80-0xbf after 0xe2 0x82, found 0x41",
      "f0 9f 98 41          | 6 | expected a byte 0x80-0xbf after 0xf0 0x9f 0x98, found 0x41",
      "61 c3                | 7 | expected a byte 0x80-0xbf after 0xc3, found the end of the string",
      "e2 82                | 6 | expected a byte 0x80-0xbf after 0xe2 0x82, found the end of the string",
      "f0 9f 98             | 6 | expected a byte 0x80-0xbf after 0xf0 0x9f 0x98, found the end of the string",
  })
  void malformedTextValueIsAnErrorInEveryFormat(String bytes, int at, String problem) {
    assertRefusedInEveryFormat(afterAGoodRecord(textItem(bytes)), at, problem);
  }

  /** In every format: the message, status 1, and the good record's line before it on stdout. */
  private static void assertRefusedInEveryFormat(byte[] records, int at, String problem) {
    for (String format : FORMATS) {
      ToolRun run = writer(records, format);
      assertEquals("writer: byte offset " + at + " (record seq 1): invalid CBOR: text that is not UTF-8: "
          + problem.replace("the end of the string", "the end of the text string") + "\n",
          run.stderr(), format);
      assertEquals(1, run.status(), format);
      assertEquals(writer(Hex.decode("82 00 06"), format).stdout(), run.stdout(), format);
    }
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', value = {
      "c3 28                | 7 | expected a byte 0x80-0xbf after 0xc3, found 0x28",
      "c0 80                | 7 | expected the first byte of a UTF-8 character, found 0xc0",
      "ed a0 80             | 7 | expected a byte 0x80-0x9f after 0xed, found 0xa0",
      "f4 90 80 80          | 7 | expected a byte 0x80-0x8f after 0xf4, found 0x90",
      "61 c3                | 8 | expected a byte 0x80-0xbf after 0xc3, found the end of the string",
  })
  void malformedTextMapKeyIsAnErrorInEveryFormat(String bytes, int at, String problem) {
    assertRefusedInEveryFormat(afterAGoodRecord("a1 " + textItem(bytes) + " 01"), at, problem);
  }

  @ParameterizedTest
  @ValueSource(strings = {"csv", "tsv", "jsonl", "lines"})
  void malformedTextDeepInsideAValue(String format) {
    // [1, [7, {"k": ["ok", "c0 80"]}]]: the bad text's bytes at byte offset 15
    ToolRun run = writer(Hex.decode("82 00 06  82 01 82 07 a1 61 6b 82 62 6f 6b 62 c0 80"), format);
    assertEquals("writer: byte offset 15 (record seq 1): invalid CBOR: text that is not UTF-8: expected the first byte of a"
        + " UTF-8 character, found 0xc0\n",
        run.stderr());
    assertEquals(1, run.status());
  }

  @ParameterizedTest
  @ValueSource(strings = {"csv", "tsv", "jsonl", "lines"})
  void eachChunkOfAnIndefiniteLengthStringMustBeUtf8OnItsOwn(String format) {
    // "é" split over two chunks: c3 | a9 (RFC 8949 §3.2.3)
    ToolRun run = writer(afterAGoodRecord("7f 61 c3 61 a9 ff"), format);
    assertEquals("writer: byte offset 7 (record seq 1): invalid CBOR: text that is not UTF-8: expected a byte 0x80-0xbf"
        + " after 0xc3, found the end of the text string\n", run.stderr());
    assertEquals(1, run.status());
    ToolRun whole = writer(afterAGoodRecord("7f 62 c3 a9 61 21 ff"), format);
    assertEquals("", whole.stderr());
    assertEquals(0, whole.status());
    ToolRun key = writer(afterAGoodRecord("a1 7f 61 c3 61 a9 ff 01"), format);
    assertEquals("writer: byte offset 8 (record seq 1): invalid CBOR: text that is not UTF-8: expected a byte 0x80-0xbf"
        + " after 0xc3, found the end of the text string\n", key.stderr());
  }

  /** A long text, past the parser's buffer, read whole or a byte at a time: the bad byte is still found. */
  @ParameterizedTest
  @ValueSource(ints = {0, 1, 9_000, 19_998})
  void malformedByteAnywhereInALongText(int at) {
    byte[] text = new byte[20_000];
    Arrays.fill(text, (byte) 'a');
    text[at] = (byte) 0xed;
    text[at + 1] = (byte) 0xb2;
    byte[] records = concat(Hex.decode("82 00 06  82 01 79 4e 20"), text);
    String expected = "writer: byte offset " + (8 + at) + " (record seq 1): invalid CBOR: text that is not UTF-8:"
        + " expected a byte 0x80-0x9f after 0xed, found 0xb2\n";
    for (String format : FORMATS) {
      assertEquals(expected, writer(records, format).stderr(), format);
      ToolRun trickled = ToolRun.of(new WriterCommand(),
          ThrottledInputStream.oneByteAtATime(new ByteArrayInputStream(records)), "-f", format);
      assertEquals(expected, trickled.stderr(), format);
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"csv", "tsv", "jsonl", "lines"})
  void textCutByTheEndOfTheInputIsATruncatedRecordNotBadText(String format) {
    // four bytes promised, three given: the input ends inside a character that may be whole
    ToolRun run = writer(afterAGoodRecord("64 61 e2 82"), format);
    assertEquals("writer: truncated record at byte offset 3: input ends at byte offset 9 inside it\n", run.stderr());
    assertEquals(1, run.status());
  }

  /** The edges of each UTF-8 length, and the last code points before and after the surrogates. */
  @ParameterizedTest
  @ValueSource(strings = {"lines", "csv"})
  void everyValidBoundaryGoesThroughByteForByte(String format) {
    String text = "\u0000\u007f\u0080\u07ff\u0800\ud7ff\ue000\uffff\ud800\udc00\udbff\udfff";
    byte[] utf8 = text.getBytes(StandardCharsets.UTF_8);
    byte[] records = concat(Hex.decode(String.format("82 00 78 %02x", utf8.length)), utf8);
    ToolRun run = writer(records, format);
    assertEquals("", run.stderr());
    byte[] expected = format.equals("lines") ? concat(utf8, new byte[] {'\n'})
        : concat("0,".getBytes(StandardCharsets.UTF_8), utf8, new byte[] {'\n'});
    assertArrayEquals(expected, run.stdoutBytes());
  }

  private static byte[] concat(byte[]... parts) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    for (byte[] part : parts) bytes.writeBytes(part);
    return bytes.toByteArray();
  }
}
