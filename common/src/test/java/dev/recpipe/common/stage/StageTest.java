package dev.recpipe.common.stage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.recpipe.common.cli.Streams;
import dev.recpipe.common.cli.Tool;
import dev.recpipe.common.testing.Hex;
import dev.recpipe.common.testing.ToolRun;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A stage written as one function: what it emits, and how it fails, as a user sees it. */
class StageTest {
  private static final Stage UPPER = (value, out) -> out.emit(value.readText().toUpperCase());

  /** ["a", "bc"] as records 0 and 1. */
  private static final String TWO_TEXTS = "82 00 61 61  82 01 62 62 63";

  @Test
  void emitsEachResultWithItsInputsSeq() {
    ToolRun run = ToolRun.of(StageCommand.of("upper", UPPER), Hex.decode(TWO_TEXTS));
    assertEquals(0, run.status(), run.stderr());
    assertEquals("82 00 61 41 82 01 62 42 43", Hex.encode(run.stdoutBytes()));
  }

  @Test
  void emittingNothingDropsARecordAndEmittingTwiceSplitsIt() {
    Stage lettersOfLongWords = (value, out) -> {
      String text = value.readText();
      if (text.length() < 2) return;
      for (char c : text.toCharArray()) out.emit(String.valueOf(c));
    };
    ToolRun run = ToolRun.of(StageCommand.of("letters", lettersOfLongWords), Hex.decode(TWO_TEXTS));
    assertEquals(0, run.status(), run.stderr());
    assertEquals("82 01 61 62 82 01 61 63", Hex.encode(run.stdoutBytes()));
  }

  @Test
  void emitsAnyValueTheReaderReturns() {
    Stage wrap = (value, out) -> out.emit(List.of(value.seq(), value.read(), -1L));
    ToolRun run = ToolRun.of(StageCommand.of("wrap", wrap), Hex.decode("82 05 f5"));
    assertEquals("82 05 83 05 f5 20", Hex.encode(run.stdoutBytes()));
  }

  @Test
  void anUnreadValueIsSkipped() {
    ToolRun run = ToolRun.of(StageCommand.of("count", (value, out) -> out.emit(1)), Hex.decode(TWO_TEXTS));
    assertEquals("82 00 01 82 01 01", Hex.encode(run.stdoutBytes()));
  }

  @Test
  void functionsExceptionNamesTheRecordAndEndsTheOutputWithTheAbortMark() {
    Stage failOnB = (value, out) -> {
      String text = value.readText();
      if (text.startsWith("b")) throw new IllegalArgumentException("no b words");
      out.emit(text);
    };
    ToolRun run = ToolRun.of(StageCommand.of("nob", failOnB), Hex.decode(TWO_TEXTS));
    assertEquals(1, run.status());
    assertEquals("82 00 61 61 ff", Hex.encode(run.stdoutBytes()));
    assertEquals("nob: record seq 1 (byte offset 4): java.lang.IllegalArgumentException: no b words\n",
        run.stderr());
  }

  @Test
  void verboseAddsTheFunctionsStackTrace() {
    Stage fail = (value, out) -> {
      throw new IllegalStateException("broken");
    };
    ToolRun run = ToolRun.of(StageCommand.of("fail", fail), Hex.decode(TWO_TEXTS), "--verbose");
    assertEquals(1, run.status());
    assertTrue(run.stderr().startsWith("fail: record seq 0 (byte offset 0): java.lang.IllegalStateException: broken\n"),
        run.stderr());
    assertTrue(run.stderr().contains("at dev.recpipe.common.stage.StageTest"), run.stderr());
  }

  @Test
  void aValueOfTheWrongShapeIsTheInputsFaultAndSaysSo() {
    ToolRun run = ToolRun.of(StageCommand.of("upper", UPPER), Hex.decode("82 00 61 61  82 01 01"));
    assertEquals(1, run.status());
    assertEquals("82 00 61 41 ff", Hex.encode(run.stdoutBytes()));
    assertEquals("upper: record seq 1 (byte offset 4): expected a text string, found an integer\n", run.stderr());
  }

  /** A stage without a text mode of its own is pointed at reader alone, by its own name. */
  @Test
  void textInsteadOfRecordsHintsAtReaderNamingTheStage() {
    ToolRun run = ToolRun.of(StageCommand.of("upper", UPPER), "name,count\napple,3\n".getBytes(StandardCharsets.UTF_8));
    assertEquals(1, run.status());
    assertEquals("upper: byte offset 0: expected a record, an array [seq, value], found a text string; the input"
        + " looks like text, not records: put reader in front, e.g. 'reader FILE | upper'\n", run.stderr());
  }

  @Test
  void badInputIsReportedAsTheReaderReportsIt() {
    ToolRun run = ToolRun.of(StageCommand.of("upper", UPPER), Hex.decode("82 00 61 61  82 01"));
    assertEquals(1, run.status());
    assertEquals("upper: truncated record at byte offset 4: input ends at byte offset 6 inside it\n", run.stderr());
  }

  @Test
  void closedStdoutIsAQuietBrokenPipe() {
    OutputStream closed = new OutputStream() {
      @Override
      public void write(int b) throws IOException {
        throw new IOException("Broken pipe");
      }
    };
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    byte[] input = Hex.decode("82 00 61 61 ".repeat(100_000));
    int status = Tool.run(StageCommand.of("upper", UPPER),
        new Streams(new ByteArrayInputStream(input), closed, new PrintStream(err, true, StandardCharsets.UTF_8)));
    assertEquals(141, status);
    assertEquals("", err.toString(StandardCharsets.UTF_8));
  }

  @Test
  void theGivenNameIsTheCommandsNameInHelpAndUsageErrors() {
    ToolRun help = ToolRun.of(StageCommand.of("upper", UPPER), new byte[0], "--help");
    assertEquals(0, help.status());
    assertTrue(help.stdout().startsWith("Usage: upper "), help.stdout());
    ToolRun bad = ToolRun.of(StageCommand.of("upper", UPPER), new byte[0], "--bogus");
    assertEquals(2, bad.status());
    assertEquals("upper: unknown option '--bogus'\nTry 'upper --help' for more information.\n", bad.stderr());
  }
}
