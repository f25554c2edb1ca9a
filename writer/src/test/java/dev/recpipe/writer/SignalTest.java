package dev.recpipe.writer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.recpipe.common.testing.Hex;
import java.io.File;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * {@code -o FILE} in a real JVM that gets SIGINT or SIGTERM part way through its input: the
 * shutdown hook deletes the temporary file and FILE keeps its old content.
 */
class SignalTest {
  @TempDir Path dir;

  @ParameterizedTest
  @CsvSource({"INT, 130", "TERM, 143"})
  void signalDiscardsTheTemporaryFile(String signal, int expectedStatus) throws Exception {
    // a JVM started with SIGINT ignored (as a shell's background job is, under nohup) keeps it ignored
    Assumptions.assumeFalse(signal.equals("INT") && sigintIgnored(),
        "SIGINT is ignored in this process (started as a background job?), so the writer would ignore it too");
    Path out = dir.resolve("sums.csv");
    Files.writeString(out, "old\n");
    Process writer = startWriter(out);
    try (OutputStream stdin = writer.getOutputStream()) {
      stdin.write(Hex.decode("82 00 06 82 01 0f"));
      stdin.flush();
      awaitFileCount(2); // sums.csv and the temporary file
      kill(signal, writer.pid());
      assertTrue(writer.waitFor(30, TimeUnit.SECONDS), "writer did not exit");
    } finally {
      writer.destroyForcibly();
    }
    assertEquals(expectedStatus, writer.exitValue());
    assertEquals(List.of("sums.csv"), files());
    assertEquals("old\n", Files.readString(out));
  }

  /** Whether SIGINT (2) is in this process's ignored set, which children inherit: /proc/self/status's SigIgn. */
  private static boolean sigintIgnored() throws IOException {
    for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
      if (line.startsWith("SigIgn:")) return (Long.parseLong(line.substring(7).trim(), 16) & (1L << 1)) != 0;
    }
    return false;
  }

  private Process startWriter(Path out) throws IOException {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    return new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
            WriterCommand.class.getName(), "-o", out.toString())
        .redirectOutput(ProcessBuilder.Redirect.DISCARD)
        .redirectError(ProcessBuilder.Redirect.INHERIT)
        .start();
  }

  private static void kill(String signal, long pid) throws Exception {
    Process kill = new ProcessBuilder("kill", "-" + signal, Long.toString(pid)).inheritIO().start();
    assertEquals(0, kill.waitFor());
  }

  private void awaitFileCount(int count) throws Exception {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    while (files().size() != count) {
      assertTrue(System.nanoTime() < deadline, "files: " + files());
      Thread.sleep(10);
    }
  }

  private List<String> files() throws IOException {
    try (Stream<Path> listing = Files.list(dir)) {
      return listing.map(path -> path.getFileName().toString()).sorted().collect(Collectors.toList());
    }
  }
}
