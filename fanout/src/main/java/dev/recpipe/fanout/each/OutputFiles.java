package dev.recpipe.fanout.each;

import dev.recpipe.common.IoErrors;
import dev.recpipe.common.RecpipeException;
import dev.recpipe.fanout.pipes.Posix;
import dev.recpipe.fanout.workers.PipeDirectory;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;

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
 *
 * <p>A memory file is made ahead, one for each thread that starts processes ({@link #prepareSpare}):
 * so its making (memfd_create through jnr, and the channel opened through /proc, about a tenth of a
 * millisecond) is not between one process's end and the next's start. A file made ahead has no
 * process yet, and is closed with the others ({@link #close}).
 */
final class OutputFiles implements AutoCloseable {
  /** A started process and the file its stdout goes to, opened to read. */
  record Started(Process process, FileChannel output) {}

  private final PipeDirectory directory;
  /**
   * The files kept open for each thread that starts processes: its running process's output (fanout's
   * channel to it) and a spare made ahead (its descriptor and a channel).
   */
  static final int FILES_PER_THREAD = 3;

  private volatile boolean inMemory = true;
  /** Memory files made ahead, for the next starts: at most one for each thread that starts processes. */
  private final ArrayDeque<MemoryFile> spares = new ArrayDeque<>();
  private final int maxSpares;
  private boolean closed;

  /**
   * Files in memory, or else in fresh private directories of {@code directory}; up to {@code
   * threads} of them made ahead, one for each thread that starts processes.
   */
  OutputFiles(PipeDirectory directory, int threads) {
    this(directory, threads, true);
  }

  /** With {@code inMemory} false, files in {@code directory} only: the way where memfd is missing, for tests. */
  OutputFiles(PipeDirectory directory, int threads, boolean inMemory) {
    if (threads < 1) throw new IllegalArgumentException("threads < 1: " + threads);
    this.directory = directory;
    this.maxSpares = threads;
    this.inMemory = inMemory;
  }

  /** Whether the files are made in memory (so far: a failure to make one there turns it off). */
  boolean inMemory() {
    return inMemory;
  }

  /**
   * Starts {@code builder}'s process with its stdout into a new file: a spare one made ahead, if
   * there is one, then makes a spare for the next start, while the process runs.
   *
   * @throws IOException the JDK's when the process can't start; a {@link RecpipeException} when the
   *     file can't be made
   */
  Started start(ProcessBuilder builder, Processes processes) throws IOException {
    MemoryFile file = takeSpare();
    if (file == null && inMemory) file = MemoryFile.make(this);
    if (file == null) return startInDirectory(builder, processes);
    Started started = file.start(builder, processes);
    prepareSpare();
    return started;
  }

  /**
   * Makes a memory file for a later {@link #start}, unless one is waiting or they can't be made:
   * so its memfd_create and open are done while a process runs (or before the first record comes,
   * which also binds memfd_create through jnr then), not between one process's end and the next's
   * start. At most one a thread waits: a thread makes one only after taking one.
   */
  void prepareSpare() {
    if (!inMemory) return;
    synchronized (this) {
      if (closed || spares.size() >= maxSpares) return;
    }
    MemoryFile file = MemoryFile.make(this);
    if (file == null) return;
    synchronized (this) {
      if (!closed && spares.size() < maxSpares) {
        spares.add(file);
        return;
      }
    }
    file.close();
  }

  private synchronized MemoryFile takeSpare() {
    return spares.poll();
  }

  /** Closes the spare files; one made after this is closed at once. */
  @Override
  public void close() {
    List<MemoryFile> left;
    synchronized (this) {
      closed = true;
      left = new ArrayList<>(spares);
      spares.clear();
    }
    left.forEach(MemoryFile::close);
  }

  /**
   * A memory file not yet written: its descriptor, which keeps it while no process holds it, and
   * fanout's channel to read it.
   */
  private static final class MemoryFile {
    private final int fd;
    private final Path path;
    private final FileChannel output;

    private MemoryFile(int fd, Path path, FileChannel output) {
      this.fd = fd;
      this.path = path;
      this.output = output;
    }

    /** A new memory file, or null (and {@code files} then makes them in directories) if the system makes none. */
    static MemoryFile make(OutputFiles files) {
      int fd;
      try {
        fd = Posix.memoryFile("fanout-each");
      } catch (IOException | RuntimeException | LinkageError none) {
        files.inMemory = false;
        return null;
      }
      Path path = Path.of("/proc/self/fd/" + fd);
      try {
        return new MemoryFile(fd, path, FileChannel.open(path, StandardOpenOption.READ));
      } catch (IOException | RuntimeException noProc) {
        files.inMemory = false;
        closeFd(fd);
        return null;
      }
    }

    /** Starts the process with its stdout into this file, which then has no descriptor of fanout's but the channel. */
    Started start(ProcessBuilder builder, Processes processes) throws IOException {
      boolean started = false;
      try {
        Started process = new Started(processes.start(builder.redirectOutput(path.toFile())), output);
        started = true;
        return process;
      } finally {
        closeFd(fd); // the channel and the process hold the file now
        if (!started) closeQuietly(output);
      }
    }

    void close() {
      closeFd(fd);
      closeQuietly(output);
    }

    private static void closeFd(int fd) {
      try {
        Posix.close(fd);
      } catch (IOException | RuntimeException ignored) {
        // a file with no name: nothing is lost
      }
    }
  }

  /**
   * Starts the process with its stdout into a file in a fresh private directory, the file unlinked
   * by its name as soon as the process has it or has failed to start, or its open failed: so the directory is empty when
   * it is removed, which then takes no descriptor. Emptying it by listing it takes one, and when the
   * start failed for want of them (EMFILE, {@code ulimit -n}) the other threads had taken them all,
   * and the directory stayed, with the file in it.
   */
  private Started startInDirectory(ProcessBuilder builder, Processes processes) throws IOException {
    return directory.within(path -> {
      Path file = path.resolve("out");
      try {
        FileChannel output = open(file);
        try {
          return new Started(processes.start(builder.redirectOutput(file.toFile())), output);
        } catch (IOException | RuntimeException e) {
          closeQuietly(output);
          throw e;
        }
      } finally {
        Files.deleteIfExists(file); // also where the open made the file and then failed
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
