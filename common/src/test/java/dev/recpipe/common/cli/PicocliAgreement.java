package dev.recpipe.common.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.fail;

import java.util.Arrays;
import picocli.CommandLine;

/**
 * Holds a tool's own reading of a command line ({@link ToolCommand#takesArguments}) to picocli's:
 * every field a run reads set alike, nothing changed where the line is left to picocli, and no line
 * taken that picocli refuses. PlainOptionsTest and fanout's UsualCommandLineTest use it.
 */
public final class PicocliAgreement {
  private PicocliAgreement() {}

  /** A tool under test: how to make one, read a line without picocli, and show every field a run reads. */
  public interface Subject<T extends ToolCommand> {
    T make();

    /** The tool's {@code takesArguments}, which is protected: the test, in the tool's package, calls it. */
    boolean takes(T command, String[] args);

    String fields(T command);
  }

  /**
   * Whether {@code args} were read without picocli, as picocli reads them when they were; with
   * {@code expected} not null, whether they were is asserted too.
   */
  public static <T extends ToolCommand> boolean check(Subject<T> subject, String[] args, Boolean expected) {
    String shown = Arrays.toString(args);
    T quick = subject.make();
    String before = subject.fields(quick);
    boolean taken = subject.takes(quick, args.clone());
    if (expected != null) assertEquals(expected, taken, shown);
    if (!taken) {
      assertEquals(before, subject.fields(quick), shown + ": fields changed though left to picocli");
      return false;
    }
    T parsed = subject.make();
    CommandLine.ParseResult result;
    try {
      result = Tool.commandLine(parsed).parseArgs(args.clone());
    } catch (CommandLine.ParameterException e) {
      fail(shown + ": read without picocli, but picocli refuses it: " + e.getMessage());
      return true;
    }
    assertFalse(result.hasSubcommand(), shown);
    assertFalse(result.isUsageHelpRequested() || result.isVersionHelpRequested(), shown);
    assertEquals(subject.fields(parsed), subject.fields(quick), shown);
    return true;
  }
}
