package dev.recpipe.examples;

import static dev.recpipe.examples.Shell.sh;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.recpipe.common.cli.ToolTable;
import dev.recpipe.examples.Shell.Result;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every record stage × every way it can end other than success, in a real pipeline
 * {@code input | STAGE | tee stage.out | writer -o out.csv} over an existing good {@code out.csv}:
 * the stage exits with the status of that way out, its stdout ends with the abort mark, writer fails,
 * and {@code out.csv} keeps its old contents. Signals go to the stage alone, not to its process
 * group, in the middle of its output. Nothing is left behind (no process, no pipe directory).
 */
@Timeout(900)
class ExitMatrixIT {
  private static final String OURS = Shell.ROOT.toString().replace(".", "\\.")
      + "/((reader|summer|writer|fanout)/target/|examples/target/examples\\.jar)";

  @TempDir static Path shared;
  @TempDir Path dir;

  /** A record stage: its command, and how to feed it good input and input that is bad in the middle. */
  record Stage(String name, String command, String goodInput, String badInput) {
    @Override
    public String toString() {
      return name;
    }
  }

  /** A way out: what to add to the stage's command or input, a signal to send, the status expected. */
  record Failure(String name, String option, boolean badInput, String signal, int status) {
    @Override
    public String toString() {
      return name;
    }
  }

  private static final String RECORDS = "reader rows.csv";
  private static final String BAD_RECORDS = "{ reader rows.csv; printf '\\001'; }";

  static List<Stage> stages() {
    return List.of(
        new Stage("reader", "reader -", "cat rows.csv", "{ cat rows.csv; echo 1,x; }"),
        new Stage("summer", "summer", RECORDS, BAD_RECORDS),
        new Stage("heavy", "heavy --scale=0", RECORDS, BAD_RECORDS),
        new Stage("fanout", "fanout -n 2 summer", RECORDS, BAD_RECORDS),
        new Stage("fanout merge", "fanout merge /dev/stdin", RECORDS, BAD_RECORDS));
  }

  static List<Failure> failures() {
    return List.of(
        new Failure("usage error", "--no-such-option", false, null, 2),
        new Failure("bad data", null, true, null, 1),
        new Failure("SIGTERM", null, false, "TERM", 143),
        new Failure("SIGINT", null, false, "INT", 130),
        new Failure("SIGHUP", null, false, "HUP", 129),
        // their default ends a process outright, with no hook run: the JVM leaves them so
        new Failure("SIGUSR1", null, false, "USR1", 138),
        new Failure("SIGALRM", null, false, "ALRM", 142),
        // the JVM's own signal for suspending threads, which a process sent it took for a crash of
        // its own: status 134, the crash report written into stdout, the data, and an hs_err file
        new Failure("SIGUSR2", null, false, "USR2", 140));
  }

  /**
   * The other signals whose default ends a process outright (SIGXCPU: a CPU time limit, ulimit -t,
   * reached; SIGABRT, SIGTRAP and SIGSYS, which the JVM leaves at their default where it uses none of
   * them). Their handling is Tool's, the same in every tool: one stage tries them.
   */
  static List<Failure> otherStopSignals() {
    return List.of(
        new Failure("SIGXCPU", null, false, "XCPU", 152),
        new Failure("SIGVTALRM", null, false, "VTALRM", 154),
        new Failure("SIGPROF", null, false, "PROF", 155),
        new Failure("SIGIO", null, false, "IO", 157),
        new Failure("SIGPWR", null, false, "PWR", 158),
        new Failure("SIGSTKFLT", null, false, "STKFLT", 144),
        // the crash signals the JVM leaves at their default: sent from outside, they ended the stage
        // with no mark and no text, and writer -o put the records before them in place, exit 0
        new Failure("SIGABRT", null, false, "ABRT", 134),
        new Failure("SIGTRAP", null, false, "TRAP", 133),
        new Failure("SIGSYS", null, false, "SYS", 159));
  }

