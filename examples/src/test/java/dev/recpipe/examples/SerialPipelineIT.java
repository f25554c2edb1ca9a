package dev.recpipe.examples;

import static dev.recpipe.examples.Shell.bash;
import static dev.recpipe.examples.Shell.sh;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.recpipe.examples.Shell.Result;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** The real launchers in a real shell pipeline: `reader | summer | writer`. */
class SerialPipelineIT {
  /** The reference the issue names: what a plain single-process program prints. */
  private static final String AWK = "awk -F, '{s=0;for(i=1;i<=NF;i++)s+=$i;print NR-1\",\"s}'";

  @TempDir Path dir;

  @Test
  void millionRowsEqualAwkByteForByte() throws Exception {
    Result result = sh(dir, "gencsv 1000000 10 7 > rows.csv"
        + " && reader rows.csv | summer | writer > sums.csv"
        + " && " + AWK + " rows.csv > expected.csv"
        + " && cmp sums.csv expected.csv && wc -l < sums.csv");
    assertEquals(new Result(0, "1000000\n", ""), result);
  }

  @Test
  void negativeAndHugeIntegersMatchAnExactReference() throws Exception {
    // awk sums in doubles and would round these; the expected sums are exact.
    Files.writeString(dir.resolve("rows.csv"),
        "-5,3\n9223372036854775807,9223372036854775807\n\"12\",-12\n"
            + "123456789012345678901234567890,1\n-9223372036854775808,-1\n");
    Result result = sh(dir, "reader rows.csv | summer | writer");
    assertEquals(new Result(0, "0,-2\n1,18446744073709551614\n2,0\n3,123456789012345678901234567891\n"
        + "4,-9223372036854775809\n", ""), result);
  }

  @Test
  void stdinDashAndSeveralFilesContinueOneNumbering() throws Exception {
    Files.writeString(dir.resolve("a.csv"), "1,2\n3,4\n");
    Files.writeString(dir.resolve("b.csv"), "5,6\r\n");
    Result result = sh(dir, "printf '10,20\\n' | reader a.csv - b.csv | summer | writer");
    assertEquals(new Result(0, "0,3\n1,7\n2,30\n3,11\n", ""), result);
  }

  /**
   * A file cut short by another program while reader reads it: reader stopped at its new end as at
   * the end of a whole file, exit 0, and writer -o put in place the sums of the rows before, the
   * last row perhaps cut in the middle of a number. Now the run fails, as tar's "file shrank" does.
   * summer waits to read until the file has been cut, so reader, its pipe full, is still reading it.
   * The same for stdin when it is the file ({@code reader < rows.csv}), which was not checked.
   */
  @ParameterizedTest
  @ValueSource(strings = {"rows.csv", "< rows.csv"})
  void aFileThatShrinksWhileReaderReadsItFailsTheRun(String input) throws Exception {
    Result result = changedWhileReaderReadsIt(input, "truncate -s 1000 rows.csv");
    String[] out = result.stdout().split("\n");
    assertEquals("1 1 1\nold", out[0] + "\n" + out[1], result.stderr());
    String name = input.startsWith("<") ? "stdin" : "rows.csv";
    assertTrue(result.stderr().startsWith("reader: " + name + ": the file shrank while it was read, from " + out[2]
        + " bytes to 1000\n"), result.stderr());
  }

  /**
   * {@code reader INPUT | summer | writer -o sums.csv} over 200,000 rows, an old sums.csv in place,
   * with {@code change} run on rows.csv once reader has read some of it and before summer reads:
   * prints the three statuses, sums.csv and rows.csv's size before the change.
   */
  private Result changedWhileReaderReadsIt(String input, String change) throws Exception {
    return bash(dir, "gencsv 200000 10 1 > rows.csv; echo old > sums.csv; size=$(stat -c %s rows.csv);"
        + " { { echo $BASHPID > reader.pid; exec reader " + input + "; }"
        + " | { while [ ! -e go ]; do sleep 0.05; done; exec summer; } | writer -o sums.csv;"
        + " echo \"${PIPESTATUS[*]}\" > statuses; } &"
        // reader has read some of the file: an offset of it past 0 (stdin is open before reader starts).
        // Looked for only once the launcher has become the JVM: the launcher's shell moves descriptor 0
        // to its tool table and back as it reads it, so that the file a descriptor names and the offset
        // read next could be two files' (the rewrite was once made before reader read a byte: exit 0,
        // the sums of the new file, whole)
        + " reading() { pid=$(cat reader.pid 2>/dev/null) || return 1; [ \"$(cat /proc/$pid/comm 2>/dev/null)\" = java ] || return 1;"
        + " for fd in /proc/$pid/fd/*; do"
        + " [ \"$(readlink \"$fd\")\" = \"$(pwd -P)/rows.csv\" ] || continue;"
        + " pos=$(sed -n 's/^pos:[[:space:]]*//p' /proc/$pid/fdinfo/${fd##*/} 2>/dev/null); [ \"${pos:-0}\" -gt 0 ] && return 0;"
        + " done; return 1; };"
        + " until reading; do sleep 0.05; done;"
        + " " + change + "; touch go; wait; cat statuses sums.csv; echo \"$size\"");
  }

