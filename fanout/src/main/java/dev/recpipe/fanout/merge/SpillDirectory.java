package dev.recpipe.fanout.merge;

import java.io.IOException;
import java.nio.file.Path;

/** Where the merger's spill files go: fanout's private directory, removed at exit. */
public final class SpillDirectory {
  private final Path directory;

  public SpillDirectory(Path directory) {
    this.directory = directory;
  }

  SpillFile open(int input) throws IOException {
    return new SpillFile(directory.resolve("spill-" + (input + 1)));
  }
}
