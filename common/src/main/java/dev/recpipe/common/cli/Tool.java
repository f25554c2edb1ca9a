package dev.recpipe.common.cli;

import dev.recpipe.common.AbortableOutput;
import dev.recpipe.common.RecpipeException;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.List;
import picocli.CommandLine;
import picocli.CommandLine.ParameterException;

/**
 * Runs a {@link ToolCommand} the way every recpipe tool behaves: {@code prog: message} on stderr
 * with no stack trace unless {@code --verbose}; exit status 2 for usage errors, 1 for failures, and
 * a quiet 141 when stdout is closed early ({@link ExitStatusMapper} decides which).
 *
 * <pre>{@code
 * public static void main(String[] args) {
 *   Tool.main(new Summer(), args);
 * }
 * }</pre>
 */
public final class Tool {
  private Tool() {}

  /**
   * How long a stopped tool waits for a write in progress, and then for its abort mark to go, before it
   * gives up on the mark: for as long as its downstream keeps the pipe open. A downstream that has gone
   * fails the write ("Broken pipe"), and the tool exits then. It gave up after 2 s, and the JVM closed
   * stdout after the whole records in the pipe: a downstream busy for longer (a Python stage still
   * importing, a stage on a slow record) read a clean end, and writer put a cut file in place, exit 0
   * (found by adv-topo: 7,312 of 200,000 lines in 12 runs of 12).
   */
  private static final long ABORT_WAIT_MILLIS = Long.MAX_VALUE;

  /**
   * Runs the command on the process's standard streams and exits with its status. A tool whose
   * stdout is a record stream ends it with the abort mark on every way out but success: a failure,
   * a usage error, and SIGTERM, SIGINT, SIGHUP or another signal whose default ends a process (see
   * {@link #STOP_SIGNALS}; through a shutdown hook), unless
   * stdout is a terminal.
   */
  public static void main(ToolCommand command, String[] args) {
    Streams streams = Streams.system();
    AbortableOutput out = (AbortableOutput) streams.out();
    out.carriesRecords(command.writesRecords()); // before the hook: a signal may run it before run() does
    AbortHook hook = new AbortHook(out);
    try {
      Runtime.getRuntime().addShutdownHook(hook);
    } catch (IllegalStateException shuttingDown) { // a signal came before main: the JVM exits with its status
      hook.run();
      return; // not System.exit, which would wait for ever on the shutdown under way
    }
    stopOnSignals();
    Thread.setDefaultUncaughtExceptionHandler(new ThreadDeaths(command, args, streams));
    int status = run(command, streams, args);
    if (status == 0 && !threadsThatKeepTheJvmAlive()) return;
    System.exit(status);
  }

  /**
   * Whether a thread other than this one, of any thread group, is alive and not a daemon, which would
   * keep the JVM alive after main returns. Where none is, success returns from main: the JVM then ends as its last
   * thread does, with status 0, through the same shutdown hooks as {@code System.exit}. From JDK 21
   * on {@code System.exit} logs the exit through a {@link System.Logger} (Runtime.exit's logger),
   * and finding that logger's backend, a service lookup in the JDK's module image, cost every exit
   * 6 ms of CPU, a fifth of a fanout worker's start-up on JDK 25 (bench/results/worker-startup.md).
   */
  private static boolean threadsThatKeepTheJvmAlive() {
    // every group, from the root down: a thread of any keeps the JVM alive, not only one of main's
    ThreadGroup group = Thread.currentThread().getThreadGroup();
    while (group.getParent() != null) group = group.getParent();
    Thread[] threads = new Thread[group.activeCount() + 8];
    int count = group.enumerate(threads, true);
    if (count == threads.length) return true; // more than it could list: take the safe way
    for (int i = 0; i < count; i++) {
      Thread thread = threads[i];
      if (thread != Thread.currentThread() && !thread.isDaemon() && thread.isAlive()) return true;
    }
    return false;
  }

