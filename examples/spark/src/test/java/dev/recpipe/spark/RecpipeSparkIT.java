package dev.recpipe.spark;

import static dev.recpipe.spark.Shell.bash;
import static dev.recpipe.spark.Shell.quote;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.recpipe.spark.Shell.Result;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * bin/recpipe-spark as a user runs it, in bash, on Spark in local mode with two cores: its output is
 * the local pipeline's, byte for byte, and a failure is the local pipeline's failure. Each job costs
 * Spark's start-up, a few seconds, so each test runs one job, and shares its inputs.
 */
@Timeout(600)
class RecpipeSparkIT {
  private static final String SPARK = quote(Shell.BIN.resolve("recpipe-spark")) + " --master 'local[2]'";
  private static final String PYTHON_SUMMER = "python3 " + quote(Shell.ROOT.resolve("examples/python/summer.py"));
  private static final Pattern FAILED_PARTITION = Pattern.compile(
      "recpipe-spark: the pipeline failed on partition (\\d+) \\(lines (\\d+)-(\\d+) of ([^)]+)\\), exit statuses: (.*)");

  @TempDir static Path shared;
  @TempDir Path dir;

  /** 200,000 generated rows of 10 integers, and the local pipeline's output for them. */
  @BeforeAll
  static void generateRows() throws Exception {
    assertOk(bash(shared, "gencsv 200000 10 1 > rows.csv && reader rows.csv | fanout -n 2 summer | writer > local.csv"));
  }

  @Test
  void fanoutOn200kRowsIsTheLocalPipelineByteForByte() throws Exception {
    Result run = bash(shared, SPARK + " --partitions 4 rows.csv " + quote(dir.resolve("sums")) + " -- fanout -n 2 summer");
    assertEquals(new Result(0, "", ""), run, "no output, and none of Spark's logging");
    List<Path> parts = parts(dir.resolve("sums"));
    assertTrue(parts.size() >= 4, "partitions: " + parts);
    assertArrayEquals(Files.readAllBytes(shared.resolve("local.csv")), concatenate(parts));
    // seqs are row indexes in the whole input: each part's first seq counts the rows before it
    long rowsBefore = 0;
    for (Path part : parts) {
      List<String> sums = Files.readAllLines(part);
      assertEquals(rowsBefore + ",", sums.get(0).substring(0, sums.get(0).indexOf(',') + 1), part.toString());
      rowsBefore += sums.size();
    }
  }

  @Test
  void aPythonStageWithAHeaderAndEmptyLinesAcrossPartitions() throws Exception {
    // a header, then rows with an empty line (or only a CR) every 997 lines: neither uses a seq
    List<String> rows = Files.readAllLines(shared.resolve("rows.csv")).subList(0, 40_000);
    StringBuilder input = new StringBuilder("a,b,c,d,e,f,g,h,i,j\n");
    for (int i = 0; i < rows.size(); i++) {
      input.append(rows.get(i)).append(i % 3 == 0 ? "\r\n" : "\n");
      if (i % 997 == 0) input.append(i % 2 == 0 ? "\n" : "\r\n");
    }
    Files.writeString(dir.resolve("headed.csv"), input);
    Result run = bash(dir, SPARK + " --partitions 5 -H headed.csv sums -- " + PYTHON_SUMMER
        + " && cat sums/part-* | cmp - <(reader -H headed.csv | summer | writer) && echo same");
    assertEquals(new Result(0, "same\n", ""), run);
    assertTrue(parts(dir.resolve("sums")).size() >= 5);
  }

