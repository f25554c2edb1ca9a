package dev.recpipe.fanout.each;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.recpipe.fanout.pipes.Fifos;
import java.io.FileInputStream;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** The processes of --each and how they are stopped, starts under way included. */
@Timeout(60)
class ProcessesTest {
  @TempDir Path dir;

  /**
   * The N threads start processes outside the lock, so {@link Processes#close()} can begin while a
   * start is under way: it waits for it, and stops that process too. The start is held in the JDK's
   * open of its stdout, a named pipe nobody reads yet.
   */
  @Test
  void aProcessWhoseStartIsUnderWayWhenTheStopBeginsIsStoppedToo() throws Exception {
    Path fifo = dir.resolve("out");
    Fifos.forOwnPipes().mkfifo(fifo.toString());
    Processes processes = new Processes(Duration.ofSeconds(10));
    CompletableFuture<Process> started = CompletableFuture.supplyAsync(() -> {
      try {
        return processes.start(new ProcessBuilder("sleep", "60").redirectOutput(fifo.toFile()));
      } catch (IOException e) {
        throw new RuntimeException(e);
      }
    });
    while (processes.startsUnderWay() == 0) Thread.onSpinWait();
    CompletableFuture<Void> closed = CompletableFuture.runAsync(processes::close);
    while (!processes.isClosing()) Thread.onSpinWait();
    assertFalse(closed.isDone(), "close() waits for the start under way");
    try (FileInputStream reader = new FileInputStream(fifo.toFile())) { // lets the start go on
      Process process = started.get();
      try {
        closed.get();
        assertTrue(process.waitFor(20, TimeUnit.SECONDS), "stopped by close(), not left running");
        assertEquals(143, process.exitValue(), "by SIGTERM");
      } finally {
        process.destroyForcibly();
      }
    }
    IOException refused = assertThrows(IOException.class, () -> processes.start(new ProcessBuilder("true")));
    assertEquals("fanout is stopping", refused.getMessage());
  }
}
