package dev.recpipe.common.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.recpipe.common.testing.RandomCommandLines;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * A command line of a tool's {@link PlainOptions} and operands is read without picocli, and only
 * where picocli reads it to the same fields without a word: checked field by field against
 * picocli over the edges and over random command lines of options, values at and past their
 * edges, attached values, '--', '-', the empty string and options the table does not know.
 */
class PlainOptionsTest {
  enum Kind { red, green }

  @Command(name = "plain")
  static final class Plain extends ToolCommand {
    static final PlainOptions PLAIN = PlainOptions.NONE
        .withSwitch("--on")
        .withValue(PlainOptions.constantOf(Kind.class), "-k", "--kind")
        .withValue(PlainOptions.PLAIN_WORD, "-o", "--out");

    @Option(names = "--on") boolean on;
    @Option(names = {"-k", "--kind"}) Kind kind = Kind.red;
    @Option(names = {"-o", "--out"}) String out;
    @Option(names = "--other") boolean other;
    @Parameters(arity = "0..*") List<String> files = List.of();

    @Override
    protected PlainOptions plainOptions() {
      return PLAIN;
    }

    @Override
    protected boolean takes(PlainOptions.Given given) {
      on = given.has("--on");
      if (given.has("--kind")) kind = Kind.valueOf(given.value("-k"));
      if (given.has("-o")) out = given.value("--out");
      files = given.operands();
      return true;
    }

    @Override
    protected int run() {
      return 0;
    }

    String fields() {
      return List.of(on, kind, String.valueOf(out), other, verbose, files).toString();
    }
  }

  private static final String[] TOKENS = {
    "--on", "-k", "--kind", "-o", "--out", "--other", "--verbose", "--help", "-V", "--", "-", "",
    "red", "green", "Red", "blue", "a", "a b", "@a", "-x", "-kred", "--kind=red", "--on=true", "-o-", "--out=a",
  };

  @ParameterizedTest
  @ValueSource(strings = {
    "", "a", "--on", "--on a b", "a --on b", "-k green", "--kind red a", "a -k green --on", "-o a", "-o -",
    "--out a b --on -k red", "-o @a", "- -o a b",
  })
  void plainFormsAreReadWithoutPicocli(String line) {
    assertReadAsPicocliReadsIt(line.isEmpty() ? new String[0] : line.split(" "), true);
  }

  @ParameterizedTest
  @ValueSource(strings = {
    "--on --on", "-k red -k red", "-k red --kind green", "-k Red", "-k blue", "-k", "-o", "-o --on", "-o -x",
    "-kred", "--kind=red", "--on=true", "--other", "--verbose", "--help", "-V", "--", "a -- b", "-x", "-o-",
  })
  void everyOtherFormIsPicoclis(String line) {
    assertReadAsPicocliReadsIt(line.split(" "), false);
  }

  @Test
  void anEmptyValueIsPicoclis() {
    assertReadAsPicocliReadsIt(new String[] {"-o", ""}, false);
    assertReadAsPicocliReadsIt(new String[] {"-k", ""}, false);
    assertReadAsPicocliReadsIt(new String[] {"--on", "", ""}, true);
  }

  @Test
  void randomCommandLinesAreReadAsPicocliReadsThem() {
    int read = RandomCommandLines.check(TOKENS, 3, 4000, 6, args -> assertReadAsPicocliReadsIt(args, null));
    assertTrue(read > 300, "too few random command lines read without picocli to say much: " + read);
  }

  @Test
  void aNameNotInTheTableIsAMistake() {
    PlainOptions.Given given = Plain.PLAIN.read(new String[] {"--on"});
    try {
      given.has("--other");
      fail("--other is not in the table");
    } catch (IllegalArgumentException expected) {
      assertEquals("not a plain option: --other", expected.getMessage());
    }
  }

  /** Reads {@code args} both ways; {@code expected}: whether without picocli, or null for either. Returns whether they were. */
  private static boolean assertReadAsPicocliReadsIt(String[] args, Boolean expected) {
    return PicocliAgreement.check(PLAIN_SUBJECT, args, expected);
  }

  private static final PicocliAgreement.Subject<Plain> PLAIN_SUBJECT = new PicocliAgreement.Subject<>() {
    @Override
    public Plain make() {
      return new Plain();
    }

    @Override
    public boolean takes(Plain command, String[] args) {
      return command.takesArguments(args);
    }

    @Override
    public String fields(Plain command) {
      return command.fields();
    }
  };
}
