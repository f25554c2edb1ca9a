package dev.recpipe.common.stage;

import dev.recpipe.common.FastRecordReader;
import dev.recpipe.common.IntegerSink;
import dev.recpipe.common.LocatedException;
import dev.recpipe.common.Location;
import dev.recpipe.common.RecordWriter;
import dev.recpipe.common.RecpipeException;
import dev.recpipe.common.TextInputException;
import dev.recpipe.common.cli.ExitStatus;
import dev.recpipe.common.cli.ToolCommand;
import java.io.IOException;
import java.util.List;
import picocli.CommandLine.Command;

/**
 * A {@link Stage} with a command line of its own: extend this class, annotate it with picocli's
 * {@code @Command} and {@code @Option}s, and implement {@link #process}. Give every option its
 * default in the field's initializer (not in {@code defaultValue}): a stage run with no arguments, as
 * every {@code fanout} worker is, starts without parsing anything.
 *
 * <pre>{@code
 * @Command(name = "scale", description = "Multiply each integer value by a factor.")
 * public final class Scale extends StageCommand {
 *   @Option(names = "--by", description = "The factor. Default: 2.")
 *   long by = 2;
 *
 *   public static void main(String[] args) {
 *     Tool.main(new Scale(), args);
 *   }
 *
 *   @Override
 *   public void process(Value value, Output out) throws IOException {
 *     out.emit(Math.multiplyExact((Long) value.read(), by));
 *   }
 * }
 * }</pre>
 *
 * <p>To check options before the first record, override {@link #run()} and call {@code
 * super.run()}; a stage with a second, non-record mode (as {@code summer --text}) branches there too.
 * A stage with an option it can't run without ({@code @Option(required = true)}) says so in {@link
 * #hasRequiredOptions}.
 */
public abstract class StageCommand extends ToolCommand implements Stage {
  protected StageCommand() {}

  StageCommand(String name) {
    super(name);
  }

  /** A command that runs {@code stage} and has only the standard options. */
  static StageCommand of(String name, Stage stage) {
    return new FunctionStage(name, stage);
  }

  @Override
  protected boolean writesRecords() {
    return true;
  }

  /**
   * No arguments: every fanout worker's command line, taken without picocli unless the stage {@link
   * #hasRequiredOptions}. A stage has no operands.
   */
  @Override
  protected boolean takesOperands(List<String> operands) {
    return operands.isEmpty() && !hasRequiredOptions();
  }

  /**
   * Whether an option of this stage is required ({@code @Option(required = true)}): a stage that has
   * one overrides this to say so. A run with no arguments is then parsed, as any other, and refused
   * for the missing option, as picocli's check is said ({@code upper: missing option -p; give
   * TEXT}, status 2); without it such a run starts without picocli (see {@link #takesOperands}),
   * which would ask for nothing, and the stage ran without the option, exit 0. Said here, not read
   * from the annotations: reading them cost summer's start about 60 ms of CPU more (20 starts of
   * {@code summer < /dev/null} each way: the annotation parser, picocli's annotation types read from
   * the jar, a proxy class made at run time, 180 classes outside the archive), more than a fanout
   * worker's whole start (35-40 ms, bench/results/worker-startup.md). A run picocli parses holds the
   * stage to its answer: one with a required option that says false fails, saying what to override.
   */
  protected boolean hasRequiredOptions() {
    return false;
  }

  /**
   * The option with which this stage reads text instead of records, or null if it has none: named,
   * with {@code reader}, in the hint for a text file given where records should be.
   */
  protected String textOption() {
    return null;
  }

  /** Runs {@link #process} on every record of stdin, writing the results to stdout. */
  @Override
  protected int run() throws IOException {
    if (spec != null) RequiredOptions.check(spec, hasRequiredOptions()); // a run picocli parsed: its model says
    Records records = new Records(new FastRecordReader(streams.in()), new RecordWriter(streams.out()));
    try {
      records.processAll(this);
    } catch (TextInputException e) {
      throw e.hintFor(name(), textOption());
    } finally {
      records.out.flush(); // the results of the records before a failing one still go out, whole
    }
    return ExitStatus.OK.code();
  }

  /**
   * The record loop, and the {@link Value} and {@link Output} of the record in hand. It tells the
   * pipeline's own errors (bad input, a closed stdout), which pass through as they are, from the
   * function's, which it prefixes with the record they happened on.
   */
  private static final class Records implements Value, Output {
    /** Records a {@link #processBatch} call: about the count at which the JIT compiles it soonest. */
    private static final int BATCH = 10;

    final FastRecordReader in;
    final RecordWriter out;
    private boolean pipelineFailed;

    Records(FastRecordReader in, RecordWriter out) {
      this.in = in;
      this.out = out;
    }

    void processAll(Stage stage) throws IOException {
      while (processBatch(stage)) {
        // each call a batch
      }
    }

    /**
     * Processes up to {@link #BATCH} records; false once the input has ended. Why batches: the JIT
     * compiles a method once it has been called a few hundred times, or a loop inside one after tens
     * of thousands of iterations (on-stack replacement). One loop over all the records ran its first
     * 60000 or so in the interpreter, most of a fanout worker's share; this method is compiled
     * after about 2000.
     */
    private boolean processBatch(Stage stage) throws IOException {
      for (int i = 0; i < BATCH; i++) {
        if (!in.next()) return false;
        try {
          stage.process(this, this);
        } catch (Exception e) {
          if (pipelineFailed) throw e instanceof IOException ? (IOException) e : new IOException(e);
          throw new StageFailedException(Location.ofRecord(in.seq(), in.recordOffset()), e);
        }
      }
      return true;
    }

    @Override
    public long seq() {
      return in.seq();
    }

    @Override
    public Object read() throws IOException {
      try {
        return in.readValue();
      } catch (IOException e) {
        throw pipeline(e);
      }
    }

    @Override
    public void readIntegers(IntegerSink sink) throws IOException {
      try {
        in.readIntegers(sink);
      } catch (IOException e) {
        throw pipeline(e);
      }
    }

    @Override
    public String readText() throws IOException {
      try {
        return in.readText();
      } catch (IOException e) {
        throw pipeline(e);
      }
    }

    @Override
    public void emit(Object value) throws IOException {
      try {
        out.write(in.seq(), value);
      } catch (IOException e) {
        throw pipeline(e);
      }
    }

    @Override
    public void emit(long value) throws IOException {
      try {
        out.writeInteger(in.seq(), value);
      } catch (IOException e) {
        throw pipeline(e);
      }
    }

    /** Bad input or a failed write: not the function's doing, and its message already says where. */
    private IOException pipeline(IOException e) {
      pipelineFailed = true;
      return e;
    }
  }

  /** The function threw on a record: its message, or for an exception of its own making, the exception. */
  private static final class StageFailedException extends LocatedException {
    StageFailedException(Location record, Exception cause) {
      super(record, cause instanceof RecpipeException ? cause.getMessage() : cause.toString(), cause);
    }
  }

  @Command(name = "stage")
  private static final class FunctionStage extends StageCommand {
    private final Stage stage;

    FunctionStage(String name, Stage stage) {
      super(name);
      this.stage = stage;
    }

    @Override
    public void process(Value value, Output out) throws Exception {
      stage.process(value, out);
    }
  }
}
