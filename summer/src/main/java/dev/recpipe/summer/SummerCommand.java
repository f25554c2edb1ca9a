package dev.recpipe.summer;

import dev.recpipe.common.RecordReader;
import dev.recpipe.common.RecordWriter;
import dev.recpipe.common.cli.ExitCodes;
import dev.recpipe.common.cli.Tool;
import dev.recpipe.common.cli.ToolCommand;
import dev.recpipe.common.csv.CsvFormat;
import dev.recpipe.common.csv.CsvIntegerParser;
import dev.recpipe.common.csv.DelimiterConverter;
import dev.recpipe.common.csv.IntegerRow;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;

/**
 * {@code summer}: each record's value, an array of integers, replaced by its sum. With
 * {@code --text} it is a plain line filter instead, CSV rows in and decimal sums out, so it also
 * drops into line-oriented scripts.
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
public final class SummerCommand extends ToolCommand {
  private static final String STDIN_NAME = "stdin";

  @Option(
      names = "--text",
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
  protected boolean runsWithoutArguments() {
    return true;
  }

  @Override
  protected int run() throws IOException {
    if (delimiter != null && !text) {
      throw new ParameterException(spec.commandLine(), "option '--delimiter' needs --text");
    }
    return text ? runText() : runRecords();
  }

  private int runRecords() throws IOException {
    RecordReader records = new RecordReader(streams.in());
    RecordWriter out = new RecordWriter(streams.out());
    try {
      sumAll(records, out);
    } finally {
      out.flush(); // the sums of the records before a bad one still go out, whole
    }
    return ExitCodes.OK;
  }

  private static void sumAll(RecordReader records, RecordWriter out) throws IOException {
    IntegerSum sum = new IntegerSum();
    while (records.next()) {
      sum.reset();
      records.readIntegers(sum);
      if (sum.fitsLong()) {
        out.writeInteger(records.seq(), sum.longValue());
      } else {
        out.write(records.seq(), sum.bigValue());
      }
    }
  }

  /** {@code --text}: CSV rows in, one decimal sum per line out. */
  private int runText() throws IOException {
    CsvFormat format = CsvFormat.DEFAULT.withDelimiter(delimiter != null ? delimiter : (byte) ',');
    CsvIntegerParser parser = new CsvIntegerParser(streams.in(), STDIN_NAME, format);
    OutputStream out = new BufferedOutputStream(streams.out(), 64 * 1024);
    try {
      sumRows(parser, out);
    } finally {
      out.flush(); // the sums of the rows before a bad one still go out
    }
    return ExitCodes.OK;
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
