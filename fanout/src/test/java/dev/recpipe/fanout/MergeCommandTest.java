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

  /**
   * One file named twice, as deal refuses it: a regular file's records came out twice, exit 0, for
   * what is most likely a slip (`sa sa` for `sa sb`); a FIFO's bytes were split between two readers,
   * and the error spoke of a record that was not one.
   */
  @Test
  void theSameFileNamedTwiceIsAUsageError() throws IOException {
    Path records = Files.write(dir.resolve("a"), Hex.decode("82 00 01"));
    ToolRun run = ToolRun.of(new FanoutCommand(), new byte[0], "merge", records.toString(),
        dir.resolve(".").resolve("a").toString());
    assertEquals("fanout: PIPE 1 and PIPE 2 are the same file, " + records + ": each pipe must be a file of its own\n"
        + "Try 'fanout --help' for more information.\n", run.stderr());
    assertEquals(2, run.status());
  }
}
