package dev.recpipe.fanout;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.recpipe.common.RecordWriter;
import dev.recpipe.common.cli.PicocliAgreement;
import dev.recpipe.common.testing.Hex;
import dev.recpipe.common.testing.RandomCommandLines;
import dev.recpipe.common.testing.ToolRun;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import picocli.CommandLine.Command;

/**
 * fanout reads its usual command line without picocli (UsualCommandLine, for its start-up cost),
 * and only where picocli would read the same values without a word: each command line read so is
 * checked against picocli's reading of it, field by field, over the edges and over random command
 * lines made of fanout's options, values at and past their edges, CMDs and arguments that look
 * like options.
 */
class UsualCommandLineTest {
  /** The pieces of the random command lines. */
  private static final String[] TOKENS = {
    "-n", "--workers", "-b", "--batch", "--retries", "--each", "--lines", "--each", "--lines", "--lines=true",
    "--verbose", "-h", "--help", "-V", "--", "-n2",
    "--workers=2", "1", "2", "8", "0", "08", "-1", "+3", "2147483647", "2147483648", "99999999999", "",
    "cat", "summer", "deal", "merge", "@args", "a b", "{}",
  };

  @ParameterizedTest
  @ValueSource(strings = {
    "cat", "-n 8 summer", "--workers 8 summer", "-n 2 -b 1 summer", "-b 1 -n 2 summer", "--batch 256 cat",
    "-n 1 sh -c cat", "-n 2147483647 cat", "-n 1 cat -n 0 --retries -1", "-n 1 cat deal", "-n 1 cat --help",
    "-n 2 --lines awk {print}", "--lines -n 2 -b 4 cat", "--lines cat --each", "-n 4 --each echo {}", "--each -n 4 echo",
    "--each cat --lines -b 2",
  })
  void theUsualFormsAreReadWithoutPicocli(String args) {
    assertReadAsPicocliReadsIt(args.split(" "), true);
  }

  @ParameterizedTest
  @ValueSource(strings = {
    "", "-n 2", "-n 0 cat", "-n 08 cat", "-n -1 cat", "-n +3 cat", "-n 2147483648 cat", "-n2 cat",
    "--workers=2 cat", "-n 2 -n 3 cat", "-b 1 --batch 2 cat", "--retries 1 cat", "--help",
    "-V", "--verbose cat", "-- cat", "deal a b", "merge a", "-n 2 deal", "-n  cat",
    "--lines", "-n 2 --lines", "--lines --lines cat", "--each --each cat", "--lines=true cat", "--each --lines cat",
    "--lines -n 2 --each cat", "--each -b 2 cat", "-b 2 --each cat", "--each --batch 2 cat", "--lines deal",
  })
  void everyOtherFormIsPicoclis(String args) {
    assertReadAsPicocliReadsIt(args.isEmpty() ? new String[0] : args.split(" ", -1), false);
  }

  @Test
  void randomCommandLinesAreReadAsPicocliReadsThem() {
    int read = RandomCommandLines.check(TOKENS, 12, 3000, 7, args -> assertReadAsPicocliReadsIt(args, null));
    assertTrue(read > 100, "too few random command lines of the usual form to say much: " + read);
  }

  /**
   * The forms the run refuses through picocli's parse result, which a run without picocli has not,
   * are picocli's, and end in its usage error: --each with --lines, --each with -b.
   */
  @ParameterizedTest
  @ValueSource(strings = {
    "--each --lines cat:--lines and --each do not go together",
    "--each -b 2 cat:-b does not apply to --each",
  })
  void formsTheRunRefusesEndInTheUsageError(String lineAndMessage) {
    String[] parts = lineAndMessage.split(":");
    ToolRun run = ToolRun.of(new FanoutCommand(), new byte[0], parts[0].split(" "));
    assertEquals(2, run.status());
    assertEquals("fanout: " + parts[1] + "\nTry 'fanout --help' for more information.\n", run.stderr());
  }

  /**
   * A run of --lines or --each read without picocli is the run picocli reads: the same command line
   * with --verbose (which only adds stack traces to failures) goes to picocli.
   */
  @ParameterizedTest
  @ValueSource(strings = {"-n 2 --lines cat", "-n 2 -b 1 --lines rev", "-n 3 --each echo x{}y", "--each -n 2 echo"})
  void runsOfLinesAndEachAreTheRunsPicocliReads(String line) throws IOException {
    String[] args = line.split(" ");
    assertTrue(new FanoutCommand().takesArguments(args.clone()), line);
    List<String> forced = new ArrayList<>(List.of(args));
    forced.add(0, "--verbose");
    byte[] records = textRecords("ab", "cd", "", "ef");
    ToolRun quick = ToolRun.of(new FanoutCommand(), records, args);
    ToolRun picocli = ToolRun.of(new FanoutCommand(), records, forced.toArray(new String[0]));
    assertEquals(0, quick.status(), quick.stderr());
    assertEquals(picocli.status(), quick.status(), line);
    assertEquals(Hex.encode(picocli.stdoutBytes()), Hex.encode(quick.stdoutBytes()), line);
    assertEquals(picocli.stderr(), quick.stderr(), line);
  }

  @Test
  void theSubcommandsAreFanoutsOwn() {
    List<String> names = Arrays.stream(FanoutCommand.class.getAnnotation(Command.class).subcommands())
        .map(subcommand -> subcommand.getAnnotation(Command.class).name())
        .collect(Collectors.toList());
    assertEquals(UsualCommandLine.SUBCOMMANDS, Set.copyOf(names));
  }

  /**
   * Reads {@code args} both ways; when read without picocli, picocli must read them to the same
   * fields. {@code expected}: whether they should be read without picocli, or null for either.
   * Returns whether they were.
   */
  private static boolean assertReadAsPicocliReadsIt(String[] args, Boolean expected) {
    return PicocliAgreement.check(FANOUT, args, expected);
  }

  private static final PicocliAgreement.Subject<FanoutCommand> FANOUT = new PicocliAgreement.Subject<>() {
    @Override
    public FanoutCommand make() {
      return new FanoutCommand();
    }

    @Override
    public boolean takes(FanoutCommand command, String[] args) {
      return command.takesArguments(args);
    }

    @Override
    public String fields(FanoutCommand command) {
      return UsualCommandLineTest.fields(command);
    }
  };

  /** Records {@code [0, texts[0]], [1, texts[1]], ...}. */
  private static byte[] textRecords(String... texts) throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    RecordWriter out = new RecordWriter(bytes);
    for (int seq = 0; seq < texts.length; seq++) out.write(seq, texts[seq]);
    out.flush();
    return bytes.toByteArray();
  }

  /** Every field a run reads, as text. */
  private static String fields(FanoutCommand command) {
    List<Object> values = new ArrayList<>(List.of(command.workers, command.graceSeconds, command.retries,
        command.stallSeconds, command.progress, command.total, command.each, command.lines, String.valueOf(command.command),
        command.arguments));
    if (command.deal != null) values.addAll(Arrays.asList(command.deal.batch, command.deal.dispatch)); // batch null: the default
    if (command.merge != null) values.addAll(List.of(command.merge.unordered, command.merge.bufferMib));
    return values.toString();
  }
}
