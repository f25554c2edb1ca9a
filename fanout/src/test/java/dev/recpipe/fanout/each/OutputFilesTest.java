package dev.recpipe.fanout.each;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.recpipe.fanout.workers.PipeDirectory;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.stream.Stream;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The files --each's processes write their stdout to, in memory (memfd) and in $TMPDIR alike. */
@Timeout(30)
class OutputFilesTest {
  @TempDir Path parent;

  private static String read(OutputFiles.Started started) throws IOException, InterruptedException {
    assertEquals(0, started.process().waitFor());
    ByteBuffer bytes = ByteBuffer.allocate((int) started.output().size());
    while (bytes.hasRemaining() && started.output().read(bytes, bytes.position()) >= 0) {
      // positional reads, to the end
    }
    started.output().close();
    return new String(bytes.array(), StandardCharsets.UTF_8);
  }

  private static ProcessBuilder sh(String script) {
    return new ProcessBuilder("sh", "-c", script).redirectError(ProcessBuilder.Redirect.INHERIT);
  }

  @ParameterizedTest(name = "in memory: {0}")
  @ValueSource(booleans = {true, false})
  void aProcessesStdoutIsReadFromItsFileWhichLeavesNothingBehind(boolean inMemory) throws Exception {
    try (PipeDirectory directory = PipeDirectory.create(parent); Processes processes = new Processes(Duration.ofSeconds(1))) {
      OutputFiles files = new OutputFiles(directory, inMemory);
      assertEquals("one\ntwo\n", read(files.start(sh("echo one; echo two"), processes)));
      assertEquals("", read(files.start(sh("true"), processes)));
      assertEquals(inMemory, files.inMemory(), "memfd_create works on Linux 3.17 and later");
      try (Stream<Path> left = Files.list(parent)) {
        assertEquals(0, left.count());
      }
    }
  }

  /** A process that leaves a child writing to its stdout spoils no later process's output: each has a file of its own. */
  @ParameterizedTest(name = "in memory: {0}")
  @ValueSource(booleans = {true, false})
  void aChildLeftWritingBehindSpoilsNoOtherOutput(boolean inMemory) throws Exception {
    try (PipeDirectory directory = PipeDirectory.create(parent); Processes processes = new Processes(Duration.ofSeconds(1))) {
      OutputFiles files = new OutputFiles(directory, inMemory);
      assertEquals("first\n", read(files.start(sh("(sleep 0.2; echo late; echo later) & echo first"), processes)));
      OutputFiles.Started second = files.start(sh("sleep 0.6; echo second"), processes);
      assertEquals("second\n", read(second));
      assertTrue(files.inMemory() == inMemory);
    }
  }
}
