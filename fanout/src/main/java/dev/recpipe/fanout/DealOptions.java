package dev.recpipe.fanout;

import dev.recpipe.common.cli.AtLeast;
import dev.recpipe.common.cli.Refusal;
import dev.recpipe.fanout.deal.AdaptiveBatchSize;
import dev.recpipe.fanout.deal.BatchSize;
import dev.recpipe.fanout.deal.Dispatch;
import java.util.Iterator;
import java.util.List;
import picocli.CommandLine;
import picocli.CommandLine.Option;

/** How records are dealt: shared by {@code fanout} and {@code fanout deal}. */
final class DealOptions {
  @Option(names = {"-b", "--batch"}, paramLabel = "RECORDS", preprocessor = AtLeast.One.class,
      description = "Consecutive records per batch dealt to one worker, fixed. Default: each worker's own size,"
          + " from 1 record up to " + AdaptiveBatchSize.MAX + " as its share grows, and kept down while its"
          + " records are costly, as fanout measures on its answers (see docs/fanout.md).")
  Integer batch;

  @Option(names = "--dispatch", paramLabel = "MODE", converter = DispatchConverter.class,
      completionCandidates = DispatchNames.class,
      description = "round-robin (default): worker 1, 2, ..., N in turn; ready: the next worker whose"
          + " pipe has taken its last batch, so a worker slow on costly records is passed over.")
  Dispatch dispatch = Dispatch.ROUND_ROBIN;

  /** A new outlet's batch size: {@code -b}'s, or else its own adaptive one. */
  BatchSize batchSize() {
    return batch == null ? new AdaptiveBatchSize() : BatchSize.fixed(batch);
  }

  /** The records stdin is cut at, before the dealer cuts each outlet's batch from them: the largest batch. */
  int cutAt() {
    return batch == null ? AdaptiveBatchSize.MAX : batch;
  }

  /**
   * Whether stdin is cut only into whole batches of {@link #cutAt()} records (-b: every batch that
   * many, as asked), or also where it has no more for the moment (the default: records are dealt as
   * they come, see BatchSource).
   */
  boolean wholeBatches() {
    return batch != null;
  }

  /** What shell completion offers for --dispatch: the names the converter takes, not the enum's. */
  static final class DispatchNames implements Iterable<String> {
    @Override
    public Iterator<String> iterator() {
      return List.of("round-robin", "ready").iterator();
    }
  }

  static final class DispatchConverter implements CommandLine.ITypeConverter<Dispatch> {
    @Override
    public Dispatch convert(String value) {
      switch (value) {
        case "round-robin":
          return Dispatch.ROUND_ROBIN;
        case "ready":
          return Dispatch.READY;
        default:
          throw new Refusal("is unknown", null); // the names DispatchNames offers are what it takes
      }
    }
  }
}
