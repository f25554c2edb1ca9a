package dev.recpipe.common.cli;

import dev.recpipe.common.IoErrors;
import dev.recpipe.common.RecpipeException;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;

/**
 * Says where a write failed: an {@code IOException} from the stream comes out as a
 * {@link RecpipeException} {@code label: message}, such as {@code stdout: No space left on device},
 * with the original as its cause (so a broken pipe is still recognised as one). {@link #closed}
 * stands for a standard output the process was started without ({@code >&-}).
 *
 * <p>Does not close or flush {@code out} on its own.
 */
public final class LabeledOutputStream extends FilterOutputStream {
  private final String label;

  public LabeledOutputStream(OutputStream out, String label) {
    super(out);
    this.label = label;
  }

  /** A stream whose every write fails with {@code label is closed}. */
  public static OutputStream closed(String label) {
    return new OutputStream() {
      @Override
      public void write(int b) throws IOException {
        throw new RecpipeException(label + " is closed");
      }

      @Override
      public void write(byte[] bytes, int offset, int length) throws IOException {
        throw new RecpipeException(label + " is closed");
      }
    };
  }

  @Override
  public void write(int b) throws IOException {
    try {
      out.write(b);
    } catch (IOException e) {
      throw IoErrors.labeled(label, e);
    }
  }

  @Override
  public void write(byte[] bytes, int offset, int length) throws IOException {
    try {
      out.write(bytes, offset, length);
    } catch (IOException e) {
      throw IoErrors.labeled(label, e);
    }
  }

  @Override
  public void flush() throws IOException {
    try {
      out.flush();
    } catch (IOException e) {
      throw IoErrors.labeled(label, e);
    }
  }
}
