package dev.recpipe.examples;

import static dev.recpipe.examples.Shell.bash;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.recpipe.examples.Shell.Result;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The examples in examples/, run as a user runs them, each checked against an independent
 * computation of the same result: awk, or recpipe's own serial pipeline {@code reader | summer |
 * writer}, never against output pasted from a run.
 */
@Timeout(300)
class ExamplesIT {
  private static final Path EXAMPLES = Shell.ROOT.resolve("examples");
  private static final String ROWS = EXAMPLES.resolve("data/rows.csv").toString();
  private static final String AWK_SUMS = "awk -F, '{ s = 0; for (i = 1; i <= NF; i++) s += $i; print NR - 1 \",\" s }'";

  /** Inputs the tests share, made once. */
  @TempDir static Path shared;
  @TempDir Path dir;

  @BeforeAll
  static void makeInputs() throws Exception {
    Result made = bash(shared, "gencsv 100000 10 21 > generated.csv");
    assertEquals(0, made.status(), made.stderr());
  }

  // ---- sum-rows.sh: the canonical job as a script

  @Test
  void sumRowsScriptEqualsAwkOnTheExampleFile() throws Exception {
    Result result = bash(dir, script("sum-rows.sh") + " '" + ROWS + "' | cmp - <(" + AWK_SUMS + " '" + ROWS + "') && echo same");
    assertEquals(new Result(0, "same\n", ""), result);
  }

  @Test
  void sumRowsScriptEqualsAwkOnAGeneratedFileAndOnStdin() throws Exception {
    Result result = bash(shared, AWK_SUMS + " generated.csv > '" + dir + "/expected.csv'"
        + " && " + script("sum-rows.sh") + " generated.csv | cmp - '" + dir + "/expected.csv'"
        + " && " + script("sum-rows.sh") + " < generated.csv | cmp - '" + dir + "/expected.csv' && echo same");
    assertEquals(new Result(0, "same\n", ""), result);
  }

  @Test
  void sumRowsScriptFailsOnABadRowWithTheReadersMessage() throws Exception {
    Files.writeString(dir.resolve("bad.csv"), "1,2\n3,4\n5,abc\n7,8\n");
    Result result = bash(dir, script("sum-rows.sh") + " bad.csv > /dev/null");
    assertEquals(1, result.status(), result.stderr());
    assertTrue(result.stderr().contains("reader: bad.csv:3:2: expected an integer, found \"abc\"\n"), result.stderr());
  }

  @Test
  void sumRowsScriptUsesTheToolsOfItsSourceTreeWhenNoneAreOnPath() throws Exception {
    // Shell puts bin/ first on PATH; take it off again
    Result result = bash(dir, "PATH=\"${PATH#*:}\"; " + script("sum-rows.sh") + " '" + ROWS + "'"
        + " | cmp - <(" + AWK_SUMS + " '" + ROWS + "') && echo same");
    assertEquals(new Result(0, "same\n", ""), result);
  }

  // ---- references and inputs

  private static String script(String name) {
    return "'" + EXAMPLES.resolve(name) + "'";
  }
}
