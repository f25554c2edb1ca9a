package dev.recpipe.common.cli;

import dev.recpipe.common.IoErrors;
import dev.recpipe.common.RecpipeException;
import java.io.FileInputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.FileChannel;

/**
 * Says where a read failed: an {@code IOException} from the stream comes out as a
 * {@link RecpipeException} {@code label: message}, such as {@code stdin: Is a directory} for
 * {@code summer < /}, with the original as its cause. {@link #closed} stands for a standard input
 * the process was started without ({@code <&-}).
 *
 * <p>Does not close {@code in} on its own.
 */
public final class LabeledInputStream extends FilterInputStream {
  private final String label;

  public LabeledInputStream(InputStream in, String label) {
    super(in);
    this.label = label;
  }

  /**
   * The channel of the file this stream reads, when it reads a {@link FileInputStream} (stdin, in
   * {@link Streams#system()}), else null: for its size and offset, not to be closed.
   */
  public FileChannel fileChannel() {
    return in instanceof FileInputStream ? ((FileInputStream) in).getChannel() : null;
  }

  /** A stream whose every read fails with {@code label is closed}. */
  public static InputStream closed(String label) {
    return new InputStream() {
      @Override
      public int read() throws IOException {
        throw new RecpipeException(label + " is closed");
      }
    };
  }

  @Override
  public int read() throws IOException {
    try {
      return in.read();
    } catch (IOException e) {
      throw IoErrors.labeled(label, e);
    }
  }

  @Override
  public int read(byte[] bytes, int offset, int length) throws IOException {
    try {
      return in.read(bytes, offset, length);
    } catch (IOException e) {
      throw IoErrors.labeled(label, e);
    }
  }

  @Override
  public int available() throws IOException {
    try {
      return in.available();
    } catch (IOException e) {
      throw IoErrors.labeled(label, e);
    }
  }
}
