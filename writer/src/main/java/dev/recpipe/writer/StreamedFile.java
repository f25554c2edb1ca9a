package dev.recpipe.writer;

import dev.recpipe.common.IoErrors;
import dev.recpipe.common.LocatedException;
import dev.recpipe.common.Location;
import dev.recpipe.common.RecpipeException;
import dev.recpipe.common.cli.LabeledOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * A FIFO or a character device ({@code /dev/null}, a terminal, a pipe reached through
 * {@code /proc/self/fd}), written straight through as the lines come, as {@code > FILE} and
 * {@code sort -o FILE} do. There is no temporary file: a FIFO or a device can't be renamed over
 * without destroying it, and its reader takes the lines as they come. So this is not atomic: when a
 * run fails part way, the reader has had the lines before the failure, as it would on stdout.
 *
 * <p>Opened without {@code O_CREAT}: if the FIFO or device is gone by then, nothing is created in
 * its place. Opening a FIFO waits for a reader, as the shell's redirection does.
 *
 * <p>Also a regular file that one of writer's own descriptors is open on: for appending
 * ({@code -o /dev/fd/3} under {@code 3>> log}), appended to, as the shell's {@code > /dev/fd/3}
 * would, and as {@code >> log} is; for writing ({@code 3> out}), written from where the descriptor
 * stands. Not atomic either.
 */
final class StreamedFile implements Destination {
  private final String name;
  private final OutputStream file;
  private final OutputStream output;
  private boolean closed;

  private StreamedFile(String name, OutputStream file) {
    this.name = name;
    this.file = file;
    this.output = new LabeledOutputStream(file, name);
  }

  /** Opens {@code file} for writing; errors name it as {@code name}, the user's spelling. */
  static StreamedFile open(Path file, String name) throws RecpipeException {
    return open(file, name, StandardOpenOption.WRITE);
  }

  /** Opens {@code file} for appending, where a descriptor of writer's is open on it so. */
  static StreamedFile append(Path file, String name) throws RecpipeException {
    return open(file, name, StandardOpenOption.WRITE, StandardOpenOption.APPEND);
  }

  /**
   * Opens {@code file} for writing from byte {@code position} on, where a descriptor of writer's is
   * open on it for writing and stands there; what the file holds beyond is written over, not cut.
   */
  static StreamedFile at(Path file, String name, long position) throws RecpipeException {
    try {
      FileChannel channel = FileChannel.open(file, StandardOpenOption.WRITE);
      try {
        channel.position(position);
      } catch (IOException | RuntimeException e) {
        channel.close();
        throw e;
      }
      return new StreamedFile(name, Channels.newOutputStream(channel));
    } catch (IOException e) {
      throw new LocatedException(Location.of(name), IoErrors.reason(e), e);
    }
  }

  private static StreamedFile open(Path file, String name, StandardOpenOption... options) throws RecpipeException {
    try {
      return new StreamedFile(name, Files.newOutputStream(file, options));
    } catch (IOException e) {
      throw new LocatedException(Location.of(name), IoErrors.reason(e), e);
    }
  }

  @Override
  public OutputStream output() {
    return output;
  }

  /** Closes the file and reports a failure to do so: the last chance to hear of a lost write. */
  @Override
  public void commit() throws IOException {
    closed = true;
    try {
      file.close();
    } catch (IOException e) {
      throw new LocatedException(Location.of(name), IoErrors.reason(e), e);
    }
  }

  @Override
  public void close() {
    if (closed) return;
    closed = true;
    try {
      file.close();
    } catch (IOException ignored) {
      // the run has already failed; that failure is the one to report
    }
  }
}
