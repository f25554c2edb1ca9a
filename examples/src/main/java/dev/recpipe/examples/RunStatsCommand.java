package dev.recpipe.examples;

import dev.recpipe.common.cli.Tool;
import dev.recpipe.common.stage.Output;
import dev.recpipe.common.stage.StageCommand;
import dev.recpipe.common.stage.Value;
import java.io.IOException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code runstats}: an example stage whose records name files, as a lab's list of run files: for each
 * record {@code [seq, "runs/run-03.csv"]} it reads that file and writes {@code [seq, [file, rows,
 * mean, max]]} of one measurement column. A record's work is reading a file, not decoding the
 * record's few bytes: costly records, the kind {@code fanout} pays off on, as in {@code ls runs/*.csv
 * | reader --lines - | fanout -n 8 runstats | writer}. It is also the example of a {@link
 * StageCommand} that is not summing: one option, text in, a mixed array out, and errors that name
 * the file and the record.
 */
@Command(
    name = "runstats",
    description = {
      "Read records [seq, \"FILE\"], each naming a run file, and write one record [seq, [\"FILE\","
          + " rows, mean, max]] per file: how many data rows it has, and the mean and the largest"
          + " value of its measurement column (null and null for a file with no rows).",
      "",
      "A run file is CSV text in UTF-8: a header line naming the columns, then one line of"
          + " comma-separated fields per row, all with as many fields as the header; fields are not"
          + " quoted. The measurement column holds decimal numbers, e.g. 21.5, -3, 1.2e-3. Empty lines"
          + " are skipped. Relative file names are taken from the current directory.",
      "",
      "A file that can't be read or is malformed stops the stage, e.g. runstats: record seq 3 (byte"
          + " offset 54): runs/run-04.csv:7: temp_C: expected a decimal number, found \"n/a\".",
      "",
      "Example: ls runs/*.csv | reader --lines - | fanout -n 4 runstats | writer",
      "",
    })
public final class RunStatsCommand extends StageCommand {
  @Option(
      names = {"-c", "--column"},
      paramLabel = "NAME",
      description = "The measurement column, by its name in the header. Default: the last column.")
  String column;

  public static void main(String[] args) {
    Tool.main(new RunStatsCommand(), args);
  }

  @Override
  public void process(Value value, Output out) throws IOException {
    out.emit(RunFile.summarize(value.readText(), column).toValue());
  }
}