  static Stream<Arguments> matrix() {
    List<Arguments> cells = new ArrayList<>();
    for (Stage stage : stages()) {
      for (Failure failure : failures()) cells.add(Arguments.of(stage, failure));
    }
    // fanout's own ways out: its CMD is not found
    cells.add(Arguments.of(new Stage("fanout", "fanout -n 2 no-such-stage", RECORDS, BAD_RECORDS),
        new Failure("command not found", null, false, null, 127)));
    // ... or it is not executable (rows.csv: a file without the execute bit)
    cells.add(Arguments.of(new Stage("fanout", "fanout -n 2 ./rows.csv", RECORDS, BAD_RECORDS),
        new Failure("command not executable", null, false, null, 126)));
    return cells.stream();
  }

  @BeforeAll
  static void makeInput() throws Exception {
    Result made = sh(shared, "gencsv 20000 5 3 > rows.csv");
    assertEquals(0, made.status(), made.stderr());
  }

  @ParameterizedTest(name = "{0}: {1}")
  @MethodSource("matrix")
  void everyWayOutButSuccessEndsTheOutputWithTheAbortMarkAndKeepsTheOldFile(Stage stage, Failure failure)
      throws Exception {
    assertEndsWithTheAbortMarkAndKeepsTheOldFile(stage, failure);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("otherStopSignals")
  void everyOtherSignalThatWouldEndTheStageOutrightEndsItAsSigtermDoes(Failure signal) throws Exception {
    assertEndsWithTheAbortMarkAndKeepsTheOldFile(stages().get(1), signal);
  }

  private void assertEndsWithTheAbortMarkAndKeepsTheOldFile(Stage stage, Failure failure) throws Exception {
    Path tmp = Files.createDirectory(dir.resolve("tmp"));
    Files.writeString(dir.resolve("out.csv"), "good\n");
    String command = stage.command();
    if (failure.option() != null) command = insertOption(command, failure.option());
    String input = failure.badInput() ? stage.badInput() : stage.goodInput();
    String script = failure.signal() == null ? plainRun(input, command) : signalledRun(input, command, failure.signal());
    Result result = CleanRun.run(dir, tmp, shared, OURS, "D='" + dir + "'; " + script, Duration.ofSeconds(10));

    List<String> statuses = List.of(Files.readString(dir.resolve("statuses")).trim().split(" "));
    assertEquals(List.of(String.valueOf(failure.status()), "0", "1"), statuses.subList(statuses.size() - 3, statuses.size()),
        "statuses of the stage, tee and writer; stderr:\n" + result.stderr());
    byte[] out = Files.readAllBytes(dir.resolve("stage.out"));
    assertEquals(0xff, out.length == 0 ? -1 : out[out.length - 1] & 0xff,
        "the stage's output ends with the abort mark (" + out.length + " bytes); stderr:\n" + result.stderr());
    assertEquals("good\n", Files.readString(dir.resolve("out.csv")), "writer -o kept the old file");
    try (Stream<Path> files = Files.list(dir)) {
      assertEquals(List.of("out.csv", "stage.out", "statuses", "tmp"),
          files.map(p -> p.getFileName().toString()).filter(n -> !n.endsWith(".pid")).sorted().toList(),
          "no temp file of writer's left");
    }
    try (Stream<Path> files = Files.list(shared)) {
      assertEquals(List.of(), files.map(p -> p.getFileName().toString()).filter(n -> n.startsWith("hs_err")).toList(),
          "no JVM crash report where the stage ran");
    }
  }

  /**
   * A signal ignored when a stage starts ({@code trap '' USR1} in the shell that runs it; a background
   * job's SIGINT, {@code nohup}'s SIGHUP) stays ignored, as a shell leaves it: the stage goes on, and
   * ends well when its input does. summer took SIGUSR1, SIGALRM, SIGXCPU, SIGABRT and the others it
   * stops on as its own all the same, and {@code kill -USR1} ended it, status 138 and the mark, where
   * its parent had said to let it be. SIGHUP, SIGINT and SIGTERM, the JVM's own, stayed ignored.
   */
  @Test
  void aSignalIgnoredWhenTheStageStartsStaysIgnored() throws Exception {
    Result result = Shell.bash(dir, "reader '" + shared + "/rows.csv' > rows.rec; summer < rows.rec | writer > expected.csv;"
        + " for sig in USR1 ALRM XCPU ABRT HUP INT TERM; do rm -f s.pid;"
        + " { { cat rows.rec; sleep 2; } | { trap '' $sig; echo $BASHPID > s.pid; exec summer; } | writer > out.csv;"
        + " echo \"${PIPESTATUS[*]}\" > statuses; } &"
        + " until [ \"$(cat /proc/$(cat s.pid 2>/dev/null)/comm 2>/dev/null)\" = java ]; do sleep 0.05; done;"
        + " sleep 0.5; kill -$sig $(cat s.pid); wait $!;"
        + " echo \"$sig $(cat statuses) $(cmp -s out.csv expected.csv && echo whole)\"; done");
    assertEquals(new Result(0, Stream.of("USR1", "ALRM", "XCPU", "ABRT", "HUP", "INT", "TERM")
        .map(sig -> sig + " 0 0 0 whole\n").collect(Collectors.joining()), ""), result);
  }

  /**
   * A CPU time limit as a user sets it, {@code ulimit -t 2}: bash's ulimit sets the soft and the hard
   * limit alike, and at the hard limit the kernel sends SIGKILL, with no SIGXCPU before it. heavy
   * ended with status 137 and no mark, and writer -o put the records before the kill in place (an
   * empty file: heavy's output was still in its buffer), exit 0. The launcher now lowers the soft
   * limit a second below the hard one, so SIGXCPU comes first and the stage ends as on SIGTERM.
   */
  @Test
  void aCpuTimeLimitSetAsTheShellSetsItEndsTheStageWithTheMark() throws Exception {
    Path tmp = Files.createDirectory(dir.resolve("tmp"));
    Files.writeString(dir.resolve("out.csv"), "good\n");
    Result result = CleanRun.run(dir, tmp, shared, OURS, "D='" + dir + "'; "
        + plainRun(RECORDS, "(ulimit -t 2; exec heavy)"), Duration.ofSeconds(10));
    assertEquals("152 0 1", Files.readString(dir.resolve("statuses")).trim().replaceFirst("^\\S+ ", ""),
        "statuses of heavy, tee and writer; stderr:\n" + result.stderr());
    byte[] out = Files.readAllBytes(dir.resolve("stage.out"));
    assertEquals(0xff, out.length == 0 ? -1 : out[out.length - 1] & 0xff, "heavy's output ends with the abort mark");
    assertEquals("good\n", Files.readString(dir.resolve("out.csv")), "writer -o kept the old file");
  }

  @Test
  void aSignalAfterTheLastRecordWasWrittenStillMarksTheOutputIfTheStageHadNotFinished() throws Exception {
    // The upstream stays open after its records: the stage has written all it can, but has not
    // ended; stopping it must not look like a complete run.
    Path tmp = Files.createDirectory(dir.resolve("tmp"));
    Files.writeString(dir.resolve("out.csv"), "good\n");
    Result result = CleanRun.run(dir, tmp, shared, OURS,
        "D='" + dir + "'; " + signalledRun("echo 1,2", "reader -", "TERM"), Duration.ofSeconds(10));
    assertEquals("143 0 1", Files.readString(dir.resolve("statuses")).trim().replaceFirst("^\\S+ ", ""),
        result.stderr());
    assertEquals("good\n", Files.readString(dir.resolve("out.csv")));
  }

  @Test
  void sigquitDumpsThreadsToStderrNotIntoTheDataAndTheRunGoesOn() throws Exception {
    Path tmp = Files.createDirectory(dir.resolve("tmp"));
    String quit = "for i in $(seq 400); do [ -s \"$D/$1.pid\" ] && break; sleep 0.05; done; sleep 0.3; kill -QUIT $(cat \"$D/$1.pid\")";
    Result result = CleanRun.run(dir, tmp, shared, OURS, "D='" + dir + "'; quit() { " + quit + "; };"
        + " { cat rows.csv; sleep 1; } | reader - | { echo $BASHPID > \"$D/summer.pid\"; exec summer; }"
        + " | { echo $BASHPID > \"$D/writer.pid\"; exec writer; } > \"$D/sums.csv\" & quit summer; quit writer; wait;"
        + " reader rows.csv | summer | writer | cmp - \"$D/sums.csv\" && echo same", Duration.ofSeconds(10));
    assertEquals("same\n", result.stdout(), result.stderr());
    assertEquals(2, result.stderr().split("Full thread dump", -1).length - 1, "a dump from each on stderr");
  }

  @Test
  void aStandardStreamTheToolWasStartedWithoutIsReportedNotReplacedByAFile() throws Exception {
    Result result = sh(shared, "reader <&-; echo $?; reader rows.csv >&-; echo $?; summer < /; echo $?");
    assertEquals(Shell.ABORT_MARK + "1\n1\n" + Shell.ABORT_MARK + "1\n", result.stdout());
    assertEquals("reader: stdin is closed\nreader: stdout is closed\nsummer: stdin: Is a directory\n", result.stderr());
  }

  /**
   * A standard stream the tool was started without, named as a file: the launcher opens /dev/null in
   * its place, so {@code reader /dev/stdin <&-} read an empty file and ended well with no records
   * (a {@code writer -o} after it replaced its file with nothing, exit 0), and {@code writer -o
   * /dev/stderr 2>&-} wrote every line into /dev/null, exit 0. /dev/null by its own name is still
   * an empty input.
   */
  @Test
  void aStandardStreamTheToolWasStartedWithoutIsReportedByItsFileNamesToo() throws Exception {
    Result result = sh(shared, "reader /dev/stdin <&-; echo $?; reader /dev/fd/0 <&-; echo $?; reader /dev/null <&-; echo $?;"
        + " reader rows.csv | writer -o /dev/stderr 2>&-; echo $?; reader rows.csv | writer -o /dev/fd/2 2>&-; echo $?");
    assertEquals(Shell.ABORT_MARK + "1\n" + Shell.ABORT_MARK + "1\n0\n1\n1\n", result.stdout());
    assertEquals("reader: /dev/stdin: stdin is closed\nreader: /dev/fd/0: stdin is closed\n", result.stderr());
  }

  /**
   * The same for fanout deal's and merge's PIPEs: {@code reader rows.csv | fanout deal /dev/stdout >&-}
   * dealt every record into the /dev/null the launcher opens in a closed stdout's place, exit 0, and
   * {@code fanout merge /dev/stdin <&-} merged an empty input, exit 0.
   */
  @Test
  void aStandardStreamTheToolWasStartedWithoutIsReportedAsFanoutDealOrMergesPipe() throws Exception {
    Result result = sh(shared, "reader rows.csv | fanout deal /dev/stdout >&-; echo $?;"
        + " reader rows.csv | fanout deal /dev/fd/2 2>&- || echo failed;"
        + " fanout merge /dev/stdin <&-; echo $?");
    assertEquals("1\nfailed\n" + Shell.ABORT_MARK + "1\n", result.stdout());
    assertEquals("fanout: /dev/stdout: stdout is closed\nfanout: /dev/stdin: stdin is closed\n", result.stderr());
  }

  /**
   * fanout started without stdout ({@code >&-}) fails, {@code fanout: stdout is closed}, before it
   * starts a worker. It started them all, failed at its first write and stopped them with SIGTERM in
   * the middle of their JVMs' start: beside its one line the user saw the JVM's own {@code Error
   * occurred during initialization of VM}, {@code java.lang.InternalError: Bad level: 3} and its
   * stack, and on JDK 25 {@code Runtime.exit(143) logging failed: Cannot invoke
   * "java.lang.Module.getClassLoader()" because "m" is null} (most runs on JDK 25, one in 20 or so on
   * JDK 17). Each worker here leaves a file as it starts.
   */
  @Test
  void fanoutWithoutStdoutFailsBeforeItStartsAWorker() throws Exception {
    Result result = sh(shared, "d=$(mktemp -d); reader rows.csv | fanout -n 4 sh -c 'touch \"$0/$$\"; exec summer' \"$d\" >&-;"
        + " echo $?; ls \"$d\" | wc -l; rm -rf \"$d\"");
    assertEquals(new Result(0, "1\n0\n", "fanout: stdout is closed\n"), result);
  }

  @Test
  void recordsAreNotWrittenToATerminalAndNeitherIsTheMark() throws Exception {
    // script(1) gives the commands a pseudo-terminal, as a person's shell has
    Result result = sh(shared, "script -qec 'reader rows.csv; echo status $?; summer --bogus; echo status $?;"
        + " reader rows.csv | head -c 3 | od -An -tx1' /dev/null");
    assertEquals("reader: refusing to write records (binary CBOR) to a terminal: pipe them into another stage,"
        + " e.g. '| writer' to see them as text, or through '| cat' to force it\r\nstatus 1\r\n"
        + "summer: unknown option '--bogus'\r\nTry 'summer --help' for more information.\r\nstatus 2\r\n"
        + " 82 00 85\r\n", result.stdout());
  }

  @Test
  void recpipeHasAVersionAndHelpOfItsOwn() throws Exception {
    Result result = sh(shared, "recpipe --version && recpipe --help");
    assertEquals(0, result.status(), result.stderr());
    List<String> tools = ToolTable.read(Shell.ROOT.resolve(ToolTable.FILE_NAME)).names();
    assertEquals("recpipe VERSION\nusage: recpipe TOOL [ARG...]   (tools: " + String.join(" ", tools) + ")\n"
        + "Each tool has --help of its own: recpipe " + tools.get(0) + " --help, or " + tools.get(0) + " --help.\n",
        result.stdout().replaceFirst("^recpipe \\d+\\.\\d+\\.\\d+\\S*\n", "recpipe VERSION\n"));
  }

  private static String insertOption(String command, String option) {
    int space = command.startsWith("fanout merge") ? "fanout merge".length() : command.indexOf(' ');
    if (space < 0) return command + " " + option;
    return command.substring(0, space) + " " + option + command.substring(space);
  }

  private static String plainRun(String input, String command) {
    return input + " | " + command + " | tee \"$D/stage.out\" | writer -o \"$D/out.csv\";"
        + " echo \"${PIPESTATUS[*]}\" > \"$D/statuses\"";
  }

  /**
   * The stage reads its input and then waits on an upstream that stays open; once it has written
   * something (or after 20 s), the signal goes to its process alone. Job control is on so that the
   * background pipeline does not ignore SIGINT, as bash makes background jobs do otherwise.
   */
  private static String signalledRun(String input, String command, String signal) {
    return "set -m; "
        + "{ { " + input + "; echo $BASHPID > \"$D/up.pid\"; exec sleep 60; }"
        + " | { echo $BASHPID > \"$D/stage.pid\"; exec " + command + "; }"
        + " | tee \"$D/stage.out\" | writer -o \"$D/out.csv\"; echo \"${PIPESTATUS[*]}\" > \"$D/statuses\"; } &"
        + " job=$!;"
        + " for i in $(seq 400); do [ -s \"$D/stage.pid\" ] && [ -s \"$D/stage.out\" ] && break; sleep 0.05; done;"
        + " kill -" + signal + " $(cat \"$D/stage.pid\");"
        + " for i in $(seq 200); do kill -0 $(cat \"$D/stage.pid\") 2>/dev/null || break; sleep 0.05; done;"
        // the upstream writes its pid once its input command ends, which may come after the stage's end
        // (a stage killed before its input was all read): killed before that, its sleep held the run 60 s
        + " for i in $(seq 200); do [ -s \"$D/up.pid\" ] && break; sleep 0.05; done;"
        + " kill $(cat \"$D/up.pid\") 2>/dev/null; wait $job";
  }
}
