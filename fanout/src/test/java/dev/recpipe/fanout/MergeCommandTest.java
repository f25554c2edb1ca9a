package dev.recpipe.fanout;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.recpipe.common.testing.Hex;
import dev.recpipe.common.testing.ToolRun;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** {@code fanout merge}: what it can't read is named, as every stage names its input. */
@Timeout(60)
class MergeCommandTest {
  @TempDir Path dir;

  /** A directory given as a PIPE failed the run as "fanout: Is a directory", naming nothing. */
  @Test
  void aPipeThatCannotBeReadIsNamed() throws IOException {
    Path records = Files.write(dir.resolve("a"), Hex.decode("82 00 01"));
    Path folder = Files.createDirectory(dir.resolve("b"));
    ToolRun run = ToolRun.of(new FanoutCommand(), new byte[0], "merge", records.toString(), folder.toString());
    assertEquals("fanout: " + folder + ": Is a directory\n", run.stderr());
    assertEquals(1, run.status());
  }
}
