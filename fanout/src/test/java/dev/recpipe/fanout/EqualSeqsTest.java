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
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Records that share a seq (the output of a stage that splits records) keep their input order through
 * fanout, {@code fanout deal} and {@code fanout merge}, however the batches cut them (issue 10, item 3).
 */
@Timeout(60)
class EqualSeqsTest {
  /** a b c d e f, with seqs 0 1 2 2 2 2: the example. */
  private static final String SPLIT = "82 00 61 61 82 01 61 62 82 02 61 63 82 02 61 64 82 02 61 65 82 02 61 66";

  @TempDir Path dir;

  @ParameterizedTest(name = "-n {0} -b {1} --dispatch {2}")
  @CsvSource({"2, 2, round-robin", "2, 2, ready", "2, 1, round-robin", "2, 1, ready", "3, 1, round-robin",
      "8, 1, ready", "1, 1, round-robin"})
  void recordsSharingASeqComeOutInInputOrder(int workers, int batch, String dispatch) {
    ToolRun run = ToolRun.of(new FanoutCommand(), Hex.decode(SPLIT), "-n", "" + workers, "-b", "" + batch,
        "--dispatch", dispatch, "cat");
    assertEquals("", run.stderr());
    assertEquals(0, run.status());
    assertEquals(SPLIT, Hex.encode(run.stdoutBytes()));
  }

  @Test
  void sameWithRetriesAndSpilling() {
    ToolRun run = ToolRun.of(new FanoutCommand(), Hex.decode(SPLIT), "-n", "3", "-b", "1", "--retries", "2",
        "--buffer", "0", "cat");
    assertEquals("", run.stderr());
    assertEquals(0, run.status());
    assertEquals(SPLIT, Hex.encode(run.stdoutBytes()));
  }

  @Test
  void dealGivesABatchThatGoesOnWithTheLastSeqToTheSameWorker() throws IOException {
    Path a = Files.createFile(dir.resolve("a"));
    Path b = Files.createFile(dir.resolve("b"));
    ToolRun run = ToolRun.of(new FanoutCommand(), Hex.decode(SPLIT), "deal", "-b", "2", a.toString(), b.toString());
    assertEquals("", run.stderr());
    assertEquals(0, run.status());
    assertEquals("82 00 61 61 82 01 61 62", Hex.encode(Files.readAllBytes(a)));
    assertEquals("82 02 61 63 82 02 61 64 82 02 61 65 82 02 61 66", Hex.encode(Files.readAllBytes(b)));
  }

  @Test
  void theDefaultBatchSizeCutsEveryRecordApartYetKeepsASeqWithOneWorker() throws IOException {
    Path a = Files.createFile(dir.resolve("a"));
    Path b = Files.createFile(dir.resolve("b"));
    ToolRun run = ToolRun.of(new FanoutCommand(), Hex.decode(SPLIT), "deal", a.toString(), b.toString());
    assertEquals("", run.stderr());
    assertEquals(0, run.status());
    assertEquals("82 00 61 61 82 02 61 63 82 02 61 64 82 02 61 65 82 02 61 66", Hex.encode(Files.readAllBytes(a)));
    assertEquals("82 01 61 62", Hex.encode(Files.readAllBytes(b)));
    run = ToolRun.of(new FanoutCommand(), Hex.decode(SPLIT), "-n", "3", "cat");
    assertEquals("", run.stderr());
    assertEquals(SPLIT, Hex.encode(run.stdoutBytes()));
  }

  @Test
  void mergeWritesEqualSeqsOfSeveralInputsLowestInputFirst() throws IOException {
    Path a = Files.write(dir.resolve("a"), Hex.decode("82 01 61 61 82 02 61 63"));
    Path b = Files.write(dir.resolve("b"), Hex.decode("82 01 61 62 82 02 61 64"));
    ToolRun run = ToolRun.of(new FanoutCommand(), new byte[0], "merge", b.toString(), a.toString());
    assertEquals("", run.stderr());
    assertEquals(0, run.status());
    assertEquals("82 01 61 62 82 01 61 61 82 02 61 64 82 02 61 63", Hex.encode(run.stdoutBytes()));
  }
}
