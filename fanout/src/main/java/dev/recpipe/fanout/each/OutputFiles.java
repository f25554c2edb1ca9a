package dev.recpipe.fanout.each;

import dev.recpipe.common.IoErrors;
import dev.recpipe.common.RecpipeException;
import dev.recpipe.fanout.pipes.Posix;
import dev.recpipe.fanout.workers.PipeDirectory;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Where the processes of {@code fanout --each} write their stdout: each into a file of its own, with
 * no name anywhere once the process runs, so nothing is left behind however fanout ends, and a
 * process that leaves a child writing to it behind spoils no other record's output.
 *
 * <p>The file is made by {@code memfd_create}, in memory, and handed to the JDK by its path {@code
 * /proc/self/fd/N}, valid until the process has started. That is most of the cost of a file for
 * every record gone: a file in {@code $TMPDIR} took a private directory made and removed (as {@link
 * PipeDirectory} does for pipes) and an inode made and freed on disk, each journaled, about 0.15 ms
 * of fanout's CPU a record on ext4 (bench/results/each.md). Where memfd or /proc is missing, the
 * files are made that way, in {@code $TMPDIR}. An output waits in its file until its record's turn
 * ({@link EachRun}): made in memory, that is memory outside fanout's heap, up to the window's 4 × N
 * outputs, as files in a {@code $TMPDIR} on tmpfs would be.
 */
final class OutputFiles {
  /** A started process and the file its stdout goes to, opened to read. */
  record Started(Process process, FileChannel output) {}

  private final PipeDirectory directory;
  private volatile boolean inMemory = true;

  /** Files in memory, or else in fresh private directories of {@code directory}. */
  OutputFiles(PipeDirectory directory) {
    this(directory, true);
  }

  /** With {@code inMemory} false, files in {@code directory} only: the way where memfd is missing, for tests. */
  OutputFiles(PipeDirectory directory, boolean inMemory) {
    this.directory = directory;
    this.inMemory = inMemory;
  }

  /** Whether the files are made in memory (so far: a failure to make one there turns it off). */
  boolean inMemory() {
    return inMemory;
  }

  /**
   * Starts {@code builder}'s process with its stdout into a new file.
   *
   * @throws IOException the JDK's when the process can't start; a {@link RecpipeException} when the
   *     file can't be made
   */
  Started start(ProcessBuilder builder, Processes processes) throws IOException {
    if (inMemory) {
      int fd = memoryFile();
      if (fd >= 0) return startInMemory(fd, builder, processes);
    }
    return startInDirectory(builder, processes);
  }

  /** A new memory file's descriptor, or -1, from now on, if the system makes none. */
  private int memoryFile() {
    try {
      return Posix.memoryFile("fanout-each");
    } catch (IOException | RuntimeException | LinkageError none) {
      inMemory = false;
      return -1;
    }
  }

  private Started startInMemory(int fd, ProcessBuilder builder, Processes processes) throws IOException {
    Path path = Path.of("/proc/self/fd/" + fd);
    FileChannel output = null;
    try {
      try {
        output = FileChannel.open(path, StandardOpenOption.READ);
      } catch (IOException noProc) {
        inMemory = false;
        return startInDirectory(builder, processes);
      }
      Started started = new Started(processes.start(builder.redirectOutput(path.toFile())), output);
      output = null;
      return started;
    } finally {
      closeQuietly(output);
      Posix.close(fd); // the channel and the process hold the file now
    }
  }

  private Started startInDirectory(ProcessBuilder builder, Processes processes) throws IOException {
    return directory.within(path -> {
      Path file = path.resolve("out");
      FileChannel output = open(file);
      try {
        return new Started(processes.start(builder.redirectOutput(file.toFile())), output);
      } catch (IOException | RuntimeException e) {
        closeQuietly(output);
        throw e;
      }
    });
  }

  private FileChannel open(Path file) throws RecpipeException {
    try {
      return FileChannel.open(file, StandardOpenOption.CREATE_NEW, StandardOpenOption.READ, StandardOpenOption.WRITE);
    } catch (IOException e) {
      throw new RecpipeException("cannot make an output file in " + directory.parent() + ": " + IoErrors.reason(e), e);
    }
  }

  private static void closeQuietly(FileChannel output) {
    if (output == null) return;
    try {
      output.close();
    } catch (IOException ignored) {
      // a file with no name: nothing is lost
    }
  }
}