  @Test
  void aBadRowInALatePartitionFailsWithItsLineInTheWholeInput() throws Exception {
    List<String> lines = new ArrayList<>(Files.readAllLines(shared.resolve("rows.csv")));
    lines.add(1000, ""); // an empty line: line numbers and row indexes part ways
    lines.add(190_000, "1,x,3");
    Files.write(dir.resolve("bad.csv"), lines);
    String local = bash(dir, "reader bad.csv | summer | writer > /dev/null").stderr();
    String readerMessage = "reader: bad.csv:190001:2: expected an integer, found \"x\"\n";
    assertTrue(local.startsWith(readerMessage), local);

    Result run = bash(dir, SPARK + " --partitions 4 bad.csv sums -- summer");
    assertEquals(1, run.status(), run.stderr());
    assertEquals("", run.stdout());
    List<String> stderr = run.stderr().lines().toList();
    assertEquals(4, stderr.size(), "the stages' three messages and recpipe-spark's, no more: " + run.stderr());
    assertEquals(readerMessage, stderr.get(0) + "\n");
    assertTrue(stderr.get(1).startsWith("summer: input ends with an abort mark at byte offset "), stderr.get(1));
    assertTrue(stderr.get(2).startsWith("writer: input ends with an abort mark at byte offset "), stderr.get(2));
    Matcher failed = FAILED_PARTITION.matcher(stderr.get(3));
    assertTrue(failed.matches(), stderr.get(3));
    assertTrue(Integer.parseInt(failed.group(1)) >= 3, "a late partition: " + stderr.get(3));
    assertTrue(Long.parseLong(failed.group(2)) <= 190_001 && 190_001 <= Long.parseLong(failed.group(3)), stderr.get(3));
    assertEquals("bad.csv", failed.group(4));
    assertEquals("reader 1, summer 1, writer 1", failed.group(5));
    assertFalse(Files.exists(dir.resolve("sums")), "no OUTPUT left behind");
  }

  @Test
  void aCrashingStageFailsTheJobWithItsMessageAndLeavesNoOutput() throws Exception {
    // passes its records on, unless they hold the text CRASH: then it says so and exits 3
    Files.writeString(dir.resolve("crash.py"), """
        import sys
        data = sys.stdin.buffer.read()
        if b"CRASH" in data:
            sys.stderr.write("crash.py: CRASH on my input\\n")
            sys.exit(3)
        sys.stdout.buffer.write(data)
        """);
    StringBuilder text = new StringBuilder();
    for (int i = 1; i <= 40_000; i++) text.append(i == 39_000 ? "CRASH" : "line " + i).append('\n');
    Files.writeString(dir.resolve("notes.txt"), text);
    Result run = bash(dir, SPARK + " --partitions 4 --lines -f lines notes.txt out -- python3 crash.py");
    assertEquals(1, run.status(), run.stderr());
    List<String> stderr = run.stderr().lines().toList();
    assertEquals("crash.py: CRASH on my input", stderr.get(0), run.stderr());
    Matcher failed = FAILED_PARTITION.matcher(stderr.get(stderr.size() - 1));
    assertTrue(failed.matches(), run.stderr());
    assertEquals("reader 0, python3 3, writer 0", failed.group(5));
    assertEquals(2, stderr.size(), run.stderr());
    // the partitions before it succeeded, and wrote their part files; the job's failure removed them
    assertFalse(Files.exists(dir.resolve("out")), "no OUTPUT left behind");
  }

  @Test
  void terminatedMidJobItStopsItsStagesAndLeavesNoOutput() throws Exception {
    // heavy at 10000 times its work takes seconds a record: SIGTERM once the job writes its parts
    Files.copy(shared.resolve("rows.csv"), dir.resolve("stopped-job-rows.csv"));
    // the file's name is on the command line of every reader of the job, and not in this script's
    Result run = bash(dir, "job=stopped-job; " + SPARK + " --partitions 4 $job-rows.csv out -- heavy --scale 10000 & spark=$!\n"
        + "for i in $(seq 1200); do [ -d out/_temporary ] && break; sleep 0.1; done\n"
        + "sleep 1; kill -TERM $spark; wait $spark; echo \"status $?\"\n"
        + "sleep 1; ps -eo args | grep -c '[s]topped-job-rows'; ls out");
    assertEquals("status 143\n0\n", run.stdout(), run.stderr());
    assertTrue(run.stderr().endsWith("ls: cannot access 'out': No such file or directory\n"), run.stderr());
  }

  @Test
  void linesComeBackByteForByteCrlfAndALastLineWithoutLineFeedIncluded() throws Exception {
    StringBuilder text = new StringBuilder();
    for (int i = 0; i < 30_000; i++) {
      text.append(i % 5 == 0 ? "" : "line " + i + (i % 7 == 0 ? " é, ü \u20ac" : "")).append(i % 3 == 0 ? "\r\n" : "\n");
    }
    text.append("the end, a CR and no LF\r");
    Files.writeString(dir.resolve("notes.txt"), text);
    Result run = bash(dir, SPARK + " --partitions 6 --lines -f jsonl notes.txt out -- cat"
        + " && cat out/part-* | cmp - <(reader --lines notes.txt | cat | writer -f jsonl) && echo same");
    assertEquals(new Result(0, "same\n", ""), run);
    assertTrue(Files.readString(dir.resolve("out/part-00000")).startsWith("{\"seq\":0,\"value\":\"\"}\n"));
  }

