package dev.recpipe.fanout;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.recpipe.common.testing.Hex;
import dev.recpipe.common.testing.ToolRun;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Seq 2^63-1, the largest FORMAT.md allows, goes through like any other (issue 10, item 4). */
@Timeout(60)
class LargestSeqTest {
  private static final String MAX = "1b 7f ff ff ff ff ff ff ff";
  /** [0, 5], [2^63-1, 7]: the example. */
  private static final String INPUT = "82 00 05 82 " + MAX + " 07";

  @TempDir Path dir;

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"-n 2", "-n 2 -b 1", "-n 1", "-n 2 -b 1 --retries 1", "-n 2 -b 1 --buffer 0",
      "-n 3 -b 1 --dispatch ready"})
  void fanoutWritesIt(String options) {
    ToolRun run = ToolRun.of(new FanoutCommand(), Hex.decode(INPUT), (options + " cat").split(" "));
    assertEquals("", run.stderr());
    assertEquals(0, run.status());
    assertEquals(INPUT, Hex.encode(run.stdoutBytes()));
  }

  @Test
  void unorderedWritesIt() {
    ToolRun run = ToolRun.of(new FanoutCommand(), Hex.decode(INPUT), "-n", "2", "-b", "1", "--unordered", "cat");
    assertEquals(0, run.status());
    String out = Hex.encode(run.stdoutBytes());
    assertTrue(out.equals(INPUT) || out.equals("82 " + MAX + " 07 82 00 05"), out);
  }

  @Test
  void severalRecordsWithIt() {
    String input = INPUT + " 82 " + MAX + " 08 82 " + MAX + " 09";
    ToolRun run = ToolRun.of(new FanoutCommand(), Hex.decode(input), "-n", "3", "-b", "1", "cat");
    assertEquals("", run.stderr());
    assertEquals(0, run.status());
    assertEquals(input, Hex.encode(run.stdoutBytes()));
  }

  @Test
  void mergeWritesIt() throws IOException {
    Path a = Files.write(dir.resolve("a"), Hex.decode("82 00 05"));
    Path b = Files.write(dir.resolve("b"), Hex.decode("82 " + MAX + " 07"));
    ToolRun run = ToolRun.of(new FanoutCommand(), new byte[0], "merge", b.toString(), a.toString());
    assertEquals("", run.stderr());
    assertEquals(0, run.status());
    assertEquals(INPUT, Hex.encode(run.stdoutBytes()));
  }
}
