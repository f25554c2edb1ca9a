package dev.recpipe.examples;

import dev.recpipe.common.cli.DecimalNumber;
import dev.recpipe.common.cli.Tool;
import dev.recpipe.common.cli.ValueCheck;
import dev.recpipe.common.stage.Output;
import dev.recpipe.common.stage.StageCommand;
import dev.recpipe.common.stage.Value;
import java.io.IOException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code heavy}: an example CPU-bound stage, for benchmarks of {@code fanout}. Where {@code summer}
 * costs well under a microsecond a record, so that a pipeline of it measures recpipe's own
 * overhead, {@code heavy} costs 0.1 to 1 ms a record (see {@link HeavyWork}), so that a pipeline of
 * it measures how well fanout keeps cores busy. It is also the example of a Java stage written on
 * {@link StageCommand}: one option, one function.
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
public final class HeavyCommand extends StageCommand {
  private static final double MAX_SCALE = 1e6;

  @Option(
      names = "--scale",
      paramLabel = "F",
      preprocessor = Scale.class,
      description = "Multiply each record's work by F, from 0 (none) to 1000000. Default: 1.")
  double scale = 1;

  private HeavyWork work;

  /** A --scale: a number from 0 to {@link #MAX_SCALE}, as Java reads a double. */
  public static final class Scale extends ValueCheck {
    @Override
    protected String problem(String value, Class<?> type) {
      return DecimalNumber.problem(value, 0, MAX_SCALE);
    }

    @Override
    protected String accepted(Class<?> type) {
      return "0 to " + (long) MAX_SCALE;
    }
  }

  public static void main(String[] args) {
    Tool.main(new HeavyCommand(), args);
  }

  @Override
  protected int run() throws IOException {
    work = new HeavyWork(scale);
    return super.run();
  }

  @Override
  public void process(Value value, Output out) throws IOException {
    work.start();
    value.readIntegers(work);
    out.emit(work.finish());
  }
}
