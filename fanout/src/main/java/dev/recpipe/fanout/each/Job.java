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
  /** The record as it came in, for a rejects file; null when not kept. */
  private final byte[] raw;
  private int attempts;
  private boolean skipped;
  private Process process;
  private FileChannel output;
  /** Bytes of output when the process ended. */
  private long size;

  Job(long seq, String value, byte[] raw) {
    this.seq = seq;
    this.value = value;
    this.raw = raw;
  }

  long seq() {
    return seq;
  }

  /** The record's bytes as they came in, or null if they were not kept. */
  byte[] raw() {
    return raw;
  }

  /** Marks the record as skipped (--skip-failed): it has no result, and nothing goes out for it. */
  void skip() {
    closeOutput();
    skipped = true;
  }

  boolean isSkipped() {
    return skipped;
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
   * Notes what the process wrote as it ends (exit 0), and fails then, not when its turn comes, if
   * that can't be a record's value: more than {@link OutputValue#MAX_BYTES}, a final newline not
   * counted. What a child it left behind writes to its stdout after that is not the record's.
   */
  void ended(String label) throws IOException {
    size = output.size();
    if (size <= OutputValue.MAX_BYTES) return;
    ByteBuffer last = ByteBuffer.allocate(1);
    output.read(last, size - 1);
    if (size > OutputValue.MAX_BYTES + 1 || last.get(0) != '\n') {
      closeOutput();
      throw tooLarge(label, size);
    }
  }

  /**
   * What the process had written when it ended ({@link #ended}), as the record's new value: text or
   * bytes. Read when the record's turn comes, so the value waits in its file until then, not in
   * fanout's heap.
   *
   * @throws IOException the file can't be read
   */
  Object result() throws IOException {
    try {
      ByteBuffer bytes = ByteBuffer.allocate((int) size);
      while (bytes.hasRemaining() && output.read(bytes, bytes.position()) > 0) {
        // read(dst, position) leaves the channel's own position alone
      }
      return OutputValue.of(bytes.array(), bytes.position());
    } finally {
      closeOutput();
    }
  }

  private RecordFailedException tooLarge(String label, long size) {
    return new RecordFailedException(describe(), label + " wrote " + size + " bytes, more than a record's value"
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
