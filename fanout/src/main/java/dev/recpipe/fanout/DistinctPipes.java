package dev.recpipe.fanout;

import dev.recpipe.common.FileNames;
import dev.recpipe.common.LocatedException;
import dev.recpipe.common.Location;
import dev.recpipe.common.OwnDescriptors;
import dev.recpipe.common.cli.Streams;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.OptionalInt;
import picocli.CommandLine;

/**
 * {@code fanout deal} and {@code fanout merge}: each PIPE must be a file of its own. One named twice,
 * under one name or two, got two ends of its own: deal's overwrote each other's batches in a regular
 * file (records lost, exit 0), merge's read a regular file's records twice, and a FIFO's bytes went
 * half to each.
 */
final class DistinctPipes {
  private DistinctPipes() {}

  /**
   * Refuses, as a usage error of {@code commandLine}, one of {@code pipes} that is the file on the
   * command's own descriptor {@code fd} ({@code stream}, 0 or 1), saying {@code why}: deal's stdin
   * named as a pipe was emptied before a record was read from it, and merge's stdout named as an input
   * was read back ({@code fanout merge b r >> r}). A descriptor that is closed or no file is let be.
   */
  static void checkNotOwn(List<String> pipes, int fd, String stream, String why, CommandLine commandLine)
      throws IOException {
    for (int i = 0; i < pipes.size(); i++) {
      if (!isOwnDescriptor(FileNames.path(pipes.get(i)), fd)) continue;
      throw new CommandLine.ParameterException(commandLine, "PIPE " + (i + 1) + ", " + pipes.get(i) + ", is "
          + commandLine.getCommandSpec().qualifiedName() + "'s " + stream + ": " + why + "; name another file");
    }
  }

  /**
   * Whether {@code path} is the file on this process's descriptor {@code fd}: false where it names
   * nothing, or the descriptor is closed or no file to compare.
   */
  static boolean isOwnDescriptor(Path path, int fd) {
    try {
      return Files.exists(path) && Files.isSameFile(path, Path.of("/proc/self/fd/" + fd));
    } catch (IOException closedOrGone) {
      return false;
    }
  }

  /**
   * As {@link #checkNotOwn}, but only where descriptor {@code fd} is a regular file: deal opening its
   * own stdout or stderr by name ({@code /dev/stdout} under {@code > log}) emptied the file and wrote
   * from its start, over what the shell had written and under what it wrote after; a pipe or a
   * terminal there is written to as through the descriptor, and is let be.
   */
  static void checkNotOwnFile(List<String> pipes, int fd, String stream, String why, CommandLine commandLine)
      throws IOException {
    if (Files.isRegularFile(Path.of("/proc/self/fd/" + fd))) checkNotOwn(pipes, fd, stream, why, commandLine);
  }

  /**
   * Refuses one of {@code pipes} that names a standard stream the process was started without
   * ({@code fanout deal /dev/stdout >&-}, {@code fanout merge /dev/stdin <&-}), as {@code stdout is
   * closed}: the launcher opened /dev/null there, into which deal dealt every record, and from which
   * merge read an empty input, exit 0.
   */
  static void checkNotClosed(List<String> pipes) throws IOException {
    for (String pipe : pipes) {
      OptionalInt fd = OwnDescriptors.of(FileNames.path(pipe));
      if (fd.isEmpty() || !Streams.isClosed(fd.getAsInt())) continue;
      throw new LocatedException(Location.of(pipe), STREAMS[fd.getAsInt()] + " is closed");
    }
  }

  private static final String[] STREAMS = {"stdin", "stdout", "stderr"};

  /**
   * Refuses, as a usage error of {@code commandLine}, two of {@code pipes} that are the same file.
   * Names of nothing yet are left for the open to report.
   */
  static void check(List<String> pipes, CommandLine commandLine) throws IOException {
    for (int i = 0; i < pipes.size(); i++) {
      Path first = FileNames.path(pipes.get(i));
      if (!Files.exists(first)) continue;
      for (int j = i + 1; j < pipes.size(); j++) {
        Path second = FileNames.path(pipes.get(j));
        if (Files.exists(second) && Files.isSameFile(first, second)) {
          throw new CommandLine.ParameterException(commandLine, "PIPE " + (i + 1) + " and PIPE " + (j + 1)
              + " are the same file, " + pipes.get(i) + ": each pipe must be a file of its own");
        }
      }
    }
  }
}
