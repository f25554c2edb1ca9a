package dev.recpipe.reader;

import dev.recpipe.common.LocatedException;
import dev.recpipe.common.Location;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.Objects;
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
 * file's rest. So when the size or the modification time at the end is not what it was at the
 * start, the bytes read are read again from the file and compared, by their CRC-32C: a file that
 * only grew has them still as its first bytes; one written anew has not, and is an error naming it.
 * An end met before the size the file had at the start is an error too, whatever the file holds when
 * looked at: it was cut short then, and may be whole again (written anew, the same bytes, in between).
 * A file that did not change costs two looks at its modification time more.
 *
 * <p>Closes the channel when it is closed.
 */
final class ShrinkCheckedInput extends InputStream {
  private final FileChannel channel;
  private final InputStream in;
  private final String name;
  private final long sizeAtOpen;
  private final Path path;
  private final FileTime modifiedAtOpen;
  private final long start;
  private final CRC32C readSum = new CRC32C();
  private long read;
  /** What {@link #read} was at the last end met, so that a caller reading the end again costs nothing. */
  private long checkedAt = -1;

  /**
   * @param path the file's path, for its modification time
   * @param name the file's name in messages
   */
  ShrinkCheckedInput(FileChannel channel, Path path, String name) throws IOException {
    this(Channels.newInputStream(channel), channel, path, name);
  }

  /**
   * {@code in} reading {@code channel}'s file from the channel's position on: stdin, which may be a
   * file read from an offset ({@code { read -r header; reader; } < rows.csv}).
   *
   * @param path a path to the file, for its modification time ({@code /dev/stdin} for stdin): where
   *     it has none, the size alone is checked
   * @throws IOException the channel has no position, as a pipe has none
   */
  ShrinkCheckedInput(InputStream in, FileChannel channel, Path path, String name) throws IOException {
    this.channel = channel;
    this.in = in;
    this.path = path;
    this.name = name;
    this.sizeAtOpen = channel.size();
    this.modifiedAtOpen = modified();
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
    if (read == checkedAt) return;
    checkNotShrunkNorWrittenAnew();
    checkedAt = read;
  }

  private void checkNotShrunkNorWrittenAnew() throws IOException {
    long size = channel.size();
    if (size == sizeAtOpen && (size == 0 || Objects.equals(modified(), modifiedAtOpen))) return; // 0: /proc's
    if (read < sizeAtOpen && size < sizeAtOpen) {
      throw new LocatedException(Location.of(name),
          "the file shrank while it was read, from " + sizeAtOpen + " bytes to " + size);
    }
    if (read < sizeAtOpen) { // cut short, then written anew before this look: the end met was not the file's
      throw new LocatedException(Location.of(name), "the file was cut short while it was read: its end came after "
          + read + " of the " + sizeAtOpen + " bytes it had at the start");
    }
    if (size < read) return; // cut short after it was read whole: the bytes read were the whole file
    if (readSum.getValue() != sumOfTheFileAsItIsNow()) {
      throw new LocatedException(Location.of(name), "the file changed while it was read: the "
          + (read - start) + " bytes read are no longer what it holds");
    }
  }

  /** The file's modification time, or null where it has none to give. */
  private FileTime modified() {
    try {
      return Files.getLastModifiedTime(path);
    } catch (IOException | RuntimeException none) {
      return null;
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
