package dev.recpipe.fanout.each;

import dev.recpipe.common.Location;
import dev.recpipe.common.RecpipeException;
import java.io.File;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;

/**
 * One record's process in {@code fanout --each}: its command line filled in with the record's text,
 * stdin from /dev/null (fanout's stdin carries the records), stderr fanout's, and stdout into a file
 * of its own ({@link OutputFiles}), which has no name once the process runs, read as the record's
 * value when the process has exited 0.
 */
final class Job {
  private static final File DEV_NULL = new File("/dev/null");

  private final long seq;
  private final String value;
  private int attempts;
  private Process process;
  private FileChannel output;

  Job(long seq, String value) {
    this.seq = seq;
    this.value = value;
  }

  long seq() {
    return seq;
  }

  /** Times its process was started. */
  int attempts() {
    return attempts;
  }

  /**
   * Starts (or starts again) the record's process, its stdout into a new file of {@code files}'s.
   *
   * @throws IOException the JDK's when the process can't start; a {@link RecpipeException} when the
   *     output file can't be made
   */
  Process start(ArgumentTemplate command, Processes processes, OutputFiles files) throws IOException {
    closeOutput();
    attempts++;
    ProcessBuilder builder = new ProcessBuilder(command.fill(value))
        .redirectInput(DEV_NULL)
        .redirectError(ProcessBuilder.Redirect.INHERIT);
    OutputFiles.Started started = files.start(builder, processes);
    output = started.output();
    process = started.process();
    return process;
  }

  Process process() {
    return process;
  }

  /**
   * What the process wrote, once it has exited 0, as the record's new value: text or bytes.
   *
   * @throws RecpipeException it wrote more than a record holds, or the file can't be read
   */
  Object result(String label) throws IOException {
    try {
      long size = output.size();
      if (size > OutputValue.MAX_BYTES + 1) throw tooLarge(label, size);
      ByteBuffer bytes = ByteBuffer.allocate((int) size);
      while (bytes.hasRemaining() && output.read(bytes, bytes.position()) >= 0) {
        // read(dst, position) leaves the channel's own position alone
      }
      if (OutputValue.valueLength(bytes.array(), bytes.position()) > OutputValue.MAX_BYTES) throw tooLarge(label, size);
      return OutputValue.of(bytes.array(), bytes.position());
    } finally {
      closeOutput();
    }
  }

  private RecpipeException tooLarge(String label, long size) {
    return new RecpipeException(describe() + ": " + label + " wrote " + size + " bytes, more than a record's value"
        + " may hold (" + OutputValue.MAX_BYTES + " bytes)");
  }

  /** How messages name the record: {@code record seq 3 ("runs/b.csv")}. */
  String describe() {
    return Location.ofSeq(seq) + " (" + Quoted.of(value) + ")";
  }

  /** Closes the output file, which then goes: after the result is read, or when stopping. */
  void closeOutput() {
    if (output == null) return;
    try {
      output.close();
    } catch (IOException ignored) {
      // a file with no name: nothing is lost
    }
    output = null;
  }
}
