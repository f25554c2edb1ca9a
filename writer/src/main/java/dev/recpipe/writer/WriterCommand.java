package dev.recpipe.writer;

import dev.recpipe.common.TextInputException;
import dev.recpipe.common.cli.ExitStatus;
import dev.recpipe.common.cli.PlainOptions;
import dev.recpipe.common.cli.Refusal;
import dev.recpipe.common.cli.Tool;
import dev.recpipe.common.cli.ToolCommand;
import java.io.IOException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;

/** {@code writer}: the end of a pipeline, records in, one line of text per record out. */
@Command(
    name = "writer",
    description = {
      "Read records [seq, value] on stdin and write one line of text per record on stdout, in the"
          + " order read.",
      "",
      "Formats, each shown for the record [0, [1, 2, 3]]:",
      "  csv    0,1,2,3                    fields quoted as RFC 4180 says",
      "  tsv    0<TAB>1<TAB>2<TAB>3        \\t \\n \\r \\\\ escaped in text",
      "  jsonl  {\"seq\":0,\"value\":[1,2,3]}  one JSON object per line",
      "  lines  [1,2,3]                    the value alone, no seq",
      "",
      "In csv and tsv an array value is spread over one field per element after seq; a map, or an"
          + " array inside the array, is one field holding its JSON text; null is an empty field.",
      "Integers are plain decimal of any size; floats the shortest decimal that reads back the"
          + " same (2.0, 0.1, 1.0E20; NaN and Infinity are null in jsonl); decimal fractions (tag 4,"
          + " from reader --typed) every digit, plain for exponents from -1000 to 1000, else as"
          + " 1E+1001; byte strings base64.",
      "A map key is text or an integer, written as a JSON string (an integer in decimal); any other"
          + " key is refused, as every stage refuses it, e.g. byte offset 3 (record seq 0): unsupported"
          + " CBOR: a map key that is a byte string; recpipe reads map keys that are text strings or"
          + " integers. Text that is not UTF-8 is an error, e.g. byte offset 3 (record seq 1): invalid"
          + " CBOR: text that is not UTF-8: expected a byte 0x80-0x9f after 0xed, found 0xa0.",
      "",
      "lines is for tools that read plain lines, and what reader --lines reads back: a text value"
          + " is written as it is, other values as in csv (null is an empty line), arrays and maps as"
          + " JSON as in jsonl. Text that contains a newline cannot be one line: it is an error, e.g."
          + " record seq 7 (byte offset 42): -f lines cannot write text that contains a newline; use"
          + " -f jsonl.",
      "  ls runs/*.csv | reader --lines - | fanout -n 4 my-stage | writer -f lines",
      "",
    })
public final class WriterCommand extends ToolCommand {
  @Option(
      names = {"-f", "--format"},
      paramLabel = "FORMAT",
      description = "One of: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}).")
  OutputFormat format = OutputFormat.csv;

  @Option(
      names = {"-o", "--output"},
      paramLabel = "FILE",
      description = {
        "Write to FILE instead of stdout (-, /dev/stdout and /dev/fd/1 are stdout, /dev/stderr and"
            + " /dev/fd/2 stderr). A regular file"
            + " (or no file) is replaced whole, and only after all input was read and written: on any"
            + " failure it is left as it was. A symbolic link is followed and kept: the file it leads"
            + " to is replaced; but a file /dev/fd/N is open on is written into, as the shell's > /dev/fd/N"
            + " writes it (3>> log appended to, 3> out written where 3 stands). A"
            + " FIFO or a character device (/dev/null, a terminal) is written"
            + " straight through, as the lines come: not atomic. A directory, a name ending in /, a"
            + " socket or a block device is refused."
      })
  String output;

  public static void main(String[] args) {
    Tool.main(new WriterCommand(), args);
  }

  /**
   * {@code -f FORMAT} and {@code -o FILE}, read without picocli: a format by its constant's name,
   * as picocli converts it; a file name that is not empty (the run asks picocli's spec to refuse
   * that) and that picocli could not take for an option.
   */
  private static final PlainOptions PLAIN = PlainOptions.NONE
      .withValue(PlainOptions.constantOf(OutputFormat.class), "-f", "--format")
      .withValue(PlainOptions.PLAIN_WORD, "-o", "--output");

  @Override
  protected PlainOptions plainOptions() {
    return PLAIN;
  }

  /** {@code writer [-f FORMAT] [-o FILE]}, the usual command lines, without picocli's start-up cost: no operands. */
  @Override
  protected boolean takes(PlainOptions.Given given) {
    if (!given.operands().isEmpty()) return false;
    if (given.has("-f")) format = OutputFormat.valueOf(given.value("-f"));
    if (given.has("-o")) output = given.value("-o");
    return true;
  }

  @Override
  protected int run() throws IOException {
    try (Destination destination = destination()) {
      new LineWriter(format.newLineFormat(), destination.output()).writeAll(streams.in());
      destination.commit();
    } catch (TextInputException e) {
      throw e.hintFor(name(), null);
    }
    return ExitStatus.OK.code();
  }

  private Destination destination() throws IOException {
    if (output == null) return Destination.stdout(streams.out());
    if (output.isEmpty()) { // said as every refused value is, naming -o as typed (Refusal)
      Refusal empty = new Refusal("is empty", "a file name, or - for stdout");
      throw new ParameterException(spec.commandLine(), "--output: '' is empty; give a file name, or - for stdout",
          empty, spec.findOption("--output"), output);
    }
    return OutputTarget.open(output, streams.out());
  }
}
