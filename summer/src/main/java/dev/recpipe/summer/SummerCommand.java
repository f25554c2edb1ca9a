package dev.recpipe.summer;

import dev.recpipe.common.cli.ExitStatus;
import dev.recpipe.common.cli.Tool;
import dev.recpipe.common.csv.DelimiterConverter;
import dev.recpipe.common.stage.Output;
import dev.recpipe.common.stage.StageCommand;
import dev.recpipe.common.stage.Value;
import java.io.IOException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code summer}: each record's value, an array of integers, replaced by its sum; a {@link
 * StageCommand}, as a user's own stage would be. With {@code --text} it is a plain line filter
 * instead, CSV rows in and decimal sums out, so it also drops into line-oriented scripts.
 */
@Command(
    name = "summer",
    description = {
      "Read records [seq, [integers...]] on stdin and write [seq, sum] records on stdout, in the"
          + " same order. Sums never overflow: beyond 64 bits they are CBOR bignums.",
      "",
      "With --text, read CSV rows of integers on stdin (as reader does) and write each row's sum"
          + " as a decimal line on stdout. Empty lines are skipped.",
      "",
    })
public final class SummerCommand extends StageCommand {
  /** The option's name, also in the hint for CSV given where records should be. */
  private static final String TEXT_OPTION = "--text";

  private final IntegerSum sum = new IntegerSum();

  @Option(
      names = TEXT_OPTION,
      description = "Read CSV text, not records, and write each row's sum as a line of text.")
  boolean text;

  @Option(
      names = {"-d", "--delimiter"},
      paramLabel = "CHAR",
      converter = DelimiterConverter.class,
      description = "With --text: the field delimiter, one ASCII character, or \\t or tab for a"
          + " tab. Default: ,")
  Byte delimiter;

  public static void main(String[] args) {
    Tool.main(new SummerCommand(), args);
  }

  @Override
  protected boolean writesRecords() {
    return !text;
  }

  @Override
  protected String textOption() {
    return TEXT_OPTION;
  }

  @Override
  protected int run() throws IOException {
    if (delimiter != null && !text) throw TextMode.delimiterNeedsText(spec);
    if (!text) return super.run();
    TextMode.run(streams, delimiter != null ? delimiter : (byte) ',');
    return ExitStatus.OK.code();
  }

  @Override
  public void process(Value value, Output out) throws IOException {
    sum.reset();
    value.readIntegers(sum);
    if (sum.fitsLong()) {
      out.emit(sum.longValue());
    } else {
      out.emit(sum.bigValue());
    }
  }
}
