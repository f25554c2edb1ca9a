package dev.recpipe.spark;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The processes of one partition's pipeline, {@code reader | CMD | writer}, connected by pipes as a
 * shell connects them. Their stderr goes to one temporary file, each process appending, so the
 * messages keep the order they were written in, as on a terminal.
 *
 * <p>The caller writes the partition's lines to {@link #stdin()} and reads writer's output from
 * {@link #stdout()}, then {@link #waitFor()}s the exit statuses, and {@link #close()}s this, which
 * stops any process still running and deletes the stderr file.
 */
final class StageProcesses implements AutoCloseable {
  /** The most of the stages' stderr a failure carries to the driver: its end, where the error is. */
  static final int STDERR_LIMIT = 64 * 1024;

  private final List<Process> processes;
  private final Path stderr;

  private StageProcesses(List<Process> processes, Path stderr) {
    this.processes = processes;
    this.stderr = stderr;
  }

  /**
   * Starts the pipeline.
   *
   * @param path the PATH the stages get
   * @throws IOException a program could not be started; none is left running
   */
  static StageProcesses start(List<List<String>> commandLines, String path) throws IOException {
    Path stderr = Files.createTempFile("recpipe-spark-stderr-", ".txt");
    List<ProcessBuilder> builders = new ArrayList<>();
    for (List<String> commandLine : commandLines) {
      ProcessBuilder builder = new ProcessBuilder(commandLine).redirectError(ProcessBuilder.Redirect.appendTo(stderr.toFile()));
      builder.environment().put("PATH", path);
      builders.add(builder);
    }
    try {
      return new StageProcesses(ProcessBuilder.startPipeline(builders), stderr);
    } catch (IOException | RuntimeException e) {
      Files.deleteIfExists(stderr);
      throw e;
    }
  }

  /** The first stage's stdin. */
  OutputStream stdin() {
    return processes.get(0).getOutputStream();
  }

  /** The last stage's stdout. */
  InputStream stdout() {
    return processes.get(processes.size() - 1).getInputStream();
  }

  /** Waits for every stage to end; their exit statuses, in pipeline order. */
  List<Integer> waitFor() throws InterruptedException {
    List<Integer> statuses = new ArrayList<>();
    for (Process process : processes) statuses.add(process.waitFor());
    return statuses;
  }

  /** What the stages wrote on stderr: all of it, or its last {@link #STDERR_LIMIT} bytes. */
  String stderrText() throws IOException {
    try (RandomAccessFile file = new RandomAccessFile(stderr.toFile(), "r")) {
      long length = file.length();
      long start = Math.max(0, length - STDERR_LIMIT);
      byte[] tail = new byte[(int) (length - start)];
      file.seek(start);
      file.readFully(tail);
      return (start > 0 ? "[the first " + start + " bytes of the stages' stderr left out]\n" : "")
          + new String(tail, StandardCharsets.UTF_8);
    }
  }

  /** Copies what the stages wrote on stderr to {@code out}. */
  void copyStderrTo(OutputStream out) throws IOException {
    Files.copy(stderr, out);
    out.flush();
  }

  /** Stops every stage still running, and what it started (fanout's workers): SIGTERM, as a shell's kill. */
  void destroy() {
    for (Process process : processes) {
      process.descendants().forEach(ProcessHandle::destroy);
      process.destroy();
    }
  }

  /** Stops what still runs and deletes the stderr file; for the end of the task, however it ended. */
  @Override
  public void close() throws IOException {
    destroy();
    Files.deleteIfExists(stderr);
  }
}
