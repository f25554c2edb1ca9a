package dev.recpipe.summer;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.recpipe.common.testing.Hex;
import dev.recpipe.common.testing.ThrottledInputStream;
import dev.recpipe.common.testing.ToolRun;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** summer on records: exact output bytes, errors and exit statuses. */
class SummerCommandTest {
  @Test
  void sumsEachRowKeepingItsSeq() {
    ToolRun run = ToolRun.of(new SummerCommand(), Hex.decode("82 00 83 01 02 03  82 05 80  82 06 82 20 39 01 f3"));
    assertEquals(0, run.status(), run.stderr());
    assertEquals("82 00 06 82 05 00 82 06 39 01 f4", Hex.encode(run.stdoutBytes()));
  }

  @Test
  void sumsBeyond64BitsBecomeBignumsAndBack() {
    // [0, [2^63-1, 2^63-1, 2]] sums to 2^64: a bignum; [1, [2^64 (bignum), -1]] sums to 2^64-1: a plain integer
    ToolRun run = ToolRun.of(new SummerCommand(), Hex.decode(
        "82 00 83 1b 7f ff ff ff ff ff ff ff 1b 7f ff ff ff ff ff ff ff 02"
            + " 82 01 82 c2 49 01 00 00 00 00 00 00 00 00 20"));
    assertEquals(0, run.status(), run.stderr());
    assertEquals("82 00 c2 49 01 00 00 00 00 00 00 00 00 82 01 1b ff ff ff ff ff ff ff ff", Hex.encode(run.stdoutBytes()));
  }

  @Test
  void acceptsIndefiniteLengthsOneByteAtATime() {
    ToolRun run = ToolRun.of(new SummerCommand(),
        ThrottledInputStream.oneByteAtATime(new ByteArrayInputStream(Hex.decode("9f 00 9f 01 02 ff ff"))));
    assertEquals("82 00 03", Hex.encode(run.stdoutBytes()));
  }

  @Test
  void valueNotAnArrayOfIntegersNamesTheSeqAndEndsWithTheAbortMark() {
    ToolRun run = ToolRun.of(new SummerCommand(), Hex.decode("82 00 81 01  82 07 82 01 63 61 62 63"));
    assertEquals(1, run.status());
    assertEquals("82 00 01 ff", Hex.encode(run.stdoutBytes()));
    assertEquals("summer: record seq 7 (byte offset 4): expected an array of integers, found a text string\n",
        run.stderr());
  }

  /** {@code summer < rows.csv}: issue 15's puzzle, now with the two ways out, by their real names. */
  @Test
  void csvTextInsteadOfRecordsHintsAtReaderAndTextMode() {
    ToolRun run = ToolRun.of(new SummerCommand(), "1,2,3\n4,5,6\n".getBytes(StandardCharsets.US_ASCII));
    assertEquals(1, run.status());
    assertEquals("ff", Hex.encode(run.stdoutBytes()));
    assertEquals("summer: byte offset 0: expected a record, an array [seq, value], found an integer; the input looks"
        + " like text, not records: put reader in front, e.g. 'reader FILE | summer', or use 'summer --text'\n",
        run.stderr());
  }

  @Test
  void nestedArrayIsRefused() {
    ToolRun run = ToolRun.of(new SummerCommand(), Hex.decode("82 03 82 01 81 02"));
    assertEquals("summer: record seq 3 (byte offset 0): expected an array of integers, found an array inside the array\n",
        run.stderr());
  }

  @Test
  void upstreamAbortMarkIsPassedOn() {
    ToolRun run = ToolRun.of(new SummerCommand(), Hex.decode("82 00 81 05 ff"));
    assertEquals(1, run.status());
    assertEquals("82 00 05 ff", Hex.encode(run.stdoutBytes()));
    assertEquals("summer: input ends with an abort mark at byte offset 4: an earlier stage failed\n", run.stderr());
  }

  @Test
  void truncatedInputIsAnErrorAfterTheWholeRecords() {
    ToolRun run = ToolRun.of(new SummerCommand(), Hex.decode("82 00 81 05 82 01 82 01"));
    assertEquals(1, run.status());
    assertEquals("82 00 05 ff", Hex.encode(run.stdoutBytes()));
    assertEquals("summer: truncated record at byte offset 4: input ends at byte offset 8 inside it\n", run.stderr());
  }

  @Test
  void unknownOptionIsAUsageError() {
    ToolRun run = ToolRun.of(new SummerCommand(), new byte[0], "--bogus");
    assertEquals(2, run.status());
    assertEquals("summer: unknown option '--bogus'\nTry 'summer --help' for more information.\n", run.stderr());
  }
}
