package dev.recpipe.reader;

import dev.recpipe.common.LocatedException;
import dev.recpipe.common.Location;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.util.zip.CRC32C;

/**
 * A file's bytes, as {@code Files.newInputStream} gives them, that fail instead of ending early when
 * the file is cut short while it is read.
 *
 * <p>Why: another program may truncate a file that reader is reading (a producer that starts it over,
 * a {@code > rows.csv} in another shell). Reading then meets the new end, which looks like the end of
 * a whole file: the rows after it were lost without a word, and the last row read could end inside a
 * number. As GNU tar reports a file that shrank while it read it, the end is checked: fewer bytes
 * read than the file had when it was opened, and the file smaller now, is an error naming it. A file
 * that grows is read to its end, as ever; one whose size says nothing of its content (in /proc or
 * /sys) keeps its size, and is read as it is.
 *
 * <p>A file cut short and written anew, larger, while it is read ({@code gencsv ... > rows.csv} run
 * again) never looks shorter at the end: the bytes read were the old file's first part and the new
 * file's rest. So when the size at the end is not the size at the start, the bytes read are read
 * again from the file and compared, by their CRC-32C: a file that only grew has them still as its
 * first bytes; one written anew has not, and is an error naming it. A file whose size did not change
 * costs nothing more.
 *
 * <p>Closes the channel when it is closed.
 */
final class ShrinkCheckedInput extends InputStream {
  private final FileChannel channel;
  private final InputStream in;
  private final String name;
  private final long sizeAtOpen;
  private final long start;
  private final CRC32C readSum = new CRC32C();
  private long read;

  /** @param name the file's name in messages */
  ShrinkCheckedInput(FileChannel channel, String name) throws IOException {
    this(Channels.newInputStream(channel), channel, name);
  }

  /**
   * {@code in} reading {@code channel}'s file from the channel's position on: stdin, which may be a
   * file read from an offset ({@code { read -r header; reader; } < rows.csv}).
   *
   * @throws IOException the channel has no position, as a pipe has none
   */
  ShrinkCheckedInput(InputStream in, FileChannel channel, String name) throws IOException {
    this.channel = channel;
    this.in = in;
    this.name = name;
    this.sizeAtOpen = channel.size();
    this.start = channel.position();
    this.read = start; // the bytes before it count as read: they are not this input's
  }

  @Override
  public int read(byte[] bytes, int offset, int length) throws IOException {
    int count = in.read(bytes, offset, length);
    if (count > 0) {
      read += count;
      readSum.update(bytes, offset, count);
    }
    if (count < 0) checkUnchanged();
    return count;
  }

  @Override
  public int read() throws IOException {
    int b = in.read();
    if (b >= 0) {
      read++;
      readSum.update(b);
    } else {
      checkUnchanged();
    }
    return b;
  }

  @Override
  public void close() throws IOException {
    in.close();
  }

  private void checkUnchanged() throws IOException {
    long size = channel.size();
    if (size == sizeAtOpen) return;
    if (read < sizeAtOpen && size < sizeAtOpen) {
      throw new LocatedException(Location.of(name),
          "the file shrank while it was read, from " + sizeAtOpen + " bytes to " + size);
    }
    if (size < read) return; // cut short after it was read whole: the bytes read were the whole file
    if (readSum.getValue() != sumOfTheFileAsItIsNow()) {
      throw new LocatedException(Location.of(name), "the file changed while it was read: its first "
          + (read - start) + " bytes are no longer the bytes read");
    }
  }

  /** The CRC-32C of the bytes the file now holds where the bytes read came from. */
  private long sumOfTheFileAsItIsNow() throws IOException {
    CRC32C sum = new CRC32C();
    ByteBuffer buffer = ByteBuffer.allocate(1 << 16);
    for (long at = start; at < read; ) {
      buffer.clear().limit((int) Math.min(buffer.capacity(), read - at));
      int count = channel.read(buffer, at);
      if (count < 0) break; // shorter than what was read: the sums differ
      sum.update(buffer.flip());
      at += count;
    }
    return sum.getValue();
  }
}