  /**
   * Generated files of integers ({@link IntegerCsv}): what {@code reader | summer | writer} prints is
   * what reader.md, summer.md and writer.md say, worked out apart from the code, byte for byte, and a
   * bad field stops the run with exit 1, naming its file, line and field, after the sums of the rows
   * before it.
   */
  @Test
  void generatedIntegerCsvSumsAsTheDocsSay() throws Exception {
    long seed = Long.getLong("integercsv.seed", System.nanoTime());
    int files = 24;
    List<IntegerCsv> inputs = new java.util.ArrayList<>();
    for (int file = 0; file < files; file++) {
      inputs.add(IntegerCsv.generate(seed + file));
      Files.write(dir.resolve("f" + file + ".csv"), inputs.get(file).bytes);
    }
    Result result = bash(dir, "for i in $(seq 0 " + (files - 1) + "); do { reader f$i.csv | summer | writer > f$i.out;"
        + " echo \"${PIPESTATUS[*]}\" > f$i.status; } 2> f$i.err; done");
    assertEquals(new Result(0, "", ""), result);
    for (int file = 0; file < files; file++) {
      IntegerCsv input = inputs.get(file);
      String what = "seed " + (seed + file) + " (run again with -Dintegercsv.seed=" + (seed + file) + "), file " + file;
      String stderr = Files.readString(dir.resolve("f" + file + ".err"));
      assertEquals(input.sums, Files.readString(dir.resolve("f" + file + ".out")), what + ": " + stderr);
      assertEquals(input.bad == null ? "0 0 0\n" : "1 1 1\n", Files.readString(dir.resolve("f" + file + ".status")), what + ": " + stderr);
      if (input.bad == null) assertEquals("", stderr, what);
      else assertTrue(stderr.startsWith("reader: f" + file + ".csv:" + input.bad + ": "), what + ": " + stderr);
    }
  }

  /**
   * A file cut short and written anew while reader reads it, as {@code gencsv ... > rows.csv} run
   * again does: reader went on reading at its offset in the new content, so the rows it wrote were
   * the old file's first part and the new file's rest, a row perhaps spliced from both, and it
   * exited 0 (the new file is larger, or as large, so the check for a file that shrank saw nothing):
   * {@code writer -o} put that mixture in place. Now the run fails, naming the file.
   */
  @ParameterizedTest
  @CsvSource({
    "rows.csv, gencsv 300000 10 2 > new.csv && cat new.csv > rows.csv",
    "< rows.csv, gencsv 300000 10 2 > new.csv && cat new.csv > rows.csv",
    // the same size, other digits: only the file's modification time says it changed
    "rows.csv, tr 0-9 1-90 < rows.csv > new.csv && cat new.csv > rows.csv",
    "< rows.csv, tr 0-9 1-90 < rows.csv > new.csv && cat new.csv > rows.csv",
  })
  void aFileWrittenAnewWhileReaderReadsItFailsTheRun(String input, String rewrite) throws Exception {
    Result result = changedWhileReaderReadsIt(input, rewrite);
    assertTrue(result.stdout().matches("1 1 1\nold\n[0-9]+\n"), result.stdout() + result.stderr());
    String name = input.startsWith("<") ? "stdin" : "rows.csv";
    // reader may meet the end while the file is cut short, before cat has written it anew
    assertTrue(result.stderr().matches("reader: " + name + ": the file (changed while it was read: the [0-9]+"
        + " bytes read are no longer what it holds|shrank while it was read, from [0-9]+ bytes to [0-9]+)\n(?s).*"), result.stderr());
  }