  /**
   * Signals whose default action ends a process outright, which the JVM leaves at that default:
   * such a stop ran no hook, so a stage's output ended without the abort mark, as if complete, and
   * writer left its temporary file. They now end the tool as SIGTERM does, with status 128 + the
   * signal's number, the same a killed process gets (ExitMatrixIT). SIGXCPU is what a CPU time limit
   * ({@code ulimit -t}) sends first. SIGABRT, SIGTRAP and SIGSYS are a crash's when the process
   * raises them itself, yet the JVM on Linux uses none of them (but SIGTRAP on ppc64, see {@link
   * #stopOnSignals}): sent from outside ({@code kill -ABRT}), they ended a stage with no mark and no
   * text, and {@code writer -o} put the records before them in place, exit 0. A real abort(3) still
   * ends the process with the default: abort puts the default back and raises the signal again once
   * the handler returns, and the JVM's handler only hands the signal to a Java thread. Not the
   * signals the JVM keeps (SIGSEGV, SIGBUS, SIGILL, SIGFPE), nor the real-time signals, which have no
   * name to register them by.
   */
  private static final String[] STOP_SIGNALS =
      {"USR1", "ALRM", "XCPU", "VTALRM", "PROF", "IO", "PWR", "STKFLT", "ABRT", "SYS"};

  /**
   * The names of the signals that a tool's main sets to stop it as SIGTERM does, beyond the JVM's
   * own ({@link #STOP_SIGNALS}, as {@code sun.misc.Signal} names them): fanout reads in what a
   * process catches whether a tool's main has begun (JvmStarts). A list, not a copy of its own.
   */
  public static List<String> stopSignalNames() {
    return List.of(STOP_SIGNALS);
  }

  /**
   * The JVM's signal for suspending its threads, SIGUSR2 unless the environment variable
   * {@code _JAVA_SR_SIGNUM} names another: the launcher moves it to a real-time signal, which frees
   * SIGUSR2 to stop a tool as SIGTERM does, and says which in this system property. Where SIGUSR2 is
   * still the JVM's (a tool run by another launcher), a handler of ours would take it from the JVM,
   * which does not refuse it: it is left alone. A property, not the variable read here: {@code
   * System.getenv} parses the whole environment at its first call, five classes and about 1 ms of
   * CPU at every start, a fanout worker's included.
   */
  private static final String SUSPEND_SIGNAL_PROPERTY = "recpipe.suspendSignal";
  private static final int SIGUSR2 = 12;

  private static void stopOnSignals() {
    for (String name : STOP_SIGNALS) stopOn(name);
    // HotSpot on ppc64 takes SIGTRAP for its own traps, and would not refuse a handler in its place
    if (!System.getProperty("os.arch", "").startsWith("ppc")) stopOn("TRAP");
    if (suspendSignalIsNotSigusr2(System.getProperty(SUSPEND_SIGNAL_PROPERTY))) stopOn("USR2");
  }

  /**
   * Stops the tool on signal {@code name}, unless it was ignored when the tool started ({@code trap ''
   * USR1} in the shell that ran it): an ignored signal stays ignored, as a shell leaves it and as the
   * JVM leaves SIGTERM, SIGINT and SIGHUP (a background job's SIGINT, {@code nohup}'s SIGHUP). This
   * took it as its own all the same, and {@code kill -USR1} ended a stage its parent had kept from it.
   */
  private static void stopOn(String name) {
    try {
      sun.misc.Signal signal = new sun.misc.Signal(name);
      if (sun.misc.Signal.handle(signal, new ExitOnSignal()) == sun.misc.SignalHandler.SIG_IGN) {
        sun.misc.Signal.handle(signal, sun.misc.SignalHandler.SIG_IGN);
      }
    } catch (IllegalArgumentException taken) { // the JVM uses it here, or it does not exist
      // left as it is
    }
  }

  /**
   * Whether the JVM took {@code value}, the property's, for its suspend signal in place of SIGUSR2:
   * a number above SIGSEGV's 11 and below 65, as HotSpot checks it.
   */
  private static boolean suspendSignalIsNotSigusr2(String value) {
    if (value == null || value.isEmpty() || value.length() > 2) return false;
    int signal = 0;
    for (int i = 0; i < value.length(); i++) { // not a regular expression: its classes, at every start
      char digit = value.charAt(i);
      if (digit < '0' || digit > '9') return false;
      signal = 10 * signal + digit - '0';
    }
    return signal > 11 && signal < 65 && signal != SIGUSR2;
  }

