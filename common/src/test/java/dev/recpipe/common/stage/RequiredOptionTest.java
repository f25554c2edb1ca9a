package dev.recpipe.common.stage;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.recpipe.common.testing.Hex;
import dev.recpipe.common.testing.ToolRun;
import java.io.IOException;
import org.junit.jupiter.api.Test;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * A stage with an option it can't run without: run with no arguments, as fanout runs its workers
 * ({@code fanout -n 4 prefix}), it is refused for the option, as with other arguments. It started
 * without picocli, which would have asked for it, and wrote "null" before every value, exit 0.
 */
class RequiredOptionTest {
  /** ["a"] as record 0. */
  private static final byte[] TEXT = Hex.decode("82 00 61 61");

  @Command(name = "prefix")
  static class Prefix extends StageCommand {
    @Option(names = {"-p", "--prefix"}, paramLabel = "TEXT", required = true)
    String prefix;

    @Override
    protected boolean hasRequiredOptions() {
      return true;
    }

    @Override
    public void process(Value value, Output out) throws IOException {
      out.emit(prefix + value.readText());
    }
  }

  /** The same stage, not saying that its option is required. */
  @Command(name = "unsaid")
  static final class Unsaid extends Prefix {
    @Override
    protected boolean hasRequiredOptions() {
      return false;
    }
  }

  @Test
  void withoutArgumentsTheRequiredOptionIsMissing() {
    ToolRun run = ToolRun.of(new Prefix(), TEXT);
    assertEquals("prefix: missing option -p; give TEXT\nTry 'prefix --help' for more information.\n", run.stderr());
    assertEquals(2, run.status());
    assertEquals("ff", Hex.encode(run.stdoutBytes()), "the abort mark, and no record");
  }

  @Test
  void withTheRequiredOptionItRuns() {
    ToolRun run = ToolRun.of(new Prefix(), TEXT, "-p", ">");
    assertEquals("", run.stderr());
    assertEquals(0, run.status());
    assertEquals("82 00 62 3e 61", Hex.encode(run.stdoutBytes()));
  }

  @Test
  void aStageWithoutRequiredOptionsStillRunsWithoutArguments() {
    ToolRun run = ToolRun.of(StageCommand.of("copy", (value, out) -> out.emit(value.readText())), TEXT);
    assertEquals("", run.stderr());
    assertEquals(0, run.status());
    assertEquals("82 00 61 61", Hex.encode(run.stdoutBytes()));
  }

  /**
   * A stage whose option is required and that does not say so fails every run picocli parses,
   * naming what to override: its runs without arguments would go on without the option, unasked.
   */
  @Test
  void aStageThatDoesNotSayItsOptionIsRequiredFailsSayingSo() {
    ToolRun run = ToolRun.of(new Unsaid(), TEXT, "-p", ">");
    assertEquals("unsaid: internal error: java.lang.IllegalStateException: --prefix is required, and unsaid does not"
        + " say it has a required option: override StageCommand.hasRequiredOptions() to return true, or a run without"
        + " arguments starts without --prefix\n", run.stderr());
    assertEquals(1, run.status());
    assertEquals("ff", Hex.encode(run.stdoutBytes()));
  }
}