  /**
   * A file name with a line end or another control character in it: the message named it as it
   * was, so an error, which docs/GUARANTEES.md promises is one line, came out as two, the second
   * beginning with the rest of the name (and an escape sequence in a name went to the terminal as
   * it is). Now such a character is shown as {@code \xNN}, as in a field the error quotes.
   */
  @Test
  void aFileNameWithALineEndIsNamedOnOneLine() throws Exception {
    Result result = bash(dir, "printf 'x\\n' > $'a\\nb.csv'; printf 'y\\n' > $'c\\e[31m.csv';"
        + " reader $'a\\nb.csv' | writer; reader $'no\\nsuch.csv' | writer;"
        + " reader --skip-bad $'c\\e[31m.csv' $'a\\nb.csv' | writer; writer -o $'no\\ndir/out.csv' < /dev/null");
    assertEquals(new Result(1, "", "reader: a\\x0ab.csv:1:1: expected an integer, found \"x\"\n"
        + "writer: input ends with an abort mark at byte offset 0: an earlier stage failed\n"
        + "reader: no\\x0asuch.csv: No such file or directory\n"
        + "writer: input ends with an abort mark at byte offset 0: an earlier stage failed\n"
        + "reader: skipped 2 bad rows; first: c\\x1b[31m.csv:1:1: expected an integer, found \"y\"\n"
        + "writer: no\\x0adir/out.csv: No such file or directory\n"), result);
  }

  /**
   * A named input that is a pipe: a FIFO, {@code /dev/stdin} on a pipe, bash's {@code <(...)}. Since
   * reader began checking that a file does not shrink while it reads it, it asked every named input
   * for its position, which a pipe has none of: {@code reader <(gencsv 10 3 1)} failed at once with
   * "reader: /dev/fd/63: Illegal seek", in every mode, though the commit said a FIFO was read as before.
   */
  @Test
  void aNamedPipeIsReadAsAFileIs() throws Exception {
    Result result = bash(dir, "gencsv 3000 5 2 > rows.csv; mkfifo rows.fifo;"
        + " for mode in '' --text --lines; do reader $mode rows.csv | writer > expected.txt;"
        + " cat rows.csv > rows.fifo & reader $mode rows.fifo | writer | cmp - expected.txt && echo fifo;"
        + " cat rows.csv | reader $mode /dev/stdin | writer | cmp - expected.txt && echo /dev/stdin;"
        + " reader $mode <(cat rows.csv) | writer | cmp - expected.txt && echo '<(...)'; done");
    assertEquals(new Result(0, "fifo\n/dev/stdin\n<(...)\n".repeat(3), ""), result);
  }

  /**
   * An input whose first row never ends: reader read on to the row's end before naming it, which for
   * {@code /dev/zero} or an endless pipe never came (it ran for ever, its memory bounded), and for a
   * 2 GB file with no line end took the whole file. Now it stops where the row passes the limit, in
   * every CSV mode and in summer --text; --skip-bad still reads on, to skip the row and go on after it.
   */
  @Test
  void aRowWithNoEndFailsWhereItPassesTheLimit() throws Exception {
    String tooLong = ":1:1: row longer than 8388592 bytes, the limit\n";
    for (String mode : List.of("", " --text", " --typed", " -H")) {
      Result result = bash(dir, "timeout 60 reader" + mode + " /dev/zero | writer; echo \"${PIPESTATUS[*]}\"");
      assertEquals(new Result(0, "1 1\n", "reader: /dev/zero" + tooLong
          + "writer: input ends with an abort mark at byte offset 0: an earlier stage failed\n"), result, mode);
    }
    Result result = bash(dir, "yes 7 | tr -d '\\n' | timeout 60 summer --text > /dev/null; echo \"${PIPESTATUS[2]}\"");
    assertEquals(new Result(0, "1\n", "summer: stdin" + tooLong), result);
  }

