package dev.recpipe.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.recpipe.examples.Shell.Result;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Generated faults end to end, a fixed seed each: {@code bench/chaos.py --seed S} picks a pipeline
 * (reader, summer or heavy alone or under fanout, writer -o or writer &gt; OUT) and one fault, runs
 * it, and checks recpipe's promise: exit 0 with the whole truth, or a non-zero exit with writer's old
 * file kept; no hang; no pipe directory, temporary file or process left. A case that breaks it the
 * way docs/GUARANTEES.md names as a limit (SIGKILL to a stage, a signal before the JVM's handlers)
 * counts as that, not as a failure. The seeds cover each kind of fault once, the scenario each picks
 * in its comment; {@code bench/chaos.sh --seed S} runs one by hand, {@code bench/chaos.sh 300} many.
 */
@Timeout(120)
class ChaosIT {
  static final Path HARNESS = Shell.ROOT.resolve("bench/chaos.py");

  /** gencsv's inputs and reader's records of them, made once for every seed. */
  @TempDir static Path data;
  @TempDir Path dir;

  @ParameterizedTest(name = "seed {0}")
  @ValueSource(ints = {
      825, // reader F | summer | writer -o OUT, a field '0x1f' at 63% of the rows
      151, // the CSV cut at 35% of its bytes (inside a row: a shorter last row)
      112, // cat records | summer | ..., 3 bytes of the records overwritten at 75%
      280, // the records cut at 45%
      53, // cat sums | cat | writer -o OUT, summer's records corrupted at 52%
      102, // summer's records cut at 18%, writer > OUT
      154, // ulimit -t 2 on summer
      193, // writer -o /dev/full
      5, // OUT's directory immutable (chattr +i)
      64, // ulimit -n 20 on reader
      313, // ulimit -v 2400000 on reader
      35, // ulimit -u 1 on summer
      485, // SIGALRM to summer at 95% of the input
      699, // SIGHUP to reader at 83%
      27, // SIGINT to writer -o at 87%
      148, // SIGKILL to summer at 82% (a documented limit: no mark)
      324, // SIGPIPE to summer at 85%
      21, // SIGQUIT to summer at 90%
      205, // a real-time signal to summer at 84% (a documented limit)
      146, // SIGSTOP, then SIGCONT, to writer -o at 81%
      483, // SIGTERM to the process group at 87%
      452, // SIGUSR1 to reader at 91%
      142, // SIGUSR2 to writer -o at 82%
      613, // SIGXCPU to summer at 82%
      370, // SIGUSR1 to the pipeline's bash at 92%
      44, // fanout -n 2 --retries 1: SIGKILL to a worker
      834, // fanout -n 3: SIGTERM to a worker at 85%
      1113, // fanout -n 2 --stall-timeout 2: SIGSTOP to a worker for 1.5 s, then SIGCONT
      1127, // fanout -n 2 --retries 1 --skip-failed, writer > OUT: SIGTERM to a worker
  })
  void aGeneratedFaultEndsInTheWholeTruthOrAFailureThatKeepsTheOldFile(int seed) throws Exception {
    assertTheCasePasses(seed, "sums");
  }

  /**
   * The text family ({@code bench/chaos.sh --family text}, seeds of its own): reader --lines,
   * --text or --typed over one to three files (stdin among them), writer -f lines, csv, tsv or
   * jsonl, fanout cat, fanout --lines cat or fanout --each with a script that fails, crashes, hangs
   * or writes bytes; the truth by python's csv and json modules; no message without its tool's name.
   */
  @ParameterizedTest(name = "text seed {0}")
  @ValueSource(ints = {
      1, // reader --lines f0 f1 | writer -f tsv -o OUT, a line with a lone CR in it: exit 0
      70, // reader --lines | fanout --lines -n 2 cat | writer -f csv, a NUL byte in a line: exit 0
      4, // reader --lines f0 - f2 | fanout --lines cat | writer -f tsv, CRLF, a BOM, f2 not UTF-8
      10, // reader --typed -H | fanout -n 2 cat | writer -f jsonl > OUT, a file of a header alone
      40, // reader --typed -H | writer -f jsonl > OUT, a quoted field cut by the end of the file
      27, // reader --text f0 f1 f2 | writer -f jsonl, text after a closing quote in f1
      47, // reader --text f0 f1 | writer -f csv, f1 removed as reader ends f0 (a FIFO)
      484, // fanout --each --retries 2: a process that hangs until SIGHUP ends it, then runs again
      489, // fanout --each --retries 1: a command that fails once, SIGALRM to a process
      388, // fanout --each --skip-failed: a command that exits 3 on some records: exit 3, those left out
      350, // fanout --each --skip-failed: a line of 1 MB, too long for an argument: exit 3
      259, // fanout --each no-such-command: 127, OUT kept
      254, // fanout --each ./each-noexec.sh: 126, OUT kept
  })
  void aGeneratedFaultInATextPipelineEndsInTheWholeTruthOrAFailureThatKeepsTheOldFile(int seed) throws Exception {
    assertTheCasePasses(seed, "text");
  }

  private void assertTheCasePasses(int seed, String family) throws Exception {
    Result result = Shell.run(dir, Duration.ofSeconds(100), "python3", HARNESS.toString(), "--family", family,
        "--seed", Integer.toString(seed), "--timeout", "40", "--data", data.toString());
    String line = result.stdout().lines().findFirst().orElse("");
    assertTrue(line.matches("seed " + seed + ": .*; (PASS|LIMIT: .*)"), result.stdout() + result.stderr());
    assertEquals(0, result.status(), result.stdout() + result.stderr());
  }
}
