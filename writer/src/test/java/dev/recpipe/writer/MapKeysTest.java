package dev.recpipe.writer;

import static org.junit.jupiter.api.Assertions.assertEquals;

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
 * Map keys are written as JSON strings: text as it is, an integer of any width in decimal (before,
 * 2^64-1 came out as {@code -1}). The decoder refuses keys of any other kind, as docs/FORMAT.md says,
 * so writer never has to make up a text for one.
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
  @ValueSource(strings = {"42 01 02", "40", "44 00 01 02 ff", "5f 41 01 41 02 ff", "d8 40 42 01 02"})
  void byteStringKeysAreRefused(String keyHex) {
    ToolRun run = ToolRun.of(new WriterCommand(), Hex.decode("82 00 a1 " + keyHex + " 07"), "-f", "jsonl");
    assertEquals(1, run.status());
    assertEquals(true, run.stderr().matches("writer: byte offset \\d+ \\(record seq 0\\): unsupported CBOR: a map key that is a"
        + " byte string; recpipe reads map keys that are text strings or integers\n"), run.stderr());
  }

  /**
   * A bignum key is named a bignum, at its tag: it was {@code byte offset 4 ...: a map key that is a
   * byte string}, the tag skipped, about a key the user's library wrote as an integer (Python's
   * cbor2 writes 2^64 as tag 2 on the bytes 01 00 ... 00).
   */
  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "c2 49 01 00 00 00 00 00 00 00 00          | 2",
      "c3 49 01 00 00 00 00 00 00 00 00          | 3",
      "c2 49 80 00 00 00 00 00 00 00 00          | 2",
      "c2 41 05                                  | 2",
      "c2 5f 41 01 48 00 00 00 00 00 00 00 00 ff | 2"})
  void bignumKeysAreRefusedAsBignums(String keyHex, int tag) {
    ToolRun run = ToolRun.of(new WriterCommand(), Hex.decode("82 00 a1 " + keyHex + " 07"), "-f", "jsonl");
    assertEquals(1, run.status());
    assertEquals("writer: byte offset 3 (record seq 0): unsupported CBOR: a map key that is a bignum (tag " + tag
        + "); recpipe reads map keys that are text strings or integers from -2^64 to 2^64-1, not bignums\n", run.stderr());
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
   * Keys of the other kinds (floats, null, booleans, arrays, maps, tagged or not) are refused too,
   * at the key's byte offset, the tag skipped: writer has no text of its own for them.
   */
  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', value = {
      "f9 3e 00                   | 3 | a float",
      "fb 44 b5 2d 02 c7 e1 4a f6 | 3 | a float",
      "f9 7e 00                   | 3 | a float",
      "f6                         | 3 | null",
      "f7                         | 3 | null",
      "f5                         | 3 | a boolean",
      "f4                         | 3 | a boolean",
      "82 01 61 61                | 3 | an array",
      "80                         | 3 | an array",
      "a1 61 6b 80                | 3 | a map",
      "c4 82 21 19 6a b3          | 4 | an array", // a decimal fraction
      "c1 f9 3e 00                | 4 | a float",
  })
  void keysOfEveryOtherKindAreRefused(String keyHex, int at, String kind) {
    ToolRun run = ToolRun.of(new WriterCommand(), Hex.decode("82 00 a1 " + keyHex + " 07"), "-f", "jsonl");
    assertEquals("writer: byte offset " + at + " (record seq 0): unsupported CBOR: a map key that is " + kind
        + "; recpipe reads map keys that are text strings or integers\n", run.stderr());
    assertEquals(1, run.status());
    assertEquals("", run.stdout());
  }
}
