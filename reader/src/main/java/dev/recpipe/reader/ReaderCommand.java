package dev.recpipe.reader;

import dev.recpipe.common.RecordWriter;
import dev.recpipe.common.cli.ExitCodes;
import dev.recpipe.common.cli.Tool;
import dev.recpipe.common.cli.ToolCommand;
import dev.recpipe.common.csv.CsvFormat;
import dev.recpipe.common.csv.CsvIntegerParser;
import dev.recpipe.common.csv.DelimiterConverter;
import dev.recpipe.common.csv.IntegerRow;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;

/**
 * {@code reader}: the first stage of a pipeline. Turns CSV rows of integers into records
 * {@code [seq, [integers...]]}, or with {@code --lines} each line of text into {@code [seq, "line"]},
 * numbering the rows or lines of all its input files as one sequence.
 */
@Command(
    name = "reader",
    description = {
      "Read CSV rows of integers from each FILE in turn and write one record [seq, [integers...]]"
          + " per row on stdout. seq counts rows from 0 over all FILEs together.",
      "",
      "CSV as in RFC 4180: fields may be in double quotes (\"12\" is the integer 12). An integer is"
          + " an optional + or - and digits, of any size; spaces and tabs around it are ignored."
          + " Lines may end in LF or CRLF, and a UTF-8 byte order mark is skipped. Empty lines (no"
          + " bytes, or only a CR) are skipped and use no seq.",
      "",
      "Errors name the input (stdin for standard input), the line and the field number, e.g."
          + " rows.csv:17:3: expected an integer, found \"abc\". The records of the rows before the"
          + " error are written; nothing after it.",
      "",
      "With --lines, each line of text is one record [seq, \"line\"] instead, its value a text"
          + " string. Every line is a record, empty ones too, so seq is the line's index (from 0, over"
          + " all FILEs). The LF that ends a line is not part of the text, and neither is a CR just"
          + " before it: LF and CRLF line ends, as in CSV mode. Any other CR is kept, and so is a byte"
          + " order mark. The last line may lack an LF. Lines must be UTF-8; an invalid byte is an"
          + " error naming the input, the line and the byte offset from the input's start, e.g."
          + " names.txt:3: invalid UTF-8 at byte offset 17: expected a byte 0x80-0xbf after 0xc3,"
          + " found 0x28.",
      "",
      "For example, to run my-stage on each file of runs/, as records [seq, \"runs/NAME.csv\"]:",
      "  ls runs/*.csv | reader --lines - | fanout -n 4 my-stage | writer -f lines",
      "",
    })
public final class ReaderCommand extends ToolCommand {
  @Option(
      names = "--lines",
      description = "Read lines of text, not CSV: one record [seq, \"line\"] per line, empty lines"
          + " included. Cannot be used with -d, -H or --skip-bad.")
  boolean lines;

  @Option(
      names = {"-d", "--delimiter"},
      paramLabel = "CHAR",
      converter = DelimiterConverter.class,
      description = "The field delimiter: one ASCII character, or \\t or tab for a tab. Default: ,")
  byte delimiter = ',';

  @Option(names = {"-H", "--header"}, description = "Skip the first row of every file: a header.")
  boolean header;

  @Option(
      names = "--skip-bad",
      description = "Skip rows with a field that is not an integer instead of failing, and say on"
          + " stderr at the end how many and where the first was. A skipped row still uses its seq,"
          + " so seqs keep matching row positions.")
  boolean skipBad;

  @Parameters(
      paramLabel = "FILE",
      arity = "0..*",
      description = "Files to read in order. With none, or -, read stdin.")
  List<String> files = List.of();

  private final IntegerRow row = new IntegerRow();
  private final SkippedRows skipped = new SkippedRows();
  private long nextSeq;

  public static void main(String[] args) {
    Tool.main(new ReaderCommand(), args);
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
    if (lines) rejectCsvOptions();
    CsvFormat format = new CsvFormat(delimiter, header);
    RecordWriter out = new RecordWriter(streams.out());
    try {
      for (String file : files.isEmpty() ? List.of(InputFiles.STDIN_ARGUMENT) : files) {
        readFile(file, format, out);
      }
    } finally {
      out.flush(); // the records of the rows before a bad one still go out, whole
      if (skipped.count() > 0) warn(skipped.summary());
    }
    return ExitCodes.OK;
  }

  /** The CSV options mean nothing for lines of text: a usage error, not a silent no-op. */
  private void rejectCsvOptions() {
    for (String csvOption : new String[] {"--delimiter", "--header", "--skip-bad"}) {
      if (spec.commandLine().getParseResult().hasMatchedOption(csvOption)) {
        throw new ParameterException(spec.commandLine(), csvOption + " is for CSV input; it cannot be used with --lines");
      }
    }
  }

  private void readFile(String file, CsvFormat format, RecordWriter out) throws IOException {
    if (file.equals(InputFiles.STDIN_ARGUMENT)) {
      copy(streams.in(), InputFiles.STDIN_NAME, format, out);
      return;
    }
    try (InputStream in = InputFiles.open(file)) {
      copy(in, file, format, out);
    }
  }

  private void copy(InputStream in, String source, CsvFormat format, RecordWriter out) throws IOException {
    if (lines) {
      copyLines(new TextLineParser(in, source), out);
    } else {
      copyRows(new CsvIntegerParser(in, source, format), out);
    }
  }

  private void copyLines(TextLineParser parser, RecordWriter out) throws IOException {
    while (parser.next()) out.writeText(nextSeq++, parser.bytes(), parser.start(), parser.length());
  }

  private void copyRows(CsvIntegerParser parser, RecordWriter out) throws IOException {
    while (parser.next(row)) {
      long seq = nextSeq++;
      if (row.isBad()) {
        skipBadRow();
      } else if (row.hasBig()) {
        out.write(seq, row.values());
      } else {
        out.writeIntegers(seq, row.longs(), row.size());
      }
    }
  }

  private void skipBadRow() throws IOException {
    if (!skipBad) throw row.error();
    skipped.add(row.error());
  }
}
