package dev.recpipe.fanout;

import dev.recpipe.common.cli.AtLeast;
import dev.recpipe.fanout.merge.Merger;
import dev.recpipe.fanout.merge.SpillDirectory;
import dev.recpipe.fanout.workers.PipeDirectory;
import java.io.OutputStream;
import picocli.CommandLine;
import picocli.CommandLine.Option;

/** How records are merged: shared by {@code fanout} and {@code fanout merge}. */
final class MergeOptions {
  @Option(names = "--unordered", description = "Write each record as soon as it arrives, not in seq order.")
  boolean unordered;

  @Option(names = "--buffer", paramLabel = "MIB", preprocessor = AtLeast.Zero.class,
      description = "Memory for records waiting for their turn (default: ${DEFAULT-VALUE} MiB); past it they"
          + " wait in a file in the private directory under $TMPDIR.")
  int bufferMib = 16;

  /**
   * Refuses a --buffer the heap can't hold, as a usage error: taken, it failed the run part way, once
   * the records waiting for a slow worker had filled the heap. Half the heap at most: the rest holds
   * the records in flight.
   */
  void check(CommandLine commandLine) {
    long most = Runtime.getRuntime().maxMemory() / 2 >> 20;
    if (bufferMib > most) {
      throw new CommandLine.ParameterException(commandLine, "--buffer " + bufferMib + " MiB is more than fanout's heap can"
          + " spare, at most " + most + " MiB: records past --buffer wait on disk; for more memory, give fanout a larger"
          + " heap, e.g. RECPIPE_JAVA_OPTS=-Xmx2g");
    }
  }

  /** With {@code hold}, each worker's records of its latest seq wait until they are known whole (retries). */
  Merger merger(OutputStream out, PipeDirectory directory, boolean hold) {
    return new Merger(out, unordered, (long) bufferMib << 20, new SpillDirectory(directory), hold);
  }
}
