package dev.recpipe.writer;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.recpipe.common.RecordReader;
import dev.recpipe.common.testing.Hex;
import dev.recpipe.common.testing.ThrottledInputStream;
import dev.recpipe.common.testing.ToolRun;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Map keys that are not text become JSON strings with a defined text ({@link KeyText}): integers of
 * any size and bignums in decimal, byte strings in base64 as byte-string values are, and the rest as
 * {@code -f lines} writes it as a value, null as {@code null}. Before, a bignum or byte-string key
 * came out as its raw bytes, and 2^64-1 as {@code -1}.
 */
class MapKeysTest {
  private static String jsonl(String recordHex) {
    return run(Hex.decode(recordHex), "jsonl");
  }

  private static String run(byte[] records, String format) {
    ToolRun run = ToolRun.of(new WriterCommand(), records, "-f", format);
    assertEquals("", run.stderr());
    assertEquals(0, run.status());
    return run.stdout();
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', value = {
      // the key item                              | its JSON key
      "01                                          | \"1\"",
      "20                                          | \"-1\"",
      "1b 7f ff ff ff ff ff ff ff                  | \"9223372036854775807\"",
      "1b 80 00 00 00 00 00 00 00                  | \"9223372036854775808\"",
      "1b ff ff ff ff ff ff ff ff                  | \"18446744073709551615\"",
      "3b 7f ff ff ff ff ff ff ff                  | \"-9223372036854775808\"",
      "3b 80 00 00 00 00 00 00 00                  | \"-9223372036854775809\"",
      "3b ff ff ff ff ff ff ff ff                  | \"-18446744073709551616\"",
      "18 05                                       | \"5\"", // not in its shortest form
      "c1 1a 5f 5e 10 00                           | \"1600000000\"", // a tag on an integer
      "61 61                                       | \"a\"",
      "63 e2 82 ac                                 | \"€\"",
      "7f 61 61 62 62 63 ff                        | \"abc\"",
      "62 22 5c                                    | \"\\\"\\\\\"", // escaped as JSON
  })
  void keyInJsonl(String keyHex, String jsonKey) {
    assertEquals("{\"seq\":0,\"value\":{" + jsonKey + ":7}}\n", jsonl("82 00 a1 " + keyHex + " 07"));
  }

  @Test
  void keysInEveryFormat() {
    // [0, {2^64-1: 1, "k": 2}]
    byte[] record = Hex.decode("82 00 a2 1b ff ff ff ff ff ff ff ff 01 61 6b 02");
    assertEquals("0,\"{\"\"18446744073709551615\"\":1,\"\"k\"\":2}\"\n", run(record, "csv"));
    assertEquals("0\t{\"18446744073709551615\":1,\"k\":2}\n", run(record, "tsv"));
    assertEquals("{\"seq\":0,\"value\":{\"18446744073709551615\":1,\"k\":2}}\n", run(record, "jsonl"));
    assertEquals("{\"18446744073709551615\":1,\"k\":2}\n", run(record, "lines"));
  }

  /** Keys FORMAT.md says recpipe refuses (byte strings, bignums): the decoder's error, with the record. */
  @ParameterizedTest
  @ValueSource(strings = {
      "c2 49 01 00 00 00 00 00 00 00 00", "c3 49 01 00 00 00 00 00 00 00 00", "c2 49 80 00 00 00 00 00 00 00 00",
      "c2 41 05", "c2 5f 41 01 48 00 00 00 00 00 00 00 00 ff", // bignums
      "42 01 02", "40", "44 00 01 02 ff", "5f 41 01 41 02 ff", "d8 40 42 01 02"}) // byte strings
  void keysFormatMdRefusesAreRefused(String keyHex) {
    ToolRun run = ToolRun.of(new WriterCommand(), Hex.decode("82 00 a1 " + keyHex + " 07"), "-f", "jsonl");
    assertEquals(1, run.status());
    assertEquals(true, run.stderr().matches("writer: byte offset \\d+ \\(record seq 0\\): unsupported CBOR: a map key that is a"
        + " byte string; recpipe reads map keys that are text strings or integers\n"), run.stderr());
  }

  @Test
  void keysOfMapsNestedInArraysAndMaps() {
    // [0, [{1: {"k": [2^64]}}, "x"]]
    assertEquals("0,\"{\"\"1\"\":{\"\"k\"\":[18446744073709551616]}}\",x\n",
        run(Hex.decode("82 00 82 a1 01 a1 61 6b 81 c2 49 01 00 00 00 00 00 00 00 00 61 78"), "csv"));
  }

  @Test
  void manyRecordsWithKeysReadAByteAtATime() throws IOException {
    StringBuilder hex = new StringBuilder();
    StringBuilder expected = new StringBuilder();
    for (int seq = 0; seq < 200; seq++) {
      hex.append(String.format("82 18 %02x a2 61 6b 18 %02x 1b ff ff ff ff ff ff ff ff 61 7a ", seq, seq));
      expected.append("{\"seq\":").append(seq).append(",\"value\":{\"k\":").append(seq)
          .append(",\"18446744073709551615\":\"z\"}}\n");
    }
    InputStream trickle = ThrottledInputStream.oneByteAtATime(new ByteArrayInputStream(Hex.decode(hex.toString())));
    ToolRun run = ToolRun.of(new WriterCommand(), trickle, "-f", "jsonl");
    assertEquals("", run.stderr());
    assertEquals(expected.toString(), run.stdout());
  }

  @Test
  void equalKeysOfDifferentTypesAreBothWritten() {
    assertEquals("{\"seq\":0,\"value\":{\"1\":2,\"1\":3}}\n", jsonl("82 00 a2 01 02 61 31 03"));
  }

  /**
   * Keys that are floats, null, booleans, arrays or maps, which the decoder (Jackson, under
   * RecordReader) may refuse as keys: {@link KeyText} on the same item read as a value, as {@link
   * ValueReader} reads a key again.
   */
  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', value = {
      "f9 3e 00                   | 1.5",
      "fb 44 b5 2d 02 c7 e1 4a f6 | 1.0E23",
      "f9 7e 00                   | NaN",
      "f9 fc 00                   | -Infinity",
      "f6                         | null",
      "f5                         | true",
      "f4                         | false",
      "82 01 61 61                | [1,\"a\"]",
      "82 42 01 02 f9 7e 00       | [\"AQI=\",null]", // as jsonl writes the array: NaN is null there
      "a1 61 6b 80                | {\"k\":[]}",
      "80                         | []",
      "c4 82 21 19 6a b3          | 273.15", // a decimal fraction
      "c2 49 01 00 00 00 00 00 00 00 00 | 18446744073709551616",
      "42 01 02                   | AQI=",
  })
  void keyTextOfEveryOtherKind(String itemHex, String text) throws IOException {
    assertEquals(text, KeyText.of(valueReader(Hex.decode("82 00 " + itemHex), 0)));
  }

  @Test
  void keyTextOfTextIsTheTextNewlinesAndAll() throws IOException {
    assertEquals("a\n\"", KeyText.of(valueReader(Hex.decode("82 00 63 61 0a 22"), 0)));
  }

  private static ValueReader valueReader(byte[] record, long base) throws IOException {
    RetainedInput input = new RetainedInput(new ByteArrayInputStream(record));
    RecordReader reader = new RecordReader(input);
    reader.next();
    return new ValueReader(reader.parser(), input, base);
  }
}
