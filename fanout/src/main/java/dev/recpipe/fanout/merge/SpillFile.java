package dev.recpipe.fanout.merge;

import dev.recpipe.common.IoErrors;
import dev.recpipe.common.RecpipeException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * A first-in first-out queue of byte blocks on disk: where one worker's records wait when the
 * reorder buffer is over its memory budget. Blocks go in at the end and come back from the front,
 * each as it went in. Reading whole blocks back keeps records whole without keeping an index.
 *
 * <p>The file is opened with {@code DELETE_ON_CLOSE}, which on Unix unlinks it right away: it takes
 * disk space only while open, and nothing is left behind even if fanout is killed outright. A
 * failure (a full disk) is named after the file: "writing worker 1 (cat)'s spill file in /tmp".
 */
final class SpillFile implements AutoCloseable {
  private final String what;
  private final FileChannel channel;
  private final ByteBuffer header = ByteBuffer.allocate(4);
  private long writePosition;
  private long readPosition;
  private long bytes;

  private SpillFile(String what, FileChannel channel) {
    this.what = what;
    this.channel = channel;
  }

  /** Creates the file at {@code path}, which must not exist; {@code what} names it in messages. */
  static SpillFile open(Path path, String what) throws RecpipeException {
    try {
      return new SpillFile(what, FileChannel.open(path, StandardOpenOption.CREATE_NEW, StandardOpenOption.READ,
          StandardOpenOption.WRITE, StandardOpenOption.DELETE_ON_CLOSE));
    } catch (IOException e) {
      throw failure("making", what, e);
    }
  }

  boolean isEmpty() {
    return readPosition == writePosition;
  }

  /** Bytes of blocks written and not yet read back. */
  long bytes() {
    return bytes;
  }

  void append(byte[] data, int length) throws RecpipeException {
    try {
      header.clear();
      header.putInt(length).flip();
      writeFully(header, writePosition);
      writeFully(ByteBuffer.wrap(data, 0, length), writePosition + 4);
    } catch (IOException e) {
      throw failure("writing", what, e);
    }
    writePosition += 4 + length;
    bytes += length;
  }

  /** The oldest block not yet read back. */
  byte[] takeFirst() throws RecpipeException {
    if (isEmpty()) throw new IllegalStateException("empty");
    byte[] block;
    try {
      header.clear();
      readFully(header, readPosition);
      block = new byte[header.flip().getInt()];
      readFully(ByteBuffer.wrap(block), readPosition + 4);
      readPosition += 4 + block.length;
      bytes -= block.length;
      if (isEmpty()) {
        channel.truncate(0); // all read back: give the disk space back
        readPosition = writePosition = 0;
      }
    } catch (IOException e) {
      throw failure("reading back", what, e);
    }
    return block;
  }

  private void writeFully(ByteBuffer buffer, long position) throws IOException {
    while (buffer.hasRemaining()) position += channel.write(buffer, position);
  }

  private void readFully(ByteBuffer buffer, long position) throws IOException {
    while (buffer.hasRemaining()) {
      int n = channel.read(buffer, position);
      if (n < 0) throw new IOException("shorter than written");
      position += n;
    }
  }

  /** "writing worker 1 (cat)'s spill file in /tmp (...): No space left on device". */
  private static RecpipeException failure(String doing, String what, IOException e) {
    return new RecpipeException(doing + " " + what + " (where records wait for their turn past --buffer): "
        + IoErrors.reason(e), e);
  }

  @Override
  public void close() throws IOException {
    channel.close();
  }
}
