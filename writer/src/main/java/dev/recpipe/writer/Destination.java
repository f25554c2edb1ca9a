package dev.recpipe.writer;

import dev.recpipe.common.cli.LabeledOutputStream;
import dev.recpipe.common.cli.Streams;
import java.io.Closeable;
import java.io.IOException;
import java.io.OutputStream;

/**
 * Where the lines go: stdout, a file that is replaced whole at a clean end ({@link AtomicFile}), or
 * a FIFO or character device written as the lines come ({@link StreamedFile}). {@link OutputTarget}
 * picks one for {@code -o FILE}.
 *
 * <pre>{@code
 * try (Destination destination = OutputTarget.open(name, stdout)) {
 *   write(destination.output());
 *   destination.commit();
 * }
 * }</pre>
 */
interface Destination extends Closeable {
  /** The stream to write to. Unbuffered: the caller buffers, and flushes before {@link #commit()}. */
  OutputStream output();

  /** Makes what was written final: renames a file into place, closes a device. */
  void commit() throws IOException;

  /** Releases what {@link #commit()} did not: a file that was not committed is discarded. */
  @Override
  void close();

  /** Stdout, as without {@code -o}: never closed, nothing to commit. */
  static Destination stdout(OutputStream stdout) {
    return descriptor(stdout, "stdout");
  }

  /**
   * The process's stderr itself ({@code -o /dev/stderr}), as the shell's {@code > /dev/stderr}: never
   * closed. Where writer was started without one ({@code 2>&-}), a write fails, {@code stderr is closed}.
   */
  static Destination stderr() {
    return descriptor(Streams.stderr(), "stderr");
  }

  /** A stream of the process's own, named {@code label} in messages: never closed, nothing to commit. */
  private static Destination descriptor(OutputStream stream, String label) {
    OutputStream output = new LabeledOutputStream(stream, label);
    return new Destination() {
      @Override
      public OutputStream output() {
        return output;
      }

      @Override
      public void commit() {}

      @Override
      public void close() {}
    };
  }
}