  /**
   * Exits as a signal's default would, through the shutdown hooks. A class, not a lambda: a lambda
   * here was the first of a stage's start-up, and bootstrapping lambdas loaded 88 classes more, 4 ms
   * of CPU at every start (summer &lt; /dev/null).
   */
  private static final class ExitOnSignal implements sun.misc.SignalHandler {
    @Override
    public void handle(sun.misc.Signal signal) {
      System.exit(128 + signal.getNumber());
    }
  }

  /**
   * Runs the command on the given streams and returns its exit status. The command's stdout is an
   * {@link AbortableOutput} over {@code streams.out()} (or that stream, if it is one): ended with the
   * abort mark if the status is not 0 (nor {@link ExitStatus#SKIPPED}: see {@link
   * ExitStatus#endsOutputWell}) and the command writes records, closed to further writes either way.
   */
  public static int run(ToolCommand command, Streams streams, String... args) {
    AbortableOutput out = streams.out() instanceof AbortableOutput
        ? (AbortableOutput) streams.out()
        : new AbortableOutput(streams.out());
    out.carriesRecords(command.writesRecords());
    int status = execute(command, new Streams(streams.in(), out, streams.err()), args);
    if (ExitStatus.endsOutputWell(status) && threadDeath != null) status = ExitStatus.FAILURE.code();
    if (ExitStatus.endsOutputWell(status)) {
      out.complete();
    } else {
      abort(out);
    }
    return status;
  }

  /** What a thread of the tool's died of, uncaught, or null: {@link ThreadDeaths} sets it. */
  private static volatile Throwable threadDeath;

  /**
   * Says in one line which thread died of what, a stack trace with {@code --verbose}, and fails the
   * run: a thread that died of what it threw left its part undone (the JDK's own included: out of
   * heap, its "process reaper" thread printed three stack traces, and the tool's message never came).
   * Not a lambda: see {@link ExitOnSignal}.
   */
  private static final class ThreadDeaths implements Thread.UncaughtExceptionHandler {
    private final ToolCommand command;
    private final boolean verbose;
    private final Streams streams;

    ThreadDeaths(ToolCommand command, String[] args, Streams streams) {
      this.command = command;
      this.verbose = isVerbose(args);
      this.streams = streams;
    }

    @Override
    public void uncaughtException(Thread thread, Throwable e) {
      if (threadDeath == null) threadDeath = e;
      if (isShuttingDown() && !verbose) return; // a signal's: its cleanup pulls things from under the threads
      MessageLine.print(streams.err(), command.name(), "internal error in thread \"" + thread.getName() + "\": " + e);
      if (verbose) e.printStackTrace(streams.err());
    }
  }

  /** Whether the JVM is shutting down (a signal, or an exit under way): adding a hook is the one way to ask. */
  public static boolean isShuttingDown() {
    Thread probe = new Thread("shutdown-probe"); // never started: a hook is only registered, then removed
    try {
      Runtime.getRuntime().addShutdownHook(probe);
      Runtime.getRuntime().removeShutdownHook(probe);
      return false;
    } catch (IllegalStateException e) {
      return true;
    }
  }

