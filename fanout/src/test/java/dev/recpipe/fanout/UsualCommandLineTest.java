package dev.recpipe.fanout;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.recpipe.common.cli.Tool;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import picocli.CommandLine;
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
    "-n", "--workers", "-b", "--batch", "--retries", "--each", "--verbose", "-h", "--help", "-V", "--", "-n2",
    "--workers=2", "1", "2", "8", "0", "08", "-1", "+3", "2147483647", "2147483648", "99999999999", "",
    "cat", "summer", "deal", "merge", "@args", "a b", "{}",
  };

  @ParameterizedTest
  @ValueSource(strings = {
    "cat", "-n 8 summer", "--workers 8 summer", "-n 2 -b 1 summer", "-b 1 -n 2 summer", "--batch 256 cat",
    "-n 1 sh -c cat", "-n 2147483647 cat", "-n 1 cat -n 0 --retries -1", "-n 1 cat deal", "-n 1 cat --help",
  })
  void theUsualFormsAreReadWithoutPicocli(String args) {
    assertReadAsPicocliReadsIt(args.split(" "), true);
  }

  @ParameterizedTest
  @ValueSource(strings = {
    "", "-n 2", "-n 0 cat", "-n 08 cat", "-n -1 cat", "-n +3 cat", "-n 2147483648 cat", "-n2 cat",
    "--workers=2 cat", "-n 2 -n 3 cat", "-b 1 --batch 2 cat", "--retries 1 cat", "--each echo", "--help",
    "-V", "--verbose cat", "-- cat", "deal a b", "merge a", "-n 2 deal", "-n  cat",
  })
  void everyOtherFormIsPicoclis(String args) {
    assertReadAsPicocliReadsIt(args.isEmpty() ? new String[0] : args.split(" ", -1), false);
  }

  @Test
  void randomCommandLinesAreReadAsPicocliReadsThem() {
    Random random = new Random(12);
    int read = 0;
    for (int run = 0; run < 3000; run++) {
      String[] args = new String[random.nextInt(7)];
      for (int i = 0; i < args.length; i++) args[i] = TOKENS[random.nextInt(TOKENS.length)];
      if (assertReadAsPicocliReadsIt(args, null)) read++;
    }
    assertTrue(read > 100, "too few random command lines of the usual form to say much: " + read);
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
    String shown = Arrays.toString(args);
    FanoutCommand quick = new FanoutCommand();
    String before = fields(quick);
    boolean taken = quick.takesArguments(args.clone());
    if (expected != null) assertEquals(expected, taken, shown);
    if (!taken) {
      assertEquals(before, fields(quick), shown + ": fields changed though left to picocli");
      return false;
    }
    FanoutCommand parsed = new FanoutCommand();
    CommandLine.ParseResult result;
    try {
      result = Tool.commandLine(parsed).parseArgs(args.clone());
    } catch (CommandLine.ParameterException e) {
      fail(shown + ": read without picocli, but picocli refuses it: " + e.getMessage());
      return true;
    }
    assertFalse(result.hasSubcommand(), shown);
    assertFalse(result.isUsageHelpRequested() || result.isVersionHelpRequested(), shown);
    assertEquals(fields(parsed), fields(quick), shown);
    return true;
  }

  /** Every field a run reads, as text. */
  private static String fields(FanoutCommand command) {
    List<Object> values = new ArrayList<>(List.of(command.workers, command.graceSeconds, command.retries,
        command.stallSeconds, command.progress, command.total, command.each, String.valueOf(command.command),
        command.arguments));
    if (command.deal != null) values.addAll(Arrays.asList(command.deal.batch, command.deal.dispatch)); // batch null: the default
    if (command.merge != null) values.addAll(List.of(command.merge.unordered, command.merge.bufferMib));
    return values.toString();
  }
}
