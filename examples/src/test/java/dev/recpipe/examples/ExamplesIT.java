package dev.recpipe.examples;

import static dev.recpipe.examples.Shell.bash;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import dev.recpipe.examples.Shell.Result;
import java.io.IOException;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The examples in examples/, run as a user runs them, each checked against an independent
 * computation of the same result: awk, Python, or recpipe's own serial pipeline {@code reader |
 * summer | writer}, never against output pasted from a run.
 */
@Timeout(300)
class ExamplesIT {
  private static final Path EXAMPLES = Shell.ROOT.resolve("examples");
  private static final String ROWS = EXAMPLES.resolve("data/rows.csv").toString();
  private static final String PYTHON_SUMMER = "python3 '" + EXAMPLES.resolve("python/summer.py") + "'";
  private static final String NODE_SUMMER = "node '" + EXAMPLES.resolve("node/summer.js") + "'";
  private static final String AWK_SUMS = "awk -F, '{ s = 0; for (i = 1; i <= NF; i++) s += $i; print NR - 1 \",\" s }'";
  private static final BigInteger TWO_TO_64 = BigInteger.TWO.pow(64);
  private static final String MAX_LONG = Long.toString(Long.MAX_VALUE - 1);

  /** Inputs the tests share, made once. */
  @TempDir static Path shared;
  @TempDir Path dir;
  /** Why the tests of node/summer.js are skipped ("" when they run); null until first asked. */
  private static String nodeMissing;

  @BeforeAll
  static void makeInputs() throws Exception {
    Result made = bash(shared, "cp '" + ROWS + "' example.csv && gencsv 100000 10 21 > generated.csv"
        // values up to +-2^63: about one sum in five is a bignum, of either sign
        + " && gencsv 20000 8 22 --min -" + MAX_LONG + " --max " + MAX_LONG + " > big.csv"
        // rows of 20000 such values, records of about 180 KB: each spans several reads of a stage
        + " && gencsv 8 20000 23 --min -" + MAX_LONG + " --max " + MAX_LONG + " > wide.csv");
    assertEquals(0, made.status(), made.stderr());
    Result beyond64Bits = bash(shared, "reader big.csv | summer | writer"
        + " | awk -F, '$2 >= 2^64 { p++ } $2 <= -2^64 { n++ } END { print (p > 0 && n > 0) }'");
    assertEquals(new Result(0, "1\n", ""), beyond64Bits, "big.csv has sums beyond 64 bits of both signs");
    Files.writeString(shared.resolve("edges.csv"), edgeRows());
    Files.write(shared.resolve("forms.bin"), HexFormat.of().parseHex(String.join("", READ_FORMS)));
    Files.write(shared.resolve("indefinite-bytes.bin"), HexFormat.of().parseHex(String.join("", INDEFINITE_BYTES_FORMS)));
  }

  // ---- sum-rows.sh: the canonical job as a script

  @Test
  void sumRowsScriptEqualsAwkOnTheExampleFile() throws Exception {
    Result result = bash(dir, script("sum-rows.sh") + " '" + ROWS + "' | cmp - <(" + AWK_SUMS + " '" + ROWS + "') && echo same");
    assertEquals(new Result(0, "same\n", ""), result);
  }

  @Test
  void sumRowsScriptEqualsAwkOnAGeneratedFileAndOnStdin() throws Exception {
    Result result = bash(shared, AWK_SUMS + " generated.csv > '" + dir + "/expected.csv'"
        + " && " + script("sum-rows.sh") + " generated.csv | cmp - '" + dir + "/expected.csv'"
        + " && " + script("sum-rows.sh") + " < generated.csv | cmp - '" + dir + "/expected.csv' && echo same");
    assertEquals(new Result(0, "same\n", ""), result);
  }

  @Test
  void sumRowsScriptFailsOnABadRowWithTheReadersMessage() throws Exception {
    Files.writeString(dir.resolve("bad.csv"), "1,2\n3,4\n5,abc\n7,8\n");
    Result result = bash(dir, script("sum-rows.sh") + " bad.csv > /dev/null");
    assertEquals(1, result.status(), result.stderr());
    assertTrue(result.stderr().contains("reader: bad.csv:3:2: expected an integer, found \"abc\"\n"), result.stderr());
  }

  @Test
  void sumRowsScriptUsesTheToolsOfItsSourceTreeWhenNoneAreOnPath() throws Exception {
    // Shell puts bin/ first on PATH; take it off again
    Result result = bash(dir, "PATH=\"${PATH#*:}\"; " + script("sum-rows.sh") + " '" + ROWS + "'"
        + " | cmp - <(" + AWK_SUMS + " '" + ROWS + "') && echo same");
    assertEquals(new Result(0, "same\n", ""), result);
  }

