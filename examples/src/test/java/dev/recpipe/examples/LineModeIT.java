package dev.recpipe.examples;

import static dev.recpipe.examples.Shell.bash;
import static dev.recpipe.examples.Shell.sh;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.recpipe.examples.Shell.Result;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Line mode end to end, through the real launchers in real shell pipelines: {@code reader --lines}
 * and {@code writer -f lines} around record stages, so a stage runs where only lines flow.
 */
class LineModeIT {
  @TempDir Path dir;

  @BeforeEach
  void makeInput() throws Exception {
    Files.write(dir.resolve("lines.txt"), RandomLines.generate(200_000, 42));
  }

  @Test
  void roundTripGivesBackTheFileByteForByte() throws Exception {
    Result result = sh(dir, "reader --lines lines.txt | writer -f lines > out.txt"
        + " && cmp lines.txt out.txt && wc -l < out.txt");
    assertEquals(new Result(0, "200000\n", ""), result);
  }

  @Test
  void roundTripThroughFanoutWithCatAsTheStage() throws Exception {
    Result result = sh(dir, "reader --lines lines.txt | fanout -n 2 -b 100 cat | writer -f lines > out.txt"
        + " && cmp lines.txt out.txt && echo same");
    assertEquals(new Result(0, "same\n", ""), result);
  }

  @Test
  void stdinAndFilesContinueOneNumbering() throws Exception {
    Files.writeString(dir.resolve("a.txt"), "a1\n\na3");
    Files.writeString(dir.resolve("b.txt"), "b1\r\n");
    Result result = sh(dir, "printf 'in\\n' | reader --lines a.txt - b.txt | writer -f jsonl");
    assertEquals(new Result(0, "{\"seq\":0,\"value\":\"a1\"}\n{\"seq\":1,\"value\":\"\"}\n{\"seq\":2,\"value\":\"a3\"}\n"
        + "{\"seq\":3,\"value\":\"in\"}\n{\"seq\":4,\"value\":\"b1\"}\n", ""), result);
  }

  @Test
  void invalidUtf8FailsThePipelineNamingFileLineAndOffset() throws Exception {
    Files.write(dir.resolve("bad.txt"), new byte[] {'o', 'k', '\n', 'a', 'b', (byte) 0xff, 'c', '\n', 'z', '\n'});
    Result result = bash(dir, "set -o pipefail; reader --lines bad.txt | writer -f lines -o out.txt; echo \"status $?\"; ls -A");
    assertEquals("status 1\nbad.txt\nlines.txt\n", result.stdout());
    assertEquals("reader: bad.txt:2: invalid UTF-8 at byte offset 5: expected the first byte of a UTF-8 character, found 0xff\n"
        + "writer: input ends with an abort mark at byte offset 5: an earlier stage failed\n", result.stderr());
  }

  @Test
  void invalidUtf8ThroughFanout() throws Exception {
    Files.write(dir.resolve("bad.txt"), new byte[] {'o', 'k', '\n', (byte) 0xc3, '(', '\n', 'z', '\n'});
    Result result = bash(dir, "set -o pipefail; cat lines.txt bad.txt | reader --lines | fanout -n 2 cat | writer -f lines > out.txt;"
        + " echo \"status $?\"");
    assertEquals("status 1\n", result.stdout());
    // as in a serial pipeline, every line before the bad one comes out, then the run fails
    assertEquals(Files.readString(dir.resolve("lines.txt")) + "ok\n", Files.readString(dir.resolve("out.txt")));
    assertTrue(result.stderr().startsWith("reader: stdin:200002: invalid UTF-8 at byte offset "
        + (Files.size(dir.resolve("lines.txt")) + 3) + ": expected a byte 0x80-0xbf after 0xc3, found 0x28\n"), result.stderr());
    assertTrue(result.stderr().contains("writer: input ends with an abort mark"), result.stderr());
  }

  @Test
  void textWithANewlineFailsWriterAndLeavesNoFile() throws Exception {
    // [0, "a"] [1, "b\nc"]: 82 00 61 61, then 82 01 63 62 0a 63 at byte offset 4
    Result result = bash(dir, "set -o pipefail; printf '\\202\\000\\141a\\202\\001\\143b\\nc' | writer -f lines -o out.txt;"
        + " echo \"status $?\"; ls -A");
    assertEquals("status 1\nlines.txt\n", result.stdout());
    assertEquals("writer: record seq 1 (byte offset 4): -f lines cannot write text that contains a newline; use -f jsonl\n",
        result.stderr());
  }

  @Test
  void csvOptionsWithLinesAreUsageErrors() throws Exception {
    Result result = sh(dir, "reader --lines -H lines.txt");
    assertEquals(new Result(2, Shell.ABORT_MARK, "reader: --header is for CSV input; it cannot be used with --lines\n"
        + "Try 'reader --help' for more information.\n"), result);
  }

  @Test
  void theHelpExampleRunsAStageOnEachNamedFile() throws Exception {
    Path runs = Files.createDirectory(dir.resolve("runs"));
    Files.writeString(runs.resolve("a.csv"), "1,2\n");
    Files.writeString(runs.resolve("b.csv"), "3,4\n5,6\n");
    Files.writeString(dir.resolve("my-stage"), "#!/bin/sh\nexec cat\n");
    assertTrue(dir.resolve("my-stage").toFile().setExecutable(true));
    Result result = sh(dir, "PATH=\"$PWD:$PATH\"; ls runs/*.csv | reader --lines - | fanout -n 4 my-stage | writer -f lines");
    assertEquals(new Result(0, "runs/a.csv\nruns/b.csv\n", ""), result);
    assertFalse(result.stdout().contains("\r"));
  }
}
