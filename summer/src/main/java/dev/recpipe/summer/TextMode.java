package dev.recpipe.summer;

import dev.recpipe.common.cli.Streams;
import dev.recpipe.common.cli.WorksWith;
import dev.recpipe.common.csv.CsvFormat;
import dev.recpipe.common.csv.CsvIntegerParser;
import dev.recpipe.common.csv.IntegerRow;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;

/**
 * {@code summer --text}: CSV rows in, one decimal sum per line out, and the check of its options.
 *
 * <p>A class of its own so that a summer reading records, as every fanout worker does, loads none
 * of it: neither the CSV parser nor picocli's exceptions, whose Java 5 class files class-data sharing
 * can't archive, so each costs a start-up its loading and old-style verification.
 */
final class TextMode {
  private static final String STDIN_NAME = "stdin";

  private TextMode() {}

  /**
   * The usage error for {@code --delimiter} without {@code --text}, typed as a RuntimeException so
   * that the code that throws it needs no picocli class loaded to be verified.
   */
  static RuntimeException delimiterNeedsText(CommandSpec spec) {
    return new ParameterException(spec.commandLine(), WorksWith.only(spec, "--delimiter", "--text"));
  }

  /** Sums the CSV rows of {@code streams.in()} onto {@code streams.out()}; flushes what it summed, even on failure. */
  static void run(Streams streams, byte delimiter) throws IOException {
    CsvFormat format = CsvFormat.DEFAULT.withDelimiter(delimiter);
    CsvIntegerParser parser = new CsvIntegerParser(streams.in(), STDIN_NAME, format);
    parser.stopAtARowPastTheLimit(); // summer stops at the first bad row, and this row may have no end
    OutputStream out = new BufferedOutputStream(streams.out(), 64 * 1024);
    try {
      sumRows(parser, out);
    } finally {
      out.flush(); // the sums of the rows before a bad one still go out
    }
  }

  private static void sumRows(CsvIntegerParser parser, OutputStream out) throws IOException {
    IntegerRow row = new IntegerRow();
    IntegerSum sum = new IntegerSum();
    while (parser.next(row)) {
      if (row.isBad()) throw row.error();
      sumRow(row, sum);
      out.write(sum.toString().getBytes(StandardCharsets.US_ASCII));
      out.write('\n');
    }
  }

  private static void sumRow(IntegerRow row, IntegerSum sum) {
    sum.reset();
    long[] longs = row.longs();
    for (int i = 0; i < row.size(); i++) {
      if (row.isBig(i)) {
        sum.add(row.bigValue(i));
      } else {
        sum.add(longs[i]);
      }
    }
  }
}