  // ---- python/summer.py: a stage written from docs/FORMAT.md alone

  @ParameterizedTest
  @ValueSource(strings = {"example.csv", "big.csv", "edges.csv", "wide.csv"})
  void pythonSummerUnderFanoutEqualsSummer(String file) throws Exception {
    assertEquals(new Result(0, "same\n", ""), bash(shared, sameAsSummer(file, PYTHON_SUMMER)));
  }

  @Test
  void pythonSummerReadsEveryFormTheFormatAllowsAsSummerDoes() throws Exception {
    Result result = bash(shared, PYTHON_SUMMER + " < forms.bin | cmp - <(summer < forms.bin)"
        + " && " + PYTHON_SUMMER + " < indefinite-bytes.bin | cmp - <(summer < indefinite-bytes.bin) && echo same");
    assertEquals(new Result(0, "same\n", ""), result);
  }

  @Test
  void pythonSummerFedOneByteAtATimeWritesTheSameBytes() throws Exception {
    // the stage's function on a stream whose every read returns one byte: records are cut everywhere
    Files.writeString(dir.resolve("one_byte.py"), PythonStageIT.PYTHON_ONE_BYTE_AT_A_TIME);
    Result result = bash(shared, "cat forms.bin indefinite-bytes.bin <(reader edges.csv) <(head -300 big.csv | reader) > '" + dir + "/in.bin'"
        + " && python3 '" + dir + "/one_byte.py' '" + EXAMPLES.resolve("python") + "' summer total < '" + dir + "/in.bin'"
        + " | cmp - <(summer < '" + dir + "/in.bin') && echo same");
    assertEquals(new Result(0, "same\n", ""), result);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("badInputs")
  void pythonSummerReportsBadInputAtItsByteOffset(String name, String bad, int offset) throws Exception {
    assertFailsCleanly(PYTHON_SUMMER, "summer.py", bad, offset);
  }

  @Test
  void pythonSummerEndsQuietlyWhenStdoutClosesEarly() throws Exception {
    Result result = bash(shared, "reader big.csv | " + PYTHON_SUMMER + " | head -c 10 > /dev/null; echo \"${PIPESTATUS[1]}\"");
    assertEquals(new Result(0, "141\n", ""), result);
  }

  // ---- node/summer.js: a stage with a stock CBOR library

  @ParameterizedTest
  @ValueSource(strings = {"example.csv", "big.csv", "edges.csv", "wide.csv"})
  void nodeSummerUnderFanoutEqualsSummer(String file) throws Exception {
    assumeNodeStage();
    assertEquals(new Result(0, "same\n", ""), bash(shared, sameAsSummer(file, NODE_SUMMER)));
  }

  @Test
  void nodeSummerReadsTheFormsCborXCanDecodeAsSummerDoes() throws Exception {
    assumeNodeStage(); // not indefinite-bytes.bin: cbor-x has no indefinite-length byte strings
    Result result = bash(shared, NODE_SUMMER + " < forms.bin | cmp - <(summer < forms.bin) && echo same");
    assertEquals(new Result(0, "same\n", ""), result);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("badInputs")
  void nodeSummerReportsBadInputAtItsRecordsByteOffset(String name, String bad, int offset) throws Exception {
    assumeNodeStage();
    assertFailsCleanly(NODE_SUMMER, "summer.js", bad, BAD_RECORD_OFFSET);
  }

  @Test
  void nodeSummerEndsQuietlyWhenStdoutClosesEarly() throws Exception {
    assumeNodeStage();
    Result result = bash(shared, "reader big.csv | " + NODE_SUMMER + " | head -c 10 > /dev/null; echo \"${PIPESTATUS[1]}\"");
    assertEquals(new Result(0, "141\n", ""), result);
  }

  /**
   * A directory for stdin fails node/summer.js as it fails summer, with the mark: node reads a
   * directory as an empty stream, so the stage wrote nothing and exited 0, and writer -o after it put
   * an empty file in place of the old one, exit 0.
   */
  @Test
  void nodeSummerGivenADirectoryForStdinFailsAsSummerDoes() throws Exception {
    assumeNodeStage();
    Files.writeString(dir.resolve("out.csv"), "good\n");
    Result result = bash(dir, NODE_SUMMER + " < / | writer -o out.csv; echo \"${PIPESTATUS[*]}\"; summer < / | writer -o out.csv");
    assertEquals(new Result(1, "1 1\n", "summer.js: stdin: Is a directory\n"
        + "writer: input ends with an abort mark at byte offset 0: an earlier stage failed\n"
        + "summer: stdin: Is a directory\n"
        + "writer: input ends with an abort mark at byte offset 0: an earlier stage failed\n"), result);
    assertEquals("good\n", Files.readString(dir.resolve("out.csv")), "writer -o kept the file");
  }

  /**
   * SIGTERM to node/summer.js blocked writing to a downstream busy, not reading, for longer than 2 s:
   * the stage waits for room for the sums it had handed to stdout and its abort mark for as long as
   * the downstream keeps the pipe open, as the Java tools do. It exited after 2 s with what the pipe
   * had taken, cut inside a record here (writer: "truncated record at byte offset 64160"), and at a
   * record's end where the pipe filled there: a clean end, and {@code writer -o} would put part of the
   * sums in place, exit 0. The stage's input stays open after its records, so it can't end well by
   * finishing first.
   */
  @Test
  void nodeSummerStoppedWhileItsDownstreamIsBusyStillEndsItsOutputWithTheMark() throws Exception {
    assumeNodeStage();
    Files.writeString(dir.resolve("out.csv"), "good\n");
    String script = "D='" + dir + "'; cd '" + shared + "'; { { reader generated.csv; sleep 8; }"
        + " | { " + NODE_SUMMER + " & echo $! > \"$D/up.pid\"; wait $!; }"
        + " | { sleep 5; writer -o \"$D/out.csv\"; }; echo \"${PIPESTATUS[*]}\"; } & pipeline=$!;"
        + " for i in $(seq 100); do [ -s \"$D/up.pid\" ] && break; sleep 0.1; done; sleep 1.5; kill -TERM $(cat \"$D/up.pid\");"
        + " wait $pipeline";
    Result result = bash(dir, script);
    assertEquals("0 143 1\n", result.stdout(), result.stderr());
    assertTrue(result.stderr().matches("writer: input ends with an abort mark at byte offset [0-9]+: an earlier stage failed\n"),
        result.stderr());
    assertEquals("good\n", Files.readString(dir.resolve("out.csv")), "writer -o kept the file");
  }

  /**
   * The signals that stop a stage with the mark, and the status each gives: the Java tools' (Tool's
   * STOP_SIGNALS). Those past SIGHUP, SIGINT and SIGTERM ended summer.js by their default, with no
   * mark, and writer -o put the sums before them in place, exit 0.
   */
  private static final Map<String, Integer> STOP_STATUS = Map.ofEntries(Map.entry("TERM", 143), Map.entry("INT", 130),
      Map.entry("HUP", 129), Map.entry("USR1", 138), Map.entry("USR2", 140), Map.entry("ALRM", 142), Map.entry("XCPU", 152),
      Map.entry("VTALRM", 154), Map.entry("PROF", 155), Map.entry("IO", 157), Map.entry("PWR", 158), Map.entry("STKFLT", 144),
      Map.entry("ABRT", 134), Map.entry("TRAP", 133), Map.entry("SYS", 159), Map.entry("QUIT", 131));

  @ParameterizedTest
  @ValueSource(strings = {"TERM", "INT", "HUP", "USR1", "USR2", "ALRM", "XCPU", "VTALRM", "PROF", "IO", "PWR", "STKFLT", "ABRT", "TRAP", "SYS", "QUIT"})
  void nodeSummerStoppedByASignalEndsItsOutputWithTheMarkSoWriterKeepsTheOldFile(String signal) throws Exception {
    assumeNodeStage();
    Files.writeString(dir.resolve("out.csv"), "good\n");
    long sums = Long.parseLong(bash(shared, "reader big.csv | summer | wc -c").stdout().trim());
    // the stage has summed all its input and waits for more when the signal comes: between two records
    String script = "D='" + dir + "'; cd '" + shared + "';"
        + " { { reader big.csv; echo $BASHPID > \"$D/up.pid\"; exec sleep 60; }"
        + " | { echo $BASHPID > \"$D/stage.pid\"; exec " + NODE_SUMMER + "; }"
        + " | tee \"$D/stage.out\" | writer -o \"$D/out.csv\"; echo \"${PIPESTATUS[*]}\" > \"$D/statuses\"; } &"
        + " job=$!;"
        + " for i in $(seq 400); do [ \"$(stat -c %s \"$D/stage.out\" 2>/dev/null)\" = " + sums + " ] && break; sleep 0.05; done;"
        + " kill -" + signal + " $(cat \"$D/stage.pid\");"
        + " for i in $(seq 200); do kill -0 $(cat \"$D/stage.pid\") 2>/dev/null || break; sleep 0.05; done;"
        + " kill $(cat \"$D/up.pid\") 2>/dev/null; wait $job";
    Result result = bash(dir, script);
    int status = STOP_STATUS.get(signal);
    String[] statuses = Files.readString(dir.resolve("statuses")).trim().split(" ");
    assertEquals(List.of(String.valueOf(status), "0", "1"), List.of(statuses).subList(1, 4), "stage, tee, writer; stderr:\n" + result.stderr());
    assertEquals("good\n", Files.readString(dir.resolve("out.csv")), "writer -o kept the file");
    byte[] out = Files.readAllBytes(dir.resolve("stage.out"));
    assertEquals(sums + 1, out.length, "every sum, then the mark");
    assertEquals(0xff, out[out.length - 1] & 0xff, "the mark");
  }

  // ---- top-rows.sh and score-totals.sh: recpipe inside ordinary shell pipelines

  @ParameterizedTest
  @ValueSource(strings = {"", "-n 3", "-n 50"})
  void topRowsScriptEqualsAwkAlone(String option) throws Exception {
    int top = option.isEmpty() ? 5 : Integer.parseInt(option.substring(3));
    for (String file : new String[] {ROWS, shared.resolve("generated.csv").toString()}) {
      Result result = bash(dir, script("top-rows.sh") + " " + option + " '" + file + "'"
          + " | cmp - <(" + awkTopRows(top) + " '" + file + "') && echo same");
      assertEquals(new Result(0, "same\n", ""), result, file);
    }
  }

  @Test
  void scoreTotalsScriptEqualsAwkAlone() throws Exception {
    Result made = bash(dir, "gencsv 5000 6 24 --min 0 --max 10"
        + " | awk 'BEGIN { print \"player,r1,r2,r3,r4,r5,r6\" } { print \"player\" NR \",\" $0 }' > scores.csv");
    assertEquals(0, made.status(), made.stderr());
    for (String file : new String[] {EXAMPLES.resolve("data/scores.csv").toString(), dir.resolve("scores.csv").toString()}) {
      Result result = bash(dir, script("score-totals.sh") + " '" + file + "' | cmp - <(" + AWK_SCORE_TOTALS + " '" + file + "')"
          + " && " + script("score-totals.sh") + " < '" + file + "' | cmp - <(" + AWK_SCORE_TOTALS + " '" + file + "')"
          + " && echo same");
      assertEquals(new Result(0, "same\n", ""), result, file);
    }
  }

  // ---- runs.sh: many input files, one record naming each, read in parallel by a per-file Python script under --each

  @ParameterizedTest
  @ValueSource(strings = {"", "signal_mV", "time_s"})
  void runsScriptEqualsPythonOnTheExampleRuns(String column) throws Exception {
    Files.writeString(dir.resolve("check.py"), PYTHON_RUNS_CHECK);
    String option = column.isEmpty() ? "" : " -c " + column;
    Result result = bash(dir, script("runs.sh") + option + " > out.csv"
        + " && python3 check.py '" + EXAMPLES.resolve("data/runs") + "' '" + column + "' < out.csv");
    assertEquals(new Result(0, "same, 5 runs\n", ""), result);
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "signal_mV", "time_s"})
  void runsScriptEqualsPythonOnManyGeneratedRuns(String column) throws Exception {
    Files.writeString(dir.resolve("check.py"), PYTHON_RUNS_CHECK);
    Files.writeString(dir.resolve("generate.py"), PYTHON_RUNS_GENERATOR);
    String option = column.isEmpty() ? "" : " -c " + column;
    Result result = bash(dir, "mkdir runs && python3 generate.py runs 25 60"
        + " && " + script("runs.sh") + option + " runs > out.csv && python3 check.py runs '" + column + "' < out.csv");
    assertEquals(new Result(0, "same, 60 runs\n", ""), result);
  }

  @Test
  void runsScriptFailsOnAMissingFileNamingItAndItsSeq() throws Exception {
    Files.writeString(dir.resolve("generate.py"), PYTHON_RUNS_GENERATOR);
    // a file that is gone by the time runstats opens it: a symbolic link to nothing, which the glob still lists
    Result result = bash(dir, "mkdir runs && python3 generate.py runs 26 5 && rm runs/run-003.csv"
        + " && ln -s gone.csv runs/run-003.csv && " + script("runs.sh") + " runs > out.csv");
    assertEquals(1, result.status(), result.stderr());
    assertTrue(result.stderr().startsWith("run_summary.py: runs/run-003.csv: No such file or directory\n"
        + "fanout: record seq 3 (\"runs/run-003.csv\"): python3 exited with status 1\n"), result.stderr());
  }

  @Test
  void runsScriptFailsOnAMalformedFileNamingItsLineAndSeq() throws Exception {
    Files.writeString(dir.resolve("generate.py"), PYTHON_RUNS_GENERATOR);
    Result result = bash(dir, "mkdir runs && python3 generate.py runs 27 5"
        + " && printf 'time_s,temp_C\\n0,21.5\\n0.5,n/a\\n' > runs/run-001.csv && " + script("runs.sh") + " runs > out.csv");
    assertEquals(1, result.status(), result.stderr());
    assertTrue(result.stderr().startsWith("run_summary.py: runs/run-001.csv:3: temp_C: expected a decimal number,"
        + " found \"n/a\"\nfanout: record seq 1 (\"runs/run-001.csv\"): python3 exited with status 1\n"), result.stderr());
  }

  @Test
  void runsPipelineWithAMissingFileLeavesNoOutputFile() throws Exception {
    Result result = bash(dir, "set -o pipefail; printf '%s\\n' '" + EXAMPLES.resolve("data/runs/run-01.csv") + "' missing.csv"
        + " | reader --lines - | fanout -n 2 -b 1 runstats | writer -o summary.csv; echo \"status $?\"; ls -A");
    assertEquals("status 1\n", result.stdout());
    assertFailureNamed("runstats: record seq 1 (byte offset ", "): missing.csv: No such file or directory", result.stderr());
  }

  @Test
  void runsScriptSaysSoWhenThereAreNoRunFiles() throws Exception {
    Result result = bash(dir, "mkdir empty && " + script("runs.sh") + " empty");
    assertEquals(new Result(1, "", "runs.sh: no .csv files in empty\n"), result);
  }

  /** stderr has a line of {@code before}, a byte offset, then {@code after}; and no stack trace. */
  private static void assertFailureNamed(String before, String after, String stderr) {
    Pattern line = Pattern.compile("(?m)^" + Pattern.quote(before) + "\\d+" + Pattern.quote(after) + "$");
    assertTrue(line.matcher(stderr).find(), stderr);
    assertFalse(stderr.contains("Exception") || stderr.contains("\tat "), stderr);
  }

  /**
   * runs.sh's result computed again in Python from the files themselves: {@code python3 check.py DIR
   * COLUMN < output} prints "same, N runs", or what differs and exits 1; {@code python3 check.py DIR
   * COLUMN json} reads runstats' values as {@code writer -f lines} prints them, JSON with no seq. The mean is a left-to-right
   * sum of doubles divided by the count, so it is the same double in any language; writer's text of
   * it must read back as that double.
   */
  private static final String PYTHON_RUNS_CHECK = """
      import glob, json, sys
      directory, column = sys.argv[1], sys.argv[2]
      expected = []
      for seq, path in enumerate(sorted(glob.glob(directory + "/*.csv"))):
          with open(path, encoding="utf-8") as f:  # universal newlines: CRLF reads as LF
              lines = f.read().split("\\n")
          header = [name.strip() for name in lines[0].lstrip("\\ufeff").split(",")]
          index = len(header) - 1 if column == "" else header.index(column)
          values = [float(line.split(",")[index]) for line in lines[1:] if line != ""]
          total = 0.0
          for value in values:
              total += value
          mean = total / len(values) if values else None
          expected.append([str(seq), path, str(len(values)), mean, max(values) if values else None])
      if len(sys.argv) > 3:  # json: writer -f lines, values [file, rows, mean, max] with no seq
          got = [json.loads(line) for line in sys.stdin]
          bad = [(w, g) for w, g in zip(expected, got) if g != w[1:2] + [int(w[2])] + w[3:]]
      else:
          got = [line.rstrip("\\n").split(",") for line in sys.stdin]
          def same(want, text):
              return text == "" if want is None else (text != "" and float(text) == want)
          bad = [(w, g) for w, g in zip(expected, got)
                 if len(g) != 5 or g[:3] != w[:3] or not same(w[3], g[3]) or not same(w[4], g[4])]
      if bad or len(got) != len(expected):
          sys.exit("differ: %d runs expected, %d lines; first difference: %s" % (len(expected), len(got), bad[:1]))
      print("same, %d runs" % len(got))
      """;

  /**
   * {@code python3 generate.py DIR SEED COUNT}: COUNT run files DIR/run-000.csv ... with 0 to 1000
   * rows of time_s, signal_mV (decimals, integers, exponents, spaces) and temp_C; some with CRLF line
   * ends, some with empty lines, a header with spaces around its names.
   */
  private static final String PYTHON_RUNS_GENERATOR = """
      import random, sys
      directory, seed, count = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
      random.seed(seed)
      for run in range(count):
          rows = random.choice([0, 1, 2, 50, 300, 1000])
          lines = ["time_s, signal_mV ,temp_C"]
          for i in range(rows):
              signal = random.choice(["%.3f" % random.gauss(100, 30), "%d" % random.randint(-50, 500),
                                      "%.2e" % random.uniform(-1e3, 1e3), " %.1f " % random.uniform(0, 1)])
              lines.append("%g,%s,%.2f" % (i * 0.1, signal, random.uniform(15, 30)))
              if random.random() < 0.01:
                  lines.append("")
          end = "\\r\\n" if run % 7 == 3 else "\\n"
          with open("%s/run-%03d.csv" % (directory, run), "w", newline="") as f:
              f.write(end.join(lines) + end)
      """;

  // ---- line-stage.sh: a record stage where only lines flow, under a stand-in for Hadoop Streaming and RDD.pipe

  @ParameterizedTest
  @ValueSource(strings = {"summer", "fanout -n 2 summer"})
  void lineStageSumsEachSplitsRowsAsAwkDoes(String stage) throws Exception {
    Files.writeString(dir.resolve("harness.py"), PYTHON_LINE_HARNESS);
    Result result = bash(shared, "python3 '" + dir + "/harness.py' 4 generated.csv " + script("line-stage.sh") + " --csv " + stage
        + " | cmp - <(awk -F, '{ s = 0; for (i = 1; i <= NF; i++) s += $i; print s }' generated.csv) && echo same");
    assertEquals(new Result(0, "same\n", ""), result);
  }

  @Test
  void lineStageGivesBackTextLinesByteForByte() throws Exception {
    Files.writeString(dir.resolve("harness.py"), PYTHON_LINE_HARNESS);
    StringBuilder text = new StringBuilder();
    for (int i = 0; i < 3000; i++) {
      text.append(i).append("\tnaïve café ").append("日本語".repeat(i % 4)).append(i % 5 == 0 ? "\n\n" : "\n");
      if (i % 7 == 0) text.append(" a,\"b\",  \\n is not a newline \n");
    }
    Files.writeString(dir.resolve("text.txt"), text);
    Result result = bash(dir, "python3 harness.py 3 text.txt " + script("line-stage.sh") + " cat | cmp - text.txt && echo same");
    assertEquals(new Result(0, "same\n", ""), result);
  }

  @Test
  void lineStageRunsRunstatsOnFileNamesGivenAsLines() throws Exception {
    Files.writeString(dir.resolve("harness.py"), PYTHON_LINE_HARNESS);
    Files.writeString(dir.resolve("generate.py"), PYTHON_RUNS_GENERATOR);
    Files.writeString(dir.resolve("check.py"), PYTHON_RUNS_CHECK);
    Result result = bash(dir, "mkdir runs && python3 generate.py runs 28 30 && printf '%s\\n' runs/*.csv > names.txt"
        + " && python3 harness.py 3 names.txt " + script("line-stage.sh") + " runstats -c signal_mV"
        + " | python3 check.py runs signal_mV json");
    assertEquals(new Result(0, "same, 30 runs\n", ""), result);
  }

  @Test
  void lineStageFailsTheTaskThatHasABadRow() throws Exception {
    Files.writeString(dir.resolve("harness.py"), PYTHON_LINE_HARNESS);
    Result result = bash(shared, "{ head -n 500 generated.csv; echo '1,2,x'; tail -n 499 generated.csv; }"
        + " > '" + dir + "/bad.csv' && python3 '" + dir + "/harness.py' 2 '" + dir + "/bad.csv' " + script("line-stage.sh") + " --csv summer");
    assertEquals(1, result.status(), result.stderr());
    assertEquals("", result.stdout());
    assertTrue(result.stderr().startsWith("reader: stdin:1:3: expected an integer, found \"x\"\n"), result.stderr());
    assertTrue(result.stderr().endsWith("task 1 failed with exit status 1\n"), result.stderr());
  }

  @Test
  void lineStageWithoutAStageIsAUsageError() throws Exception {
    assertEquals(new Result(2, "", "usage: line-stage.sh [--csv] STAGE [ARG...]\n"), bash(dir, script("line-stage.sh") + " --csv"));
  }

  /**
   * {@code python3 harness.py SPLITS INPUT COMMAND...}: what Hadoop Streaming (map-only) and Spark's
   * {@code RDD.pipe} do with a command, neither of which runs here. INPUT's lines (ended by LF, CRLF
   * or CR, as Hadoop's LineReader ends them) are cut into SPLITS contiguous parts; one process of
   * COMMAND per part, two at a time, is fed its part's lines on stdin, each with an LF, from a thread
   * while its stdout is read as lines. Prints every part's output lines in part order; a process
   * that exits non-zero fails the job: "task N failed with exit status S", exit 1, nothing printed.
   */
  private static final String PYTHON_LINE_HARNESS = """
      import concurrent.futures, subprocess, sys, threading
      splits, path, command = int(sys.argv[1]), sys.argv[2], sys.argv[3:]
      with open(path, "rb") as f:
          lines = f.read().splitlines()
      size = max(1, -(-len(lines) // splits))
      parts = [lines[at:at + size] for at in range(0, len(lines), size)]
      def run(part):
          process = subprocess.Popen(command, stdin=subprocess.PIPE, stdout=subprocess.PIPE)
          def feed():
              try:
                  for line in part:
                      process.stdin.write(line + b"\\n")
                  process.stdin.close()
              except BrokenPipeError:
                  pass
          feeder = threading.Thread(target=feed)
          feeder.start()
          out = process.stdout.read()
          feeder.join()
          return out.split(b"\\n")[:-1] if out else [], process.wait()
      with concurrent.futures.ThreadPoolExecutor(max_workers=2) as pool:
          results = list(pool.map(run, parts))
      for task, (out, status) in enumerate(results):
          if status != 0:
              sys.exit("task %d failed with exit status %d" % (task, status))
      for out, status in results:
          for line in out:
              sys.stdout.buffer.write(line + b"\\n")
      """;

  // ---- references and inputs

  /**
   * top-rows.sh's result in awk alone: the {@code top} rows with the largest sums, ties going to the
   * later row (what a stable sort then tail keeps), printed smallest first.
   */
  private static String awkTopRows(int top) {
    return "awk -F, -v top=" + top + " '"
        + "{ s = 0; for (i = 1; i <= NF; i++) s += $i; sum[NR - 1] = s }"
        + " END {"
        + "   for (k = 0; k < top && k < NR; k++) {"
        + "     best = -1;"
        + "     for (i = 0; i < NR; i++)"
        + "       if (!(i in taken) && (best < 0 || sum[i] >= sum[best])) best = i;"
        + "     taken[best] = 1; picked[k] = best"
        + "   }"
        + "   for (k--; k >= 0; k--) print picked[k] \"\\t\" sum[picked[k]]"
        + " }'";
  }

  /** score-totals.sh's result in awk alone: how many players have each total, as uniq -c prints it. */
  private static final String AWK_SCORE_TOTALS = "awk -F, '"
      + "NR > 1 { s = 0; for (i = 2; i <= NF; i++) s += $i; count[s]++; if (NR == 2 || s < low) low = s; if (NR == 2 || s > high) high = s }"
      + " END { for (t = low; t <= high; t++) if (t in count) printf \"%7d %d\\n\", count[t], t }'";

  /** The stage in place of summer, under fanout and alone: the same text, and the same record bytes. */
  private static String sameAsSummer(String file, String stage) {
    return "reader " + file + " | fanout -n 2 " + stage + " | writer | cmp - <(reader " + file + " | summer | writer)"
        + " && reader " + file + " | " + stage + " | cmp - <(reader " + file + " | summer) && echo same";
  }

  private static String script(String name) {
    return "'" + EXAMPLES.resolve(name) + "'";
  }

  /**
   * Sums past 64 bits of either sign, sums at the edges of each integer width, and rows holding
   * integers that are bignums themselves: written here from their values, not from a run.
   */
  private static String edgeRows() {
    List<String> rows = new ArrayList<>();
    for (BigInteger edge : new BigInteger[] {BigInteger.valueOf(23), BigInteger.valueOf(255), BigInteger.valueOf(65535),
        BigInteger.valueOf(0xffffffffL), TWO_TO_64.subtract(BigInteger.ONE), TWO_TO_64.pow(3)}) {
      for (BigInteger sum : new BigInteger[] {edge, edge.add(BigInteger.ONE), edge.negate(), edge.negate().subtract(BigInteger.ONE),
          edge.negate().subtract(BigInteger.TWO)}) {
        rows.add(sum.subtract(BigInteger.valueOf(7)) + ",7");  // the sum, from two values
      }
    }
    rows.add(Long.MAX_VALUE + "," + Long.MAX_VALUE + "," + Long.MAX_VALUE);
    rows.add(Long.MIN_VALUE + "," + Long.MIN_VALUE + "," + Long.MIN_VALUE);
    rows.add(BigInteger.TEN.pow(40) + "," + BigInteger.TEN.pow(40).negate());
    rows.add(BigInteger.TWO.pow(200).negate() + ",1,-1," + BigInteger.TWO.pow(71));
    rows.add("0");
    return String.join("\n", rows) + "\n";
  }

  /**
   * Records summer must read though recpipe never writes them, as docs/FORMAT.md lists: indefinite
   * lengths, integers not in their shortest form, bignums holding small numbers.
   */
  private static final List<String> READ_FORMS = List.of(
      "9f009f0102ffff",                                      // [_ 0, [_ 1, 2]]
      "9f01820102ff",                                        // [_ 1, [1, 2]]
      "82189f9f0304ff",                                      // seq 159, [_ 3, 4]
      "8218a08418051900051a000000051b0000000000000005",      // seq 160 in 1 byte, 5 in every width
      "821900a18438043900043a000000043b0000000000000004",    // seq 161 in 2 bytes, -5 in every width
      "821a000100008101",                                    // seq 2^16 in 4 bytes
      "821b7fffffffffffffff80",                              // seq 2^63-1, an empty row
      "820382c24105c34105",                                  // 2(h'05') + 3(h'05') = 5 + -6
      "820481c243000007",                                    // a bignum with leading zero bytes
      "820581c240",                                          // an empty magnitude: 0
      "820682c249010000000000000000c249010000000000000000",  // 2^64 + 2^64
      "820782c349010000000000000000c349010000000000000000",  // (-2^64-1) + (-2^64-1)
      "820882c2490100000000000000003bffffffffffffffff",      // 2^64 + -2^64 = 0
      "820c821bfffffffffffffffe01",                          // (2^64-2) + 1: still a plain integer
      "820d823bfffffffffffffffe20",                          // (-2^64+1) + -1 = -2^64: plain too
      "820e9f01c349ffffffffffffffffffff");                   // [_ 1, -2^72]

  /** Bignums on indefinite-length byte strings, which summer reads and cbor-x does not. */
  private static final List<String> INDEFINITE_BYTES_FORMS = List.of(
      "820f81c25f4101410040ff",                              // 2(_ h'01', h'00', h'') = 256
      "821081c35f450100000000450000000000ff");               // 3(_ h'0100000000', h'0000000000') = -1 - 2^72

  /** The record before each of badInputs(): [0, [1]]. */
  private static final String GOOD = "82008101";
  /** Where the bad record starts in each of badInputs(), after GOOD. */
  private static final int BAD_RECORD_OFFSET = 4;

  /**
   * Bad input after GOOD: a name, the bytes, and the byte offset summer names: that of what is
   * wrong in the stream, and of the record for a value that is not a row.
   */
  static Stream<Arguments> badInputs() {
    return Stream.of(
        arguments("cut in the middle", "820181", 4),
        arguments("not CBOR", "8201811c", 7),
        arguments("abort mark", "ff", 4),
        arguments("not a record", "01", 4),
        arguments("negative seq", "822080", 5),
        arguments("a text, not an array", "820163616263", 4),
        arguments("a boolean in the row", "82018201f5", 4),
        arguments("three elements", "83018080", 7));
  }

  /**
   * The stage fails on GOOD then the bad input as a stage should: exit 1, on stdout the sum of GOOD
   * (as summer writes it) then the abort mark, and one line on stderr naming the byte offset.
   */
  private void assertFailsCleanly(String stage, String name, String bad, int offset) throws IOException, InterruptedException {
    Files.write(dir.resolve("good.bin"), HexFormat.of().parseHex(GOOD));
    Files.write(dir.resolve("bad.bin"), HexFormat.of().parseHex(GOOD + bad));
    Result result = bash(dir, stage + " < bad.bin > out.bin");
    assertEquals(1, result.status(), result.stderr());
    assertTrue(Pattern.matches(Pattern.quote(name) + ": [^\n]*byte offset " + offset + "\\b[^\n]*\n", result.stderr()),
        result.stderr());
    Result expected = bash(dir, "{ summer < good.bin && printf '\\377'; } | cmp - out.bin && echo same");
    assertEquals(new Result(0, "same\n", ""), expected);
  }

  /** Skips a test of node/summer.js, saying why on stderr (once), when node or cbor-x is missing. */
  private static void assumeNodeStage() throws IOException, InterruptedException {
    if (nodeMissing == null) {
      nodeMissing = "";
      if (bash(EXAMPLES, "node --version").status() != 0) {
        nodeMissing = "no node on PATH";
      } else if (!Files.isDirectory(EXAMPLES.resolve("node/node_modules/cbor-x"))) {
        nodeMissing = "no examples/node/node_modules: run 'npm ci --omit=optional' in examples/node";
      }
      if (!nodeMissing.isEmpty()) System.err.println("ExamplesIT: skipping the tests of node/summer.js: " + nodeMissing);
    }
    Assumptions.assumeTrue(nodeMissing.isEmpty(), nodeMissing);
  }
}