  @Test
  void anEmptyInputMakesEmptyParts() throws Exception {
    Files.writeString(dir.resolve("empty.csv"), "");
    Result run = bash(dir, SPARK + " --partitions 2 empty.csv out -- summer");
    assertEquals(new Result(0, "", ""), run);
    assertTrue(Files.exists(dir.resolve("out/_SUCCESS")));
    assertArrayEquals(new byte[0], concatenate(parts(dir.resolve("out"))));
  }

  @Test
  void theToolsFromAnArchiveOfAnInstallTreeAsOnACluster() throws Exception {
    // make install into a staging directory, one stage of the user's own beside the tools, and
    // the tree packed as spark-submit's --archives would take it
    Path stage = dir.resolve("stage");
    assertOk(bash(Shell.ROOT, "make -s install DESTDIR=" + quote(stage) + " PREFIX=/recpipe"));
    Path myStage = Files.writeString(stage.resolve("recpipe/bin/my-summer"), "#!/bin/sh\nexec \"$(dirname \"$0\")/summer\" \"$@\"\n");
    Files.setPosixFilePermissions(myStage, PosixFilePermissions.fromString("rwxr-xr-x"));
    assertOk(bash(dir, "tar czf recpipe.tar.gz -C stage/recpipe . && rm -r stage"));
    // my-summer is nowhere but in the archive, and recpipe/bin nowhere but where Spark unpacks it
    Result run = bash(dir, SPARK + " --partitions 3 --conf spark.archives=" + quote(dir.resolve("recpipe.tar.gz") + "#recpipe")
        + " --tools recpipe/bin " + quote(shared.resolve("rows.csv")) + " sums -- fanout -n 2 my-summer");
    assertEquals(new Result(0, "", ""), run);
    assertArrayEquals(Files.readAllBytes(shared.resolve("local.csv")), concatenate(parts(dir.resolve("sums"))));
  }

  @Test
  void usageErrorsAndMissingFilesOrProgramsFailBeforeSparkStarts() throws Exception {
    Files.createDirectory(dir.resolve("exists"));
    Result cmdOptions = bash(dir, SPARK + " rows.csv out fanout -n 2 summer");
    assertEquals(new Result(2, "", "recpipe-spark: unknown option '-n'; CMD and its options go after --:"
        + " recpipe-spark [OPTION...] INPUT OUTPUT -- CMD [ARG...]\nTry 'recpipe-spark --help' for more information.\n"),
        cmdOptions);
    assertEquals(new Result(2, "", "recpipe-spark: --header is for CSV input; it cannot be used with --lines\n"
        + "Try 'recpipe-spark --help' for more information.\n"), bash(dir, SPARK + " --lines -H rows.csv out -- cat"));
    assertEquals(new Result(1, "", "recpipe-spark: missing.csv: No such file or directory\n"),
        bash(dir, SPARK + " missing.csv out -- summer"));
    assertEquals(new Result(1, "", "recpipe-spark: exists: already exists (the job writes a new directory; remove it first)\n"),
        bash(dir, SPARK + " " + quote(shared.resolve("rows.csv")) + " exists -- summer"));
    assertEquals(new Result(1, "", "recpipe-spark: sumer: command not found (looked in " + Shell.BIN + " and on PATH)\n"),
        bash(dir, SPARK + " " + quote(shared.resolve("rows.csv")) + " out -- sumer"));
    assertFalse(Files.exists(dir.resolve("out")));
  }

  // ---- helpers

  private static void assertOk(Result result) {
    assertEquals(0, result.status(), result.stderr());
  }

  /** The part files, in name order. */
  private static List<Path> parts(Path output) throws IOException {
    try (Stream<Path> files = Files.list(output)) {
      return files.filter(file -> file.getFileName().toString().startsWith("part-")).sorted().toList();
    }
  }

  private static byte[] concatenate(List<Path> parts) throws IOException {
    StringBuilder all = new StringBuilder();
    for (Path part : parts) all.append(Files.readString(part, StandardCharsets.ISO_8859_1));
    return all.toString().getBytes(StandardCharsets.ISO_8859_1);
  }
}
