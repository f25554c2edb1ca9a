package dev.recpipe.common.cli;

import dev.recpipe.common.AbortableOutput;
import dev.recpipe.common.RecpipeException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * Base of every recpipe command: standard help and version options, {@code --verbose}, and the
 * streams to work on. Subclasses add their options and implement {@link #run()}; {@link Tool} does
 * the rest (error messages, exit codes, broken pipes).
 */
@Command(
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    sortOptions = false,
    usageHelpAutoWidth = true)
public abstract class ToolCommand implements Callable<Integer> {
  @Spec protected CommandSpec spec;

  @Option(names = "--verbose", description = "Show a stack trace with an error.")
  boolean verbose;

  /** Set by {@link Tool} before {@link #run()}. */
  protected Streams streams;

  /** The name given at construction, for commands whose annotation can't know it; else null. */
  final String givenName;

  protected ToolCommand() {
    this(null);
  }

  /** A command named {@code name} whatever its {@code @Command} annotation says. */
  protected ToolCommand(String name) {
    this.givenName = name;
  }

  /** Does the tool's work; returns the exit status. Throw {@link dev.recpipe.common.RecpipeException} for data errors. */
  protected abstract int run() throws Exception;

  @Override
  public final Integer call() throws Exception {
    carriesRecords();
    refuseTerminal();
    return run();
  }

  /**
   * Records are binary: on a terminal they are noise, and can upset it. As gzip does, a tool whose
   * stdout is a terminal refuses to write them; {@code | cat} forces it.
   */
  final void refuseTerminal() throws RecpipeException {
    if (writesRecords() && streams.out() instanceof AbortableOutput && ((AbortableOutput) streams.out()).isTerminal()) {
      throw new RecpipeException("refusing to write records (binary CBOR) to a terminal: pipe them into"
          + " another stage, e.g. '| writer' to see them as text, or through '| cat' to force it");
    }
  }

  /** Tells stdout whether it gets an abort mark on failure: this command's answer, once parsed. */
  final void carriesRecords() {
    if (streams.out() instanceof AbortableOutput) ((AbortableOutput) streams.out()).carriesRecords(writesRecords());
  }

  /**
   * The exit statuses the tool can end with and what each means for it, listed by {@code --help}
   * and the man page: every tool's, to which a tool may add statuses or give one its own meaning.
   */
  protected Map<ExitStatus, String> exitStatuses() {
    return ExitStatus.meanings(ExitStatus.OK, ExitStatus.FAILURE, ExitStatus.USAGE, ExitStatus.HANGUP,
        ExitStatus.INTERRUPTED, ExitStatus.BROKEN_PIPE, ExitStatus.TERMINATED);
  }

  /**
   * True for tools whose stdout is a record stream: when such a tool fails, {@link Tool} ends its
   * output with an {@link dev.recpipe.common.AbortMark} so the stages downstream fail too.
   */
  protected boolean writesRecords() {
    return false;
  }

  /** Adjusts the parser before it runs, e.g. to stop option parsing at a command to run. */
  protected void configure(CommandLine commandLine) {}

  /**
   * Sets the command's fields from {@code args} by itself, without picocli, when they are of a form
   * it knows, and returns true; else returns false having changed nothing, and picocli parses them.
   * For a tool whose usual command line is short and whose start-up picocli would dominate (fanout:
   * {@code -n 8 summer}). Only for forms picocli would parse to the same fields without a message:
   * anything else (help, a bad value, an unknown option) is picocli's. By default, arguments made of
   * the {@link #plainOptions} and operands go to {@link #takes}.
   */
  protected boolean takesArguments(String[] args) {
    PlainOptions.Given given = plainOptions().read(args);
    return given != null && takes(given);
  }

  /**
   * The options this tool reads without picocli, in {@link #takes}: only those whose field picocli
   * would set as it is, and which no check of the run asks picocli's parse result about ({@code
   * spec}: a run without picocli has none). None by default.
   */
  protected PlainOptions plainOptions() {
    return PlainOptions.NONE;
  }

  /**
   * Sets the command's fields from {@code given}, a command line of {@link #plainOptions} and
   * operands, as picocli would, and returns true; or returns false having changed nothing. By
   * default only a command line without options, to {@link #takesOperands}.
   */
  protected boolean takes(PlainOptions.Given given) {
    return given.hasNoOptions() && takesOperands(given.operands());
  }

  /**
   * Sets the command's fields from {@code operands}, arguments none of which is an option (none
   * starts with '-' but '-' itself), and returns true; or returns false having changed nothing, and
   * picocli parses them. The empty list is the command line of every fanout worker ({@code summer}),
   * and a list of files the usual one of {@code reader rows.csv}: {@link Tool} then runs the tool
   * without building picocli's command model, which costs more start-up than the work of a small
   * batch. Field initializers must hold the defaults (no {@code defaultValue} in annotations) for this
   * to be the same run, and picocli must take the operands as they are, in one positional list. The
   * default takes none, not even the empty list.
   */
  protected boolean takesOperands(List<String> operands) {
    return false;
  }

  /** The tool's name, as used in its messages. */
  protected final String name() {
    if (spec != null) return spec.name();
    return givenName != null ? givenName : getClass().getAnnotation(Command.class).name();
  }

  /** Prints {@code name: message} on stderr: for warnings and summaries that are not failures. */
  protected final void warn(String message) {
    MessageLine.print(streams.err(), name(), message);
  }
}
