package dev.recpipe.examples;

import dev.recpipe.common.RecordReader;
import dev.recpipe.common.RecordWriter;
import dev.recpipe.common.cli.ExitCodes;
import dev.recpipe.common.cli.Tool;
import dev.recpipe.common.cli.ToolCommand;
import java.io.IOException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;

/**
 * {@code heavy}: an example CPU-bound stage, for benchmarks of {@code fanout}. Where {@code summer}
 * costs well under a microsecond a record, so that a pipeline of it measures recpipe's own
 * overhead, {@code heavy} costs 0.1 to 1 ms a record (see {@link HeavyWork}), so that a pipeline of
 * it measures how well fanout keeps cores busy.
 */
@Command(
    name = "heavy",
    description = {
      "Read records [seq, [integers...]] on stdin and write [seq, result] records on stdout, in the"
          + " same order. A record costs about 0.1 to 1 ms of CPU, depending on its row (the same row"
          + " always costs the same), and its result is the same integer on every machine.",
      "Example: reader rows.csv | fanout -n 4 heavy | writer",
      "",
    })
public final class HeavyCommand extends ToolCommand {
  private static final double MAX_SCALE = 1e6;

  @Option(
      names = "--scale",
      paramLabel = "F",
      description = "Multiply each record's work by F, from 0 (none) to 1000000. Default: 1.")
  double scale = 1;

  public static void main(String[] args) {
    Tool.main(new HeavyCommand(), args);
  }

  @Override
  protected boolean writesRecords() {
    return true;
  }

  @Override
  protected boolean runsWithoutArguments() {
    return true;
  }

  @Override
  protected int run() throws IOException {
    if (!(scale >= 0 && scale <= MAX_SCALE)) {
      throw new ParameterException(spec.commandLine(), "--scale must be from 0 to 1000000, not " + scale);
    }
    RecordReader records = new RecordReader(streams.in());
    RecordWriter out = new RecordWriter(streams.out());
    try {
      computeAll(records, out, new HeavyWork(scale));
    } finally {
      out.flush(); // the results of the records before a bad one still go out, whole
    }
    return ExitCodes.OK;
  }

  private static void computeAll(RecordReader records, RecordWriter out, HeavyWork work) throws IOException {
    while (records.next()) {
      work.start();
      records.readIntegers(work);
      out.writeInteger(records.seq(), work.finish());
    }
  }
}
