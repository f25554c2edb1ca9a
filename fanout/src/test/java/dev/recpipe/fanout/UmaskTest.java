package dev.recpipe.fanout;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.recpipe.common.testing.Hex;
import dev.recpipe.common.testing.ToolRun;
import dev.recpipe.fanout.testing.Umask;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * fanout runs, spills and restarts workers under any umask: its pipes' modes are set, not masked
 * (issue 10, item 11; as root, which opens any file, PipeDirectoryTest checks the modes themselves).
 */
@Timeout(60)
class UmaskTest {
  private static final String INPUT = "82 00 01 82 01 02 82 02 03 82 03 04";

  @ParameterizedTest(name = "umask {0}")
  @ValueSource(ints = {0177, 0277, 0777})
  void fanoutWorksUnderAnyUmask(int umask) throws Exception {
    Umask.under(umask, () -> {
      ToolRun run = ToolRun.of(new FanoutCommand(), Hex.decode(INPUT), "-n", "2", "-b", "1", "--buffer", "0",
          "--retries", "1", "cat");
      assertEquals("", run.stderr());
      assertEquals(0, run.status());
      assertEquals(INPUT, Hex.encode(run.stdoutBytes()));
    });
  }
}
