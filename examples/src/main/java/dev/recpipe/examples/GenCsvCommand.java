package dev.recpipe.examples;

import dev.recpipe.common.cli.AtLeast;
import dev.recpipe.common.cli.ExitStatus;
import dev.recpipe.common.cli.Tool;
import dev.recpipe.common.cli.ToolCommand;
import java.io.IOException;
import java.io.OutputStream;
import java.util.SplittableRandom;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;

/**
 * {@code gencsv}: a CSV file of random integers, the same bytes for the same arguments, fast enough
 * for benchmark-sized inputs (10M rows in seconds): digits go straight into a byte buffer.
 */
@Command(
    name = "gencsv",
    description = {
      "Write ROWS lines of COLS comma-separated random integers to stdout. The same SEED gives the"
          + " same bytes. Values are uniform from --min to --max.",
      "Example: gencsv 1000000 10 42 > rows.csv   (about 69 MB)",
    })
public final class GenCsvCommand extends ToolCommand {
  @Parameters(index = "0", paramLabel = "ROWS", preprocessor = AtLeast.Zero.class, description = "Number of lines.")
  long rows;

  @Parameters(index = "1", paramLabel = "COLS", preprocessor = AtLeast.One.class, description = "Integers per line.")
  int cols;

  @Parameters(index = "2", paramLabel = "SEED", description = "Random seed.")
  long seed;

  @Option(names = "--min", paramLabel = "N", description = "Smallest value (default: ${DEFAULT-VALUE}).")
  long min = 0;

  @Option(names = "--max", paramLabel = "N", description = "Largest value (default: ${DEFAULT-VALUE}).")
  long max = 999_999;

  public static void main(String[] args) {
    Tool.main(new GenCsvCommand(), args);
  }

  @Override
  protected int run() throws IOException {
    if (min > max || max == Long.MAX_VALUE) {
      throw new ParameterException(spec.commandLine(), "need --min <= --max < 2^63-1, not " + min + ".." + max);
    }
    write(streams.out());
    return ExitStatus.OK.code();
  }

  /** The most bytes a field takes with its comma: a long's 20 characters ("-9223372036854775808") and one. */
  private static final int MAX_FIELD = 21;

  private void write(OutputStream out) throws IOException {
    SplittableRandom random = new SplittableRandom(seed);
    byte[] buffer = new byte[1 << 20];
    int size = 0;
    for (long row = 0; row < rows; row++) {
      for (int col = 0; col < cols; col++) {
        // written as the row is made: a buffer for a whole row of COLS fields ran out of heap
        if (buffer.length - size < MAX_FIELD) {
          out.write(buffer, 0, size);
          size = 0;
        }
        if (col > 0) buffer[size++] = ',';
        size = Digits.put(random.nextLong(min, max + 1), buffer, size);
      }
      if (size == buffer.length) {
        out.write(buffer, 0, size);
        size = 0;
      }
      buffer[size++] = '\n';
    }
    out.write(buffer, 0, size);
    out.flush();
  }
}
