package dev.recpipe.fanout.merge;

import dev.recpipe.fanout.workers.PipeDirectory;
import java.io.IOException;

/**
 * Where the merger's spill files go: a private directory made under $TMPDIR for the moment it takes
 * to open one, and gone once it is open (see {@link PipeDirectory}).
 */
public final class SpillDirectory {
  private final PipeDirectory directory;

  public SpillDirectory(PipeDirectory directory) {
    this.directory = directory;
  }

  /** A new spill file for input {@code index}, named {@code name} in messages. */
  SpillFile open(int index, String name) throws IOException {
    String what = name + "'s spill file in " + directory.parent();
    return directory.within(path -> SpillFile.open(path.resolve("spill-" + (index + 1)), what));
  }
}
