package dev.recpipe.reader;

import dev.recpipe.common.FileNames;
import dev.recpipe.common.IoErrors;
import dev.recpipe.common.LocatedException;
import dev.recpipe.common.Location;
import dev.recpipe.common.OwnDescriptors;
import dev.recpipe.common.RecpipeException;
import dev.recpipe.common.cli.LabeledInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.OptionalInt;

/**
 * Opens the files named on the command line, with the errors {@code cat} would print:
 * {@code missing.csv: No such file or directory}, not a Java exception's name; a file cut short while
 * it is read is an error too ({@link ShrinkCheckedInput}), and so is stdin cut short when it is a file.
 */
final class InputFiles {
  /** The name that means standard input, as POSIX utilities use it. */
  static final String STDIN_ARGUMENT = "-";
  /** How standard input is named in messages. */
  static final String STDIN_NAME = "stdin";
  /** Standard input's file, for its modification time, where the system has such a name. */
  private static final Path STDIN_PATH = Path.of("/dev/stdin");

  private InputFiles() {}

  /**
   * Opens {@code name} for reading; the caller closes the stream. Where stdin is closed ({@code <&-}:
   * the launcher opened /dev/null there), a name of it, {@code /dev/stdin} or {@code /dev/fd/0}, is
   * refused as {@code -} is, rather than read as an empty file.
   */
  static InputStream open(String name, boolean stdinClosed) throws RecpipeException {
    Path path = FileNames.path(name);
    if (stdinClosed && OwnDescriptors.of(path).equals(OptionalInt.of(0))) throw cannotOpen(name, "stdin is closed");
    if (Files.isDirectory(path)) throw cannotOpen(name, "Is a directory");
    FileChannel channel;
    try {
      channel = FileChannel.open(path);
    } catch (IOException e) {
      throw cannotOpen(name, IoErrors.reason(e));
    }
    return checkedIfSeekable(channel, path, name);
  }

  /**
   * {@code channel} checked as {@link ShrinkCheckedInput} checks a file, or as it is when it has no
   * position: a FIFO, {@code /dev/stdin} on a pipe, bash's {@code <(...)}, which can't shrink.
   */
  private static InputStream checkedIfSeekable(FileChannel channel, Path path, String name) {
    try {
      return new ShrinkCheckedInput(channel, path, name);
    } catch (IOException noPosition) {
      return Channels.newInputStream(channel);
    }
  }

  /**
   * Standard input, {@code in}, checked as a named file is ({@link ShrinkCheckedInput}) when it is a
   * file ({@code reader < rows.csv}); as it is when it is a pipe, a terminal or a stream of a test.
   * Not to be closed: it is the process's.
   *
   * @param name its name in messages
   */
  static InputStream stdin(InputStream in, String name) {
    FileChannel channel = in instanceof LabeledInputStream ? ((LabeledInputStream) in).fileChannel() : null;
    if (channel == null) return in;
    try {
      return new ShrinkCheckedInput(in, channel, STDIN_PATH, name);
    } catch (IOException noPosition) {
      return in; // a pipe; a terminal or a device has a size of 0, which the check never passes
    }
  }

  private static RecpipeException cannotOpen(String name, String reason) {
    return new LocatedException(Location.of(name), reason);
  }
}
