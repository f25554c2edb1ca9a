package dev.recpipe.reader;

import dev.recpipe.common.OwnDescriptors;
import dev.recpipe.common.RecordWriter;
import dev.recpipe.common.cli.AtLeast;
import dev.recpipe.common.cli.ExitStatus;
import dev.recpipe.common.cli.PlainOptions;
import dev.recpipe.common.cli.Streams;
import dev.recpipe.common.cli.Tool;
import dev.recpipe.common.cli.ToolCommand;
import dev.recpipe.common.cli.WorksWith;
import dev.recpipe.common.csv.CsvException;
import dev.recpipe.common.csv.CsvFormat;
import dev.recpipe.common.csv.CsvIntegerParser;
import dev.recpipe.common.csv.CsvTextParser;
import dev.recpipe.common.csv.DelimiterConverter;
import dev.recpipe.common.csv.IntegerRow;
import dev.recpipe.common.csv.RowValues;
import dev.recpipe.common.csv.TextRow;
import dev.recpipe.common.progress.ProgressDisplay;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;

/**
 * {@code reader}: the first stage of a pipeline. Turns CSV rows of integers into records
 * {@code [seq, [integers...]]}, or with {@code --lines} each line of text into {@code [seq, "line"]},
 * or with {@code --text} or {@code --typed} any CSV into arrays or (with {@code -H}) maps of its
 * fields, numbering the rows or lines of all its input files as one sequence.
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
      "With --text, any CSV: each row is a record [seq, [\"field\", ...]] of its fields as text"
          + " (quotes taken off, \"\" made one quote, spaces kept), and with -H a map [seq, {\"name\":"
          + " \"field\", ...}] keyed by the file's header, whose names must differ; each row must then"
          + " have as many fields as the header, unless --ragged. --typed is --text with numbers: a"
          + " field that is an integer becomes an integer (of any size), a decimal such as 1.5 or -2e-3"
          + " a float (an exact decimal fraction where a float would change its digits), an empty field"
          + " null; anything else stays text. Fields must be UTF-8: an invalid byte is an error naming"
          + " the input, line and field, and the byte offset, e.g. rows.csv:2:2: invalid UTF-8 at"
          + " byte offset 6: expected a byte 0x80-0xbf after 0xc3, found 0x28; an unterminated quote"
          + " names the line where its field starts. Lines are physical lines: a line end inside"
          + " quotes counts.",
      "  reader --typed -H fruit.csv | writer -f jsonl",
      "",
      "For example, to run my-stage on each file of runs/, as records [seq, \"runs/NAME.csv\"]:",
      "  ls runs/*.csv | reader --lines - | fanout -n 4 my-stage | writer -f lines",
      "",
      "--label, --first-line, --first-byte and --first-seq read one part of a larger input as a"
          + " reader of the whole would: the seqs, and the places errors name, are the whole's. For"
          + " example, the rows from line 11 of rows.csv, which has a header line:",
      "  tail -n +11 rows.csv | reader --label rows.csv --first-line 11 --first-seq 9",
      "recpipe-spark gives each partition's reader these options.",
      "",
    })
public final class ReaderCommand extends ToolCommand {
  @Option(
      names = "--lines",
      description = "Read lines of text, not CSV: one record [seq, \"line\"] per line, empty lines"
          + " included. Cannot be used with -d, -H or --skip-bad.")
  boolean lines;

  @Option(
      names = "--text",
      description = "Read any CSV, its fields as text: one record [seq, [\"field\", ...]] per row, or"
          + " with -H [seq, {\"name\": \"field\", ...}], keyed by the header.")
  boolean text;

  @Option(
      names = "--typed",
      description = "As --text, but integers become integers, decimals floats (or exact decimal"
          + " fractions), and empty fields null; other fields stay text.")
  boolean typed;

  @Option(
      names = "--ragged",
      description = "With --text or --typed and -H: a row may have fewer fields than the header (its"
          + " map has fewer keys) or more (the extra ones keyed by their number, \"4\"), instead of"
          + " being an error.")
  boolean ragged;

  @Option(
      names = {"-d", "--delimiter"},
      paramLabel = "CHAR",
      converter = DelimiterConverter.class,
      description = "The field delimiter: one ASCII character, or \\t or tab for a tab. Default: ,")
  byte delimiter = ',';

  @Option(
      names = {"-H", "--header"},
      description = "The first row of every file is a header: skipped, or with --text and --typed the"
          + " keys of each row's map.")
  boolean header;

  @Option(
      names = "--skip-bad",
      description = "Skip bad rows instead of failing (a field that is not an integer; with --text or"
          + " --typed, text after a closing quote, invalid UTF-8, a field count unlike the header's),"
          + " and say on"
          + " stderr at the end how many and where the first was. A skipped row still uses its seq,"
          + " so seqs keep matching row positions.")
  boolean skipBad;

  @Option(
      names = "--label",
      paramLabel = "NAME",
      description = "Name the input NAME in messages, in place of its file name or stdin. One input"
          + " only.")
  String label;

  @Option(
      names = "--first-line",
      preprocessor = LineNumber.class,
      paramLabel = "LINE",
      description = "The input's first line is line LINE of a larger input: messages count lines from"
          + " there, and a byte order mark is skipped only at line 1. Default: 1; at most 2^62. One input"
          + " only.")
  long firstLine = 1;

  @Option(
      names = "--first-byte",
      preprocessor = ByteOffset.class,
      paramLabel = "OFFSET",
      description = "With --lines, --text or --typed: the input's first byte is at OFFSET in a larger"
          + " input, and messages count byte offsets from there. Default: 0; at most 2^62. One input only.")
  long firstByte;

  @Option(
      names = "--first-seq",
      preprocessor = AtLeast.Zero.class,
      paramLabel = "SEQ",
      description = "Number the records from SEQ instead of 0, e.g. SEQ rows after the start of a"
          + " larger input.")
  long firstSeq;

  @Option(
      names = "--progress",
      description = "Show on stderr how much of the input is read, like pv: percent, bar, rate and time left"
          + " (bytes read and rate only for input of unknown size, such as a pipe); redrawn in place on a"
          + " terminal, one summary line at the end otherwise. On a terminal, fanout --progress further"
          + " down the pipeline takes the line over.")
  boolean progress;

  @Parameters(
      paramLabel = "FILE",
      arity = "0..*",
      description = "Files to read in order. With none, or -, read stdin.")
  List<String> files = List.of();

  private final IntegerRow row = new IntegerRow();
  private final TextRow textRow = new TextRow();
  private final SkippedRows skipped = new SkippedRows();
  private Seqs seqs;
  private ReadProgress meter;

  public static void main(String[] args) {
    Tool.main(new ReaderCommand(), args);
  }

  @Override
  protected boolean writesRecords() {
    return true;
  }

  /**
   * {@code --lines}, read without picocli: with it, {@code reader --lines FILE...} starts as
   * cheaply as {@code reader FILE...}. Not the CSV options, whose runs ask picocli which were given
   * ({@link #matched}), nor those whose values picocli's preprocessors check.
   */
  private static final PlainOptions PLAIN = PlainOptions.NONE.withSwitch("--lines");

  @Override
  protected PlainOptions plainOptions() {
    return PLAIN;
  }

  /** {@code reader [--lines] [FILE...]}, the usual command lines, without picocli's start-up cost. */
  @Override
  protected boolean takes(PlainOptions.Given given) {
    lines = given.has("--lines");
    files = given.operands();
    return true;
  }

  @Override
  protected int run() throws IOException {
    checkTextOptions();
    if (lines) rejectCsvOptions();
    checkPartOptions();
    seqs = new Seqs(firstSeq);
    CsvFormat format = new CsvFormat(delimiter, header);
    RecordWriter out = new RecordWriter(streams.out());
    List<String> inputs = files.isEmpty() ? List.of(InputFiles.STDIN_ARGUMENT) : files;
    if (progress) startProgress(inputs);
    try {
      for (String file : inputs) {
        readFile(file, format, out);
      }
    } finally {
      out.flush(); // the records of the rows before a bad one still go out, whole
      if (meter != null) meter.finish(); // before any message, which then starts on a line of its own
      if (skipped.count() > 0) warn(skipped.summary());
    }
    return ExitStatus.OK.code();
  }

  private void startProgress(List<String> inputs) {
    long total = ReadProgress.totalSize(inputs, Path.of("/proc/self/fd/0"), ReadProgress.position(OwnDescriptors.info(0)));
    meter = new ReadProgress(total, ProgressDisplay.onStderr(streams.err(), false), System::nanoTime);
    meter.start();
  }

  /** {@code in}, counted for --progress if asked. */
  private InputStream counted(InputStream in) {
    return meter == null ? in : meter.count(in);
  }

  /** The CSV options mean nothing for lines of text: a usage error, not a silent no-op. */
  private void rejectCsvOptions() {
    for (String csvOption : new String[] {"--delimiter", "--header", "--skip-bad"}) {
      if (matched(csvOption)) throw usageError(csvOption + " is for CSV input; it cannot be used with --lines");
    }
  }

  /**
   * The options that place one input inside a larger one (their values are checked as they are
   * parsed): the line and byte options, which say where one input starts, cannot apply to several.
   */
  private void checkPartOptions() {
    if (!lines && !text && !typed && matched("--first-byte")) {
      // integer CSV's messages name lines and fields, no byte offset
      throw usageError(WorksWith.only(spec, "--first-byte", "--lines, --text or --typed", "one of them"));
    }
    if (files.size() > 1) {
      for (String option : new String[] {"--label", "--first-line", "--first-byte"}) {
        if (matched(option)) throw usageError(option + " is for one input; " + files.size() + " files were given");
      }
    }
  }

  /**
   * The largest --first-line and --first-byte, 2^62: counting on from it through one input, which
   * holds fewer lines and bytes than that, never passes the largest long. Past it, a message's line
   * number could wrap to a negative one, an internal error where the message names the line.
   */
  private static final long MAX_PLACE = 1L << 62;

  /** A --first-line: from 1 to {@link #MAX_PLACE}. */
  public static final class LineNumber extends AtLeast {
    public LineNumber() {
      super(1, MAX_PLACE);
    }
  }

  /** A --first-byte: from 0 to {@link #MAX_PLACE}. */
  public static final class ByteOffset extends AtLeast {
    public ByteOffset() {
      super(0, MAX_PLACE);
    }
  }

  /** Whether the command line has {@code option}; a run without arguments has no command line (no spec). */
  private boolean matched(String option) {
    return spec != null && spec.commandLine().getParseResult().hasMatchedOption(option);
  }

  private ParameterException usageError(String message) {
    return new ParameterException(spec.commandLine(), message);
  }

  private void readFile(String file, CsvFormat format, RecordWriter out) throws IOException {
    if (file.equals(InputFiles.STDIN_ARGUMENT)) {
      String name = nameOf(InputFiles.STDIN_NAME);
      copy(counted(InputFiles.stdin(streams.in(), name)), name, format, out);
      return;
    }
    try (InputStream in = InputFiles.open(file, Streams.isClosed(0))) {
      copy(counted(in), nameOf(file), format, out);
    }
  }

  /** The input's name in messages: the --label, else the file's. */
  private String nameOf(String input) {
    return label != null ? label : input;
  }

  private void copy(InputStream in, String source, CsvFormat format, RecordWriter out) throws IOException {
    // Without --skip-bad, a row past the limit ends the run there: its own end is not looked for, as
    // it may have none (reader /dev/zero)
    if (text || typed) {
      CsvTextParser parser = new CsvTextParser(in, source, format, firstLine, firstByte);
      if (!skipBad) parser.stopAtARowPastTheLimit();
      copyFields(parser, format, out);
    } else if (lines) {
      copyLines(new TextLineParser(in, source, firstLine, firstByte), source, out);
    } else {
      CsvIntegerParser parser = new CsvIntegerParser(in, source, format, firstLine);
      if (!skipBad) parser.stopAtARowPastTheLimit();
      copyRows(parser, source, out);
    }
  }

  private void copyLines(TextLineParser parser, String source, RecordWriter out) throws IOException {
    while (parser.next()) {
      out.writeText(seqs.next(source, parser.lineNumber()), parser.bytes(), parser.start(), parser.length());
    }
  }

  private void copyRows(CsvIntegerParser parser, String source, RecordWriter out) throws IOException {
    while (parser.next(row)) {
      long seq = seqs.next(source, row.line());
      if (row.isBad()) {
        skipBadRow();
      } else if (row.hasBig()) {
        out.write(seq, row.values());
      } else {
        out.writeIntegers(seq, row.longs(), row.size());
      }
    }
  }

  /** --text and --typed are two ways to read CSV, and --ragged is for their maps. */
  private void checkTextOptions() {
    String mode = text ? "--text" : "--typed";
    if (text && typed) {
      throw new ParameterException(spec.commandLine(), "--text and --typed cannot be used together: --typed reads text fields too");
    }
    if ((text || typed) && lines) {
      throw new ParameterException(spec.commandLine(), mode + " is for CSV input; it cannot be used with --lines");
    }
    if (ragged && !(header && (text || typed))) { // a ragged row's fields are keyed by the header's names
      String add = header ? "--text or --typed" : text || typed ? "-H" : "-H and --text or --typed";
      throw new ParameterException(spec.commandLine(), WorksWith.only(spec, "--ragged", "-H and --text or --typed", add));
    }
  }

  /** --text and --typed: each row's fields, text or typed, in an array or with -H a map. */
  private void copyFields(CsvTextParser parser, CsvFormat format, RecordWriter out) throws IOException {
    List<String> names = parser.header();
    RowValues values = typed ? RowValues.typed(names, ragged, format) : RowValues.text(names, ragged);
    while (parser.next(textRow)) {
      long seq = seqs.next(textRow.source(), textRow.line());
      try {
        out.write(seq, values.valueOf(textRow, seq));
      } catch (CsvException e) {
        if (!skipBad) throw e;
        skipped.add(e);
      }
    }
  }

  private void skipBadRow() throws IOException {
    if (!skipBad) throw row.error();
    skipped.add(row.error());
  }
}
