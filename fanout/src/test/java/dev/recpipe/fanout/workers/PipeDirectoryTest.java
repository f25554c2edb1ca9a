package dev.recpipe.fanout.workers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.recpipe.common.RecpipeException;
import dev.recpipe.fanout.pipes.Fifos;
import dev.recpipe.fanout.testing.Umask;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * fanout's private directory: there only while in use, removed however the use ends, and private
 * whatever the umask (issue 10, item 11).
 */
class PipeDirectoryTest {
  @TempDir Path parent;

  @Test
  void theDirectoryExistsOnlyWhileInUse() throws IOException {
    try (PipeDirectory directory = PipeDirectory.create(parent)) {
      Path used = directory.within(path -> {
        assertTrue(Files.isDirectory(path));
        Fifos.forOwnPipes().mkfifo(path.resolve("in-1").toString());
        return path;
      });
      assertTrue(used.startsWith(parent));
      assertEquals(List.of(), entries(parent));
    }
  }

  @Test
  void anErrorInUseLeavesNothingEither() throws IOException {
    // as when the JVM can't start a thread for a worker (a low ulimit -u): no shutdown hook could run then
    try (PipeDirectory directory = PipeDirectory.create(parent)) {
      OutOfMemoryError error = assertThrows(OutOfMemoryError.class, () -> directory.within(path -> {
        Fifos.forOwnPipes().mkfifo(path.resolve("in-1").toString());
        throw new OutOfMemoryError("unable to create native thread");
      }));
      assertEquals("unable to create native thread", error.getMessage());
      assertEquals(List.of(), entries(parent));
    }
  }

  @Test
  void closingDuringAUseWaitsForItRatherThanEmptyingTheDirectoryUnderIt() throws Exception {
    // a signal's cleanup while the workers start: the start is making FIFOs in the directory
    PipeDirectory directory = PipeDirectory.create(parent);
    java.util.concurrent.CountDownLatch inUse = new java.util.concurrent.CountDownLatch(1);
    java.util.concurrent.atomic.AtomicBoolean useEnded = new java.util.concurrent.atomic.AtomicBoolean();
    Thread start = new Thread(() -> {
      try {
        directory.within(path -> {
          inUse.countDown();
          for (int i = 0; i < 200 && !directory.isClosed(); i++) Fifos.forOwnPipes().mkfifo(path.resolve("in-" + i).toString());
          for (int i = 200; i < 220; i++) Fifos.forOwnPipes().mkfifo(path.resolve("in-" + i).toString()); // after close began
          useEnded.set(true);
          return null;
        });
      } catch (IOException e) {
        throw new java.io.UncheckedIOException(e);
      }
    });
    start.start();
    inUse.await();
    directory.close();
    assertTrue(useEnded.get(), "close returned before the use ended");
    start.join();
    assertEquals(List.of(), entries(parent));
  }

  @Test
  void closedItMakesNoMore() throws IOException {
    PipeDirectory directory = PipeDirectory.create(parent);
    directory.close();
    RecpipeException e = assertThrows(RecpipeException.class, () -> directory.within(path -> path));
    assertEquals("stopping: not making a directory for the pipes", e.getMessage());
    assertEquals(List.of(), entries(parent));
  }

  @Test
  void directoryAndPipesArePrivateAndUsableWhateverTheUmask() throws Exception {
    for (int umask : new int[] {0177, 0277, 0777, 0}) {
      String what = "umask " + Integer.toOctalString(umask);
      Umask.under(umask, () -> {
        try (PipeDirectory directory = PipeDirectory.create(parent)) {
          directory.within(path -> {
            assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(path)), what);
            Path fifo = path.resolve("in-1");
            Fifos.forOwnPipes().mkfifo(fifo.toString());
            assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(fifo)), what);
            return null;
          });
        }
      });
    }
  }

  private static List<String> entries(Path directory) throws IOException {
    try (Stream<Path> entries = Files.list(directory)) {
      return entries.map(Path::toString).toList();
    }
  }
}
