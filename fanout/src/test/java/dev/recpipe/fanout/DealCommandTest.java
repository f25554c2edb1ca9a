package dev.recpipe.fanout;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.recpipe.common.testing.Hex;
import dev.recpipe.common.testing.ToolRun;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** {@code fanout deal}: CSV where records should be gets the hint every stage gives, and the pipes end with the abort mark. */
@Timeout(60)
class DealCommandTest {
  @TempDir Path dir;

  @Test
  void csvOnStdinIsRefusedWithAHintToPutReaderInFront() throws IOException {
    Path a = Files.createFile(dir.resolve("a"));
    ToolRun run = ToolRun.of(new FanoutCommand(), "1,2,3\n".getBytes(StandardCharsets.US_ASCII), "deal", a.toString());
    assertEquals("fanout: byte offset 0: expected a record, an array [seq, value], found an integer; the input"
        + " looks like text, not records: put reader in front, e.g. 'reader FILE | fanout deal'\n", run.stderr());
    assertEquals(1, run.status());
    assertEquals("ff", Hex.encode(Files.readAllBytes(a)));
  }

  /**
   * A regular file dealt to ("Named pipes (or files)") was written over from its start and not cut:
   * dealing two records into the files of an earlier, longer deal left that deal's later bytes after
   * them, which a reader then took for more records of this one.
   */
  @Test
  void aFileDealtToHoldsThisDealAloneNotTheEndOfAnEarlierOne() throws IOException {
    Path a = Files.write(dir.resolve("a"), Hex.decode("82 00 01 82 02 02 82 04 03 82 06 04"));
    Path b = Files.write(dir.resolve("b"), Hex.decode("82 01 01 82 03 02 82 05 03 82 07 04"));
    ToolRun run = ToolRun.of(new FanoutCommand(), Hex.decode("82 00 05 82 01 06"), "deal", "-b", "1", a.toString(), b.toString());
    assertEquals(0, run.status(), run.stderr());
    assertEquals("82 00 05", Hex.encode(Files.readAllBytes(a)));
    assertEquals("82 01 06", Hex.encode(Files.readAllBytes(b)));
  }

  /**
   * One file named twice, under one name or two: each outlet wrote it through a descriptor of its
   * own, from offset 0, over the other's batches. `fanout deal f ./f` of 20 records exited 0 and left
   * 10 in f, whole records that a reader took for all of them. Now a usage error before any record.
   */
  @Test
  void theSameFileNamedTwiceIsAUsageError() throws IOException {
    Path a = Files.createFile(dir.resolve("a"));
    ToolRun run = ToolRun.of(new FanoutCommand(), Hex.decode("82 00 05 82 01 06"), "deal", "-b", "1", a.toString(),
        dir.resolve(".").resolve("a").toString());
    assertEquals("fanout: PIPE 1 and PIPE 2 are the same file, " + a + ": each pipe must be a file of its own\n"
        + "Try 'fanout deal --help' for more information.\n", run.stderr());
    assertEquals(2, run.status());
    assertEquals(0, Files.size(a), "not opened: untouched");
  }
}
