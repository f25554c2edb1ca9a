package dev.recpipe.fanout.merge;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * A first-in first-out queue of byte blocks on disk: where one worker's records wait when the
 * reorder buffer is over its memory budget. Blocks go in at the end and come back from the front,
 * each as it went in. Reading whole blocks back keeps records whole without keeping an index.
 *
 * <p>The file is opened with {@code DELETE_ON_CLOSE}, which on Unix unlinks it right away: it takes
 * disk space only while open, and nothing is left behind even if fanout is killed outright.
 */
final class SpillFile implements AutoCloseable {
  private final Path path;
  private final FileChannel channel;
  private final ByteBuffer header = ByteBuffer.allocate(4);
  private long writePosition;
  private long readPosition;
  private long bytes;

  SpillFile(Path path) throws IOException {
    this.path = path;
    this.channel = FileChannel.open(path, StandardOpenOption.CREATE_NEW, StandardOpenOption.READ,
        StandardOpenOption.WRITE, StandardOpenOption.DELETE_ON_CLOSE);
  }

  boolean isEmpty() {
    return readPosition == writePosition;
  }

  /** Bytes of blocks written and not yet read back. */
  long bytes() {
    return bytes;
  }

  void append(byte[] data, int length) throws IOException {
    header.clear();
    header.putInt(length).flip();
    writeFully(header, writePosition);
    writeFully(ByteBuffer.wrap(data, 0, length), writePosition + 4);
    writePosition += 4 + length;
    bytes += length;
  }

  /** The oldest block not yet read back. */
  byte[] takeFirst() throws IOException {
    if (isEmpty()) throw new IllegalStateException("empty");
    header.clear();
    readFully(header, readPosition);
    byte[] block = new byte[header.flip().getInt()];
    readFully(ByteBuffer.wrap(block), readPosition + 4);
    readPosition += 4 + block.length;
    bytes -= block.length;
    if (isEmpty()) {
      channel.truncate(0); // all read back: give the disk space back
      readPosition = writePosition = 0;
    }
    return block;
  }

  private void writeFully(ByteBuffer buffer, long position) throws IOException {
    while (buffer.hasRemaining()) position += channel.write(buffer, position);
  }

  private void readFully(ByteBuffer buffer, long position) throws IOException {
    while (buffer.hasRemaining()) {
      int n = channel.read(buffer, position);
      if (n < 0) throw new IOException(path + ": spill file shorter than written");
      position += n;
    }
  }

  @Override
  public void close() throws IOException {
    channel.close();
    Files.deleteIfExists(path);
  }
}
