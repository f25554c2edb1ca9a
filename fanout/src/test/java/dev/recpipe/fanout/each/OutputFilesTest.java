package dev.recpipe.fanout.each;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.recpipe.fanout.workers.PipeDirectory;
import java.io.File;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
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
      OutputFiles files = new OutputFiles(directory, 1, inMemory);
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
      OutputFiles files = new OutputFiles(directory, 1, inMemory);
      assertEquals("first\n", read(files.start(sh("(sleep 0.2; echo late; echo later) & echo first"), processes)));
      OutputFiles.Started second = files.start(sh("sleep 0.6; echo second"), processes);
      assertEquals("second\n", read(second));
      assertTrue(files.inMemory() == inMemory);
    }
  }

  /**
   * The files made ahead of the next starts, one a thread at most, go when the files are closed:
   * each is a descriptor of the memory file and fanout's channel to it.
   */
  @Test
  void theFilesMadeAheadAreOneAThreadAndGoAtClose() throws Exception {
    try (PipeDirectory directory = PipeDirectory.create(parent); Processes processes = new Processes(Duration.ofSeconds(1))) {
      long before = openDescriptors();
      try (OutputFiles files = new OutputFiles(directory, 2)) {
        files.prepareSpare();
        files.prepareSpare();
        files.prepareSpare();
        assertEquals(before + 4, openDescriptors(), "two files made ahead, each a memfd and a channel");
        // stdin from /dev/null: a pipe to it would be one more descriptor, until the JDK closes it after the exit
        ProcessBuilder echo = sh("echo one").redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
        assertEquals("one\n", read(files.start(echo, processes)));
        assertEquals(before + 4, openDescriptors(), "the start took one file made ahead and made another");
      }
      assertEquals(before, openDescriptors());
    }
  }

  private static long openDescriptors() throws IOException {
    try (Stream<Path> fds = Files.list(Path.of("/proc/self/fd"))) {
      return fds.count() - 1; // less the listing's own
    }
  }
}
