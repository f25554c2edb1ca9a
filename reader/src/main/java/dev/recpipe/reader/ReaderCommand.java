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
import picocli.CommandLine.Parameters;

/**
 * {@code reader}: the first stage of a pipeline. Turns CSV rows of integers into records
 * {@code [seq, [integers...]]}, numbering the rows of all its input files as one sequence.
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
    })
public final class ReaderCommand extends ToolCommand {
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
      description = "CSV files to read in order. With none, or -, read stdin.")
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

  private void readFile(String file, CsvFormat format, RecordWriter out) throws IOException {
    if (file.equals(InputFiles.STDIN_ARGUMENT)) {
      copyRows(new CsvIntegerParser(streams.in(), InputFiles.STDIN_NAME, format), out);
      return;
    }
    try (InputStream in = InputFiles.open(file)) {
      copyRows(new CsvIntegerParser(in, file, format), out);
    }
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
