package dev.recpipe.common.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/**
 * A command line of operands only ({@code reader a.csv b.csv}) skips picocli when the tool takes
 * operands itself ({@link ToolCommand#takesOperands}); anything that starts like an option, "--"
 * included, is picocli's. '-' alone is an operand (stdin), as is the empty string.
 */
class OperandsOnlyTest {
  @Command(name = "files")
  static final class Files extends ToolCommand {
    @Parameters(arity = "0..*")
    List<String> files = List.of();

    List<String> taken;

    @Override
    protected boolean takesOperands(List<String> operands) {
      taken = operands;
      return true;
    }

    @Override
    protected int run() {
      return 0;
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"a", "a b", "- a -", "a  b", "a,b @c {} x=y"})
  void operandsAreTakenWithoutPicocli(String line) {
    Files command = new Files();
    String[] args = line.split(" ", -1);
    assertEquals(true, command.takesArguments(args));
    assertEquals(List.of(args), command.taken);
  }

  @ParameterizedTest
  @ValueSource(strings = {"--", "-- a", "a --", "-x a", "a -x", "a --help", "--verbose a", "a -"})
  void anythingLikeAnOptionIsPicoclis(String line) {
    Files command = new Files();
    String[] args = line.split(" ");
    boolean taken = command.takesArguments(args);
    if (line.equals("a -")) {
      assertEquals(true, taken, "'-' alone is stdin, an operand");
      return;
    }
    assertEquals(false, taken);
    assertNull(command.taken);
  }

  @Test
  void noArgumentsAreTheEmptyListOfOperands() {
    Files command = new Files();
    assertEquals(true, command.takesArguments(new String[0]));
    assertEquals(List.of(), command.taken);
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "a", "-"})
  void aToolThatTakesNoOperandsLeavesThemToPicocli(String line) {
    ToolCommand plain = new ToolExitTest.Probe();
    assertEquals(false, plain.takesArguments(line.isEmpty() ? new String[0] : new String[] {line}));
  }
}
