package dev.recpipe.fanout.merge;

import dev.recpipe.fanout.workers.PipeDirectory;
import java.io.IOException;

/**
 * Where the merger's spill files go: a private directory made under $TMPDIR for the moment it takes
 * to open one, and gone once it is open (see {@link PipeDirectory}).
 */
public final class SpillDirectory {
  private final PipeDirectory directory;
  private int opened;

  public SpillDirectory(PipeDirectory directory) {
    this.directory = directory;
  }

  /** A new spill file for {@code name}'s records, named after it in messages. */
  SpillFile open(String name) throws IOException {
    String what = name + "'s spill file in " + directory.parent();
    int number = ++opened;
    return directory.within(what + " (where records wait for their turn past --buffer)",
        path -> SpillFile.open(path.resolve("spill-" + number), what));
  }
}