  /**
   * A row as long as the row limit allows, of 4,194,296 one-letter fields, is read, as reader.md says
   * (reader holds one row, never more of it than the limit). Under the launcher's 256 MiB heap, reader
   * --text and --typed died with "reader: internal error: java.lang.OutOfMemoryError: Java heap
   * space": they made a String of every field, some 50 bytes each, before writing the record.
   */
  @Test
  void aRowOfFourMillionFieldsIsReadInTextAndTypedModes() throws Exception {
    Result result = bash(dir, "yes a | head -n 4194296 | paste -sd, > wide.csv;"
        + " for mode in --text --typed; do reader $mode wide.csv | writer -f jsonl | wc -c; echo \"${PIPESTATUS[*]}\"; done");
    // {"seq":0,"value":["a",...,"a"]}
    String lines = (4L * 4194296 + 20) + "\n0 0 0\n";
    assertEquals(new Result(0, lines + lines, ""), result);
  }

  @Test
  void closingStdoutEarlyIsQuiet() throws Exception {
    Result result = bash(dir, "gencsv 300000 10 1 > rows.csv;"
        + " reader rows.csv | summer | writer | head -1; echo \"${PIPESTATUS[*]}\"");
    String[] lines = result.stdout().split("\n");
    assertEquals("", result.stderr());
    assertTrue(lines[0].startsWith("0,"), result.stdout());
    for (String status : lines[1].split(" ")) {
      assertTrue(status.equals("0") || status.equals("141"), "statuses " + lines[1]);
    }
  }

  @Test
  void badFieldStopsThePipelineNamingFileLineAndColumn() throws Exception {
    Files.writeString(dir.resolve("rows.csv"), "1,2\n3,4\n5,abc\n7,8\n");
    Result result = bash(dir, "reader rows.csv | summer | writer; echo \"${PIPESTATUS[*]}\"");
    // the good rows' lines come out, and the abort mark makes every later stage fail too
    assertEquals("0,3\n1,7\n1 1 1\n", result.stdout());
    assertEquals("reader: rows.csv:3:2: expected an integer, found \"abc\"\n"
        + "summer: input ends with an abort mark at byte offset 10: an earlier stage failed\n"
        + "writer: input ends with an abort mark at byte offset 6: an earlier stage failed\n", result.stderr());
  }

  @Test
  void failedPipelineLeavesNoOutputFile() throws Exception {
    Files.writeString(dir.resolve("rows.csv"), "1,2\n3,x\n");
    Result result = sh(dir, "reader rows.csv | summer | writer -o sums.csv; ls -A");
    assertFalse(result.stdout().contains("sums.csv"), result.stdout());
    assertFalse(result.stdout().contains(".tmp"), result.stdout());
  }

  @ParameterizedTest
  @ValueSource(strings = {"reader", "summer", "writer", "gencsv"})
  void helpAndVersionGoToStdout(String tool) throws Exception {
    Result help = sh(dir, tool + " --help");
    assertEquals(0, help.status());
    assertTrue(help.stdout().startsWith("Usage: " + tool), help.stdout());
    assertTrue(help.stdout().contains("Exit status:"), help.stdout());
    assertEquals("", help.stderr());
    Result version = sh(dir, tool + " --version");
    assertEquals(0, version.status());
    assertTrue(version.stdout().startsWith(tool + " (recpipe) "), version.stdout());
  }

  @Test
  void launchersWorkThroughSymlinksFromAnyDirectory() throws Exception {
    Path links = Files.createDirectory(dir.resolve("links"));
    for (String tool : new String[] {"reader", "summer", "writer"}) {
      Files.createSymbolicLink(links.resolve(tool), Shell.BIN.resolve(tool));
    }
    Files.writeString(dir.resolve("rows.csv"), "1,2,3\n");
    Result result = run(links, "cd / && ");
    assertEquals(new Result(0, "0,6\n", ""), result);
  }

  @Test
  void makeInstallPutsWorkingToolsUnderPrefix() throws Exception {
    Path prefix = dir.resolve("prefix");
    Result install = sh(Shell.ROOT, "make -s install PREFIX='" + prefix + "'");
    assertEquals(0, install.status(), install.stderr());
    Files.writeString(dir.resolve("rows.csv"), "4,5\n");
    Result result = run(prefix.resolve("bin"), "");
    assertEquals(new Result(0, "0,9\n", ""), result);
  }

  private Result run(Path bin, String prelude) throws IOException, InterruptedException {
    String rows = dir.resolve("rows.csv").toString();
    return sh(dir, prelude + "'" + bin + "/reader' '" + rows + "' | '" + bin + "/summer' | '" + bin + "/writer'");
  }
}
