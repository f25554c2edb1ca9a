package dev.recpipe.fanout;

import dev.recpipe.common.FileNames;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
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