  /**
   * Writes the abort mark, waiting {@link #ABORT_WAIT_MILLIS}: for as long as the downstream keeps the
   * pipe open. The write runs on a daemon thread, which the JVM does not wait for once this returns.
   */
  private static void abort(AbortableOutput out) {
    if (out.hasEnded()) return; // the shutdown hook after a run that ended: no thread to start
    Thread marker = new Thread(() -> out.abort(ABORT_WAIT_MILLIS), "abort-mark");
    marker.setDaemon(true);
    try {
      marker.start();
    } catch (OutOfMemoryError noThreads) { // "unable to create native thread": do it here
      out.abort(ABORT_WAIT_MILLIS);
      return;
    }
    try {
      marker.join();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static final String[] NO_ARGUMENTS = {};

  private static int execute(ToolCommand command, Streams streams, String... args) {
    if (command.takesArguments(args)) return runWithDefaults(command, streams);
    return Parsed.execute(command, streams, args);
  }

  /**
   * The command's picocli model as a run parses it, exit-status list included, without running it:
   * what the build generates man pages and shell completion from.
   */
  public static CommandLine commandLine(ToolCommand command) {
    return Parsed.commandLine(command, Streams.system());
  }

  /** Nothing picocli needs to parse (see {@link ToolCommand#takesArguments}): the same run without its start-up cost. */
  private static int runWithDefaults(ToolCommand command, Streams streams) {
    command.streams = streams;
    try {
      command.refuseTerminal();
      return command.run();
    } catch (Exception | Error e) {
      return report(command.name(), false, e, streams, NO_ARGUMENTS); // the name only when needed: reflection
    }
  }

  /**
   * Whether {@code e} is the JVM's {@code OutOfMemoryError} for a thread it could not start ("unable
   * to create native thread"): the system's limit on processes or memory, not a full heap, nor a bug
   * of the tool's, which "internal error" would say.
   */
  public static boolean isNoThread(Throwable e) {
    return e instanceof OutOfMemoryError && e.getMessage() != null && e.getMessage().startsWith("unable to create native thread");
  }

  /** --verbose among the arguments, for failures that come before or outside picocli's parse result. */
  private static boolean isVerbose(String[] args) {
    for (String arg : args) {
      if (arg.equals("--")) break;
      if (arg.equals("--verbose")) return true;
    }
    return false;
  }

  /**
   * Says on stderr what ended the run, and returns the status it ends with: bad options with a
   * pointer to --help, as coreutils does; a closed stdout quietly; a failure as its message, or for
   * an exception that is no user's error its type too; a stack trace with {@code --verbose}.
   */
  private static int report(String name, boolean verbose, Throwable e, Streams streams, String[] args) {
    ExitStatus status = ExitStatusMapper.statusOf(e);
    if (status == ExitStatus.BROKEN_PIPE) return status.code();
    if (status == ExitStatus.USAGE) {
      Parsed.usageError(name, e, streams, args);
      return status.code();
    }
    if (e instanceof RecpipeException || (e instanceof IOException && e.getMessage() != null)) {
      MessageLine.print(streams.err(), name, e.getMessage());
    } else if (isNoThread(e)) {
      MessageLine.print(streams.err(), name, "cannot start a thread: the system's limit on processes or memory is"
          + " reached (ulimit -u, ulimit -v, a cgroup's)");
    } else {
      MessageLine.print(streams.err(), name, "internal error: " + e);
    }
    if (verbose) e.printStackTrace(streams.err());
    return status.code();
  }

  /**
   * A run with arguments: picocli parses them. Apart from {@link Tool} so that a run without
   * arguments (every fanout worker's) loads none of picocli: Tool's verification would load any
   * picocli type its code passes where another is expected, and picocli's class files are too old
   * (Java 5) for the class-data-sharing archive, so each would be read and verified from the jar.
   */
  private static final class Parsed {
    private static final ExitStatusMapper EXIT_STATUSES = new ExitStatusMapper();
    /** Every whole-number option's converter, each tool's, a stage's: see {@link WholeNumber}. */
    private static final WholeNumber.Int INT = new WholeNumber.Int();
    private static final WholeNumber.Long LONG = new WholeNumber.Long();

    private Parsed() {}

    static int execute(ToolCommand command, Streams streams, String... args) {
      CommandLine commandLine = commandLine(command, streams);
      String name = commandLine.getCommandName();
      FirstFailure written = new FirstFailure(streams.out());
      PrintWriter out = new PrintWriter(new OutputStreamWriter(written, StandardCharsets.UTF_8), true);
      commandLine.setOut(out);
      commandLine.setErr(new PrintWriter(streams.err(), true));
      commandLine.setExitCodeExceptionMapper(EXIT_STATUSES);
      commandLine.setParameterExceptionHandler((ParameterException e, String[] a) -> report(name, false, e, streams, a));
      commandLine.setExecutionExceptionHandler((e, cl, parsed) -> report(name, isVerbose(parsed), e, streams, args));
      int status;
      try {
        status = commandLine.execute(args);
      } catch (Error e) { // picocli passes Errors on: out of memory, a class that failed to load
        status = report(name, Tool.isVerbose(args), e, streams, args);
      }
      out.flush();
      if (out.checkError() && status == ExitStatus.OK.code()) {
        // --help or --version that did not all go out: quiet if stdout was closed, else a failure
        return written.failure == null ? ExitStatus.BROKEN_PIPE.code() : report(name, false, written.failure, streams, args);
      }
      return status;
    }

    /**
     * Keeps the first IOException of the stream picocli's writer prints to: a {@link PrintWriter}
     * only says that something failed, and a full disk must not pass for a closed pipe.
     */
    private static final class FirstFailure extends FilterOutputStream {
      IOException failure;

      FirstFailure(OutputStream out) {
        super(out);
      }

      @Override
      public void write(byte[] bytes, int offset, int length) throws IOException {
        try {
          out.write(bytes, offset, length);
        } catch (IOException e) {
          throw remembered(e);
        }
      }

      @Override
      public void write(int b) throws IOException {
        write(new byte[] {(byte) b}, 0, 1);
      }

      @Override
      public void flush() throws IOException {
        try {
          out.flush();
        } catch (IOException e) {
          throw remembered(e);
        }
      }

      private IOException remembered(IOException e) {
        if (failure == null) failure = e;
        return e;
      }
    }

    static CommandLine commandLine(ToolCommand command, Streams streams) {
      CommandLine commandLine = new CommandLine(command);
      if (command.givenName != null) commandLine.setCommandName(command.givenName);
      // an argument is what it says: picocli would read @FILE's words in its place, a worker's too
      commandLine.setExpandAtFiles(false);
      prepare(commandLine, streams);
      return commandLine;
    }

    /** Gives the command and its subcommands their streams, exit-status list and parser settings. */
    private static void prepare(CommandLine commandLine, Streams streams) {
      ToolCommand command = commandLine.getCommand();
      command.streams = streams;
      commandLine.getCommandSpec().usageMessage()
          .exitCodeListHeading("%nExit status:%n")
          .exitCodeList(ExitStatus.helpList(command.exitStatuses()));
      commandLine.registerConverter(Integer.class, INT).registerConverter(int.class, INT);
      commandLine.registerConverter(Long.class, LONG).registerConverter(long.class, LONG);
      command.configure(commandLine);
      for (CommandLine subcommand : commandLine.getSubcommands().values()) prepare(subcommand, streams);
    }

    private static boolean isVerbose(CommandLine.ParseResult parsed) {
      for (CommandLine line : parsed.asCommandLineList()) {
        if (line.getCommand() instanceof ToolCommand && ((ToolCommand) line.getCommand()).verbose) return true;
      }
      return false;
    }

    /**
     * Says a usage error, with a pointer to the help of the command whose command line it is in: a
     * subcommand's own ({@code fanout deal --help}), which says what it takes; the tool's said
     * another command's. Takes the exception as a Throwable, so Tool's own code names no picocli
     * type (see the class comment).
     */
    static void usageError(String name, Throwable thrown, Streams streams, String[] args) {
      ParameterException e = (ParameterException) thrown;
      ((ToolCommand) e.getCommandLine().getCommand()).carriesRecords(); // the command that was parsed, or its subcommand
      MessageLine.print(streams.err(), name, UsageMessage.of(e, args));
      streams.err().println("Try '" + helpOf(name, e.getCommandLine()) + " --help' for more information.");
    }

    /** {@code name}, the tool's, and the subcommands down to {@code command}'s ({@code fanout deal}). */
    private static String helpOf(String name, CommandLine command) {
      return command.getParent() == null ? name : helpOf(name, command.getParent()) + " " + command.getCommandName();
    }
  }

  /** The shutdown hook: a class, not a lambda, so a start bootstraps no invokedynamic. */
  private static final class AbortHook extends Thread {
    private final AbortableOutput out;

    AbortHook(AbortableOutput out) {
      super("abort-mark-hook");
      this.out = out;
    }

    @Override
    public void run() {
      abort(out);
    }
  }

  /**
   * A write to a pipe whose reader has gone: EPIPE, which Java reports as an IOException whose whole
   * message is the error's text, "Broken pipe" (a labelled one keeps it as its cause). The whole
   * message, not a part of one: a file named {@code Broken pipe.csv} that did not exist was taken
   * for a downstream gone, and reader exited 141 without a word or the abort mark, the status of a
   * closed stdout that scripts pass over.
   */
  public static boolean isBrokenPipe(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof IOException && "Broken pipe".equals(t.getMessage())) return true;
    }
    return false;
  }
}
