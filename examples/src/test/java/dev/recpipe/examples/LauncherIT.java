package dev.recpipe.examples;

import static dev.recpipe.examples.Shell.sh;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.recpipe.common.cli.ToolTable;
import dev.recpipe.common.cli.ToolTable.Row;
import dev.recpipe.examples.Shell.Result;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * bin/recpipe, the launcher every tool and every fanout worker starts through: it finds its jars
 * however it is reached (a link of another name, a linked folder, a path with . and ..), applies the
 * JVM option sets of the tool's row, and starts the JVM without forking a process first (issue 12).
 * Links of the tools' names from another folder are {@link SerialPipelineIT}'s.
 */
@Timeout(300)
class LauncherIT {
  private static final String SUM = "printf '\\202\\000\\203\\001\\002\\003' | ";
  private static final String SIX = " | od -An -tx1";

  @TempDir Path dir;

  static Stream<Named<Row>> rows() throws Exception {
    return ToolTable.read(Shell.ROOT.resolve(ToolTable.FILE_NAME)).rows().stream().map(row -> Named.of(row.name(), row));
  }

  /**
   * A tool that can't be started, with no java where JAVA_HOME says or none on PATH, exits 127 with
   * one line naming what is missing, and a tool that writes records (tools.txt's records set) ends
   * its output with the abort mark first, as it would itself. The launcher's failed exec ended it
   * with nothing, an empty stream that reads as a whole one: see the test after this one.
   */
  @ParameterizedTest
  @MethodSource("rows")
  void aToolThatCannotStartSaysWhyAndARecordToolEndsItsOutputWithTheAbortMark(Row row) throws Exception {
    boolean writesRecords = List.of("reader", "summer", "fanout", "heavy", "runstats").contains(row.name());
    assertEquals(writesRecords, row.jvm().contains("records"), "the records set, on the tools that write records");
    String mark = writesRecords ? " ff\n" : "";
    Result home = Shell.bash(dir, "JAVA_HOME=/nonexistent " + row.name() + " < /dev/null > out; echo $?; od -An -tx1 out");
    assertEquals(new Result(0, "127\n" + mark, row.name() + ": cannot run java: no /nonexistent/bin/java"
        + " (JAVA_HOME=/nonexistent)\n"), home);
    Result path = Shell.bash(dir, "mkdir -p nojava && ln -sf \"$(command -v sh)\" nojava/sh && env -u JAVA_HOME PATH='"
        + Shell.BIN + "':\"$PWD/nojava\" " + row.name() + " < /dev/null > out; echo $?; od -An -tx1 out");
    assertEquals(new Result(0, "127\n" + mark, row.name() + ": cannot run java: none on PATH; install a JDK 17 or"
        + " newer, or set JAVA_HOME to one\n"), path);
  }

  /** reader unable to start, before writer -o: the file put in place was empty, exit 0; now it is kept. */
  /**
   * bin/recpipe-links DIR makes DIR/NAME a link to DIR/recpipe for each tool: run on a folder without
   * recpipe (a user's ~/bin, to have the tools on PATH), it made a link to nothing for each, and
   * exited 0; 'reader' then said 'No such file or directory'. It fails, naming what is missing, and
   * makes nothing; with recpipe there (a link to it will do), the links run the tools.
   */
  /**
   * The JVM's own warnings go to stderr, those of its unified logging too, whose default output is
   * stdout: {@code RECPIPE_JAVA_OPTS=-XX:+UseLargePages writer > sums.csv} on a system with no huge
   * pages put {@code [0.002s][warning][pagesize] UseLargePages disabled, no large pages configured
   * and available on the system.} into sums.csv, before the sums, exit 0 (JDK 17 and 25); in front
   * of a stage, into the records, which failed the next stage on text it could not read.
   */
  @Test
  void theJvmsUnifiedLoggingWarningsGoToStderrNotIntoTheOutput() throws Exception {
    assumeTrue(Files.readString(Path.of("/proc/meminfo")).contains("HugePages_Total:       0"),
        "huge pages configured: the JVM has no warning to give");
    Result result = Shell.bash(dir, "gencsv 20 3 1 > rows.csv; reader rows.csv | summer | writer > expected.csv;"
        + " export RECPIPE_JAVA_OPTS=-XX:+UseLargePages; reader rows.csv | summer | writer > sums.csv;"
        + " echo \"${PIPESTATUS[*]}\"; cmp expected.csv sums.csv && echo same");
    assertEquals("0 0 0\nsame\n", result.stdout(), result.stderr());
    assertTrue(result.stderr().contains("[warning][pagesize] UseLargePages disabled"), result.stderr());
  }

  @Test
  void recpipeLinksInAFolderWithoutRecpipeFailsAndMakesNoLinkToNothing() throws Exception {
    Result result = Shell.bash(dir, "mkdir mybin; recpipe-links \"$PWD/mybin\"; echo $?; ls mybin;"
        + " ln -s '" + Shell.BIN.resolve("recpipe") + "' mybin/recpipe && recpipe-links \"$PWD/mybin\" && echo 1,2 | mybin/reader | mybin/writer");
    assertEquals(new Result(0, "1\n0,1,2\n", "recpipe-links: " + dir.resolve("mybin") + " has no recpipe for the"
        + " links to lead to: put it there first (cp or ln -s " + Shell.BIN.resolve("recpipe") + "), as make install does\n"), result);
  }

  /**
   * recpipe-links's message shows a folder's control characters as the launcher's do (\xNN): a
   * folder named with a line end or an escape sequence went out raw, the line split in two, and the
   * terminal turned red.
   */
  @Test
  void recpipeLinksShowsTheControlCharactersOfAFoldersName() throws Exception {
    Result result = Shell.bash(dir, "mkdir \"$(printf 'my\\nbin\\033[31m')\"; recpipe-links \"$PWD/$(printf 'my\\nbin\\033[31m')\"; echo $?");
    assertEquals(new Result(0, "1\n", "recpipe-links: " + dir.resolve("my\\x0abin\\x1b[31m") + " has no recpipe for the"
        + " links to lead to: put it there first (cp or ln -s " + Shell.BIN.resolve("recpipe") + "), as make install does\n"), result);
  }

  /**
   * A launcher reached through a link in another folder asks readlink where it really is: with a
   * PATH that has no readlink (a service's PATH=/opt/jdk/bin, or none but JAVA_HOME), reader failed,
   * {@code ./myreader: 20: readlink: not found}, exit 1, before anything could end its output with the
   * abort mark, so the writer -o after it replaced its file with nothing, exit 0. It runs there as it
   * does with the usual PATH.
   */
  @Test
  void aLinkToALauncherRunsWithAPathThatHasNoReadlink() throws Exception {
    Result result = Shell.bash(dir, "printf '1,2\\n' > r.csv; echo old > out.csv; ln -s '" + Shell.BIN.resolve("reader")
        + "' myreader; JAVA_HOME='" + System.getProperty("java.home") + "' PATH=/nonexistent ./myreader r.csv | '"
        + Shell.BIN.resolve("writer") + "' -o out.csv; echo \"${PIPESTATUS[*]}\"; cat out.csv");
    assertEquals(new Result(0, "0 0\n0,1,2\n", ""), result);
  }

  @Test
  void aReaderThatCannotStartLeavesWritersFileAsItWas() throws Exception {
    Result result = Shell.bash(dir, "gencsv 10 3 1 > rows.csv; echo old > sums.csv;"
        + " JAVA_HOME=/nonexistent reader rows.csv | writer -o sums.csv; echo \"${PIPESTATUS[*]}\"; cat sums.csv");
    assertEquals(new Result(0, "127 1\nold\n", "reader: cannot run java: no /nonexistent/bin/java (JAVA_HOME=/nonexistent)\n"
        + "writer: input ends with an abort mark at byte offset 0: an earlier stage failed\n"), result);
  }

  /**
   * A java that is there and executable, yet can't be run: a JDK for another machine (a copied
   * container's, "Exec format error"), or a wrapper script whose interpreter is gone. The launcher's
   * look for java passes it, the exec fails and ends the shell: reader's output was empty, and
   * writer -o put an empty file in place of the old one, exit 0.
   */
  @ParameterizedTest
  @ValueSource(strings = {"printf '\\177ELF\\002\\001\\001\\000\\000\\000\\000\\000\\000\\000\\000\\000\\002\\000\\377\\377'",
      "printf '#!/nonexistent/interpreter\\n'"})
  void aJavaThatCannotBeRunFailsTheRunAndLeavesWritersFileAsItWas(String java) throws Exception {
    Result result = Shell.bash(dir, "rm -rf jdk; mkdir -p jdk/bin && " + java + " > jdk/bin/java && chmod +x jdk/bin/java;"
        + " gencsv 10 3 1 > rows.csv; echo old > sums.csv; JAVA_HOME=\"$PWD/jdk\" reader rows.csv 2> /dev/null"
        + " | writer -o sums.csv; echo \"${PIPESTATUS[1]}\"; cat sums.csv");
    assertEquals(new Result(0, "1\nold\n", "writer: input ends with an abort mark at byte offset 0: an earlier stage failed\n"),
        result);
  }

  /**
   * The first java on PATH is the one run, as it is the one whose JDK's release file the launcher
   * read: a shell whose exec of it fails with "not found" (a script whose interpreter is gone) went on
   * to the next java on PATH, of another version, where the options chosen for the first one (an AOT
   * cache for a JDK 25) may not start it. Now the run fails, marked, as with JAVA_HOME.
   */
  @Test
  void theJavaFirstOnPathIsTheOneRunEvenWhereItCannotRun() throws Exception {
    Result result = Shell.bash(dir, "rm -rf fj; mkdir -p fj/bin && printf '#!/nonexistent/interpreter\\n' > fj/bin/java"
        + " && chmod +x fj/bin/java && printf 'JAVA_VERSION=\"17.0.3\"\\n' > fj/release; " + SUM + "env -u JAVA_HOME PATH=\""
        + Shell.BIN + ":$PWD/fj/bin:$PATH\" summer 2> /dev/null" + SIX + "; echo \"${PIPESTATUS[1]}\"");
    assertEquals(new Result(0, " ff\n127\n", ""), result);
  }

  /**
   * A java under JAVA_HOME that is there but is no program is named as what it is, exit 126 as a
   * shell's for a file it can't run: the launcher said there was none ("no ./jdk/bin/java"), exit 127.
   * An empty one, there or first on PATH, ran as an empty script: exit 0 with no output, and no mark.
   */
  @Test
  void aJavaThatIsNoProgramIsNamedAsWhatItIs() throws Exception {
    String run = "; { JAVA_HOME=\"$PWD/jdk\" summer < /dev/null > /dev/null; echo $?; } 2>&1 | sed \"s|$PWD|.|g\"";
    assertEquals(new Result(0, "summer: cannot run java: ./jdk/bin/java is not executable (JAVA_HOME=./jdk)\n126\n", ""),
        Shell.bash(dir, "rm -rf jdk; mkdir -p jdk/bin && touch jdk/bin/java" + run));
    assertEquals(new Result(0, "summer: cannot run java: ./jdk/bin/java is a directory (JAVA_HOME=./jdk)\n126\n", ""),
        Shell.bash(dir, "rm -rf jdk; mkdir -p jdk/bin/java" + run));
    assertEquals(new Result(0, "summer: cannot run java: ./jdk/bin/java is a link to nothing"
        + " (JAVA_HOME=./jdk)\n127\n", ""), Shell.bash(dir, "rm -rf jdk; mkdir -p jdk/bin && ln -s /nonexistent jdk/bin/java" + run));
    // an empty executable file runs as an empty script, exit 0: writer -o put an empty file in place of its old one
    assertEquals(new Result(0, "summer: cannot run java: ./jdk/bin/java is an empty file (JAVA_HOME=./jdk)\n126\n", ""),
        Shell.bash(dir, "rm -rf jdk; mkdir -p jdk/bin && touch jdk/bin/java && chmod +x jdk/bin/java" + run));
    assertEquals(new Result(0, "summer: cannot run java: ./jdk/bin/java, the first java on PATH, is an empty file\n126\n ff\n", ""),
        Shell.bash(dir, "rm -rf jdk; mkdir -p jdk/bin && touch jdk/bin/java && chmod +x jdk/bin/java; { env -u JAVA_HOME"
            + " PATH=\"" + Shell.BIN + ":$PWD/jdk/bin:$PATH\" summer < /dev/null > out; echo $?; od -An -tx1 out; } 2>&1 | sed \"s|$PWD|.|g\""));
  }

  /**
   * A java older than 17, which the launcher knows from the release file it reads for the collector
   * (JAVA_HOME's, or that of the JDK whose own bin/java is first on PATH), is refused with one line
   * naming it, exit 1, and a record tool's output marked. It was run: the JVM's multi-line
   * "LinkageError ... UnsupportedClassVersionError" (or an option it did not know), exit 1 and no
   * mark, so a writer -o after it put an empty file in place of its old one, exit 0. The JDKs here
   * are fakes that fail as an old JVM does on the tools' class files.
   */
  @Test
  void aJavaOlderThan17IsRefusedByNameAndTheOutputMarked() throws Exception {
    String jdks = "for v in 11 8; do mkdir -p jdk$v/bin && printf '#!/bin/sh\\necho \"Error: LinkageError occurred while"
        + " loading main class\" >&2\\nexit 1\\n' > jdk$v/bin/java && chmod +x jdk$v/bin/java; done;"
        + " printf 'IMPLEMENTOR=\"x\"\\nJAVA_VERSION=\"11.0.21\"\\n' > jdk11/release; printf 'JAVA_VERSION=\"1.8.0_392\"\\n' > jdk8/release;"
        + " gencsv 10 3 1 > rows.csv; echo old > sums.csv; ";
    String run = " reader rows.csv | writer -o sums.csv; echo \"${PIPESTATUS[*]}\"; cat sums.csv; } 2>&1 | sed \"s|$PWD|.|g\"";
    assertEquals(new Result(0, "reader: cannot run java: ./jdk11/bin/java is Java 11.0.21; recpipe needs 17 or newer"
        + " (JAVA_HOME=./jdk11)\nwriter: input ends with an abort mark at byte offset 0: an earlier stage failed\n1 1\nold\n", ""),
        Shell.bash(dir, jdks + "{ JAVA_HOME=\"$PWD/jdk11\"" + run));
    assertEquals(new Result(0, "reader: cannot run java: ./jdk8/bin/java is Java 1.8.0_392; recpipe needs 17 or newer"
        + " (JAVA_HOME=./jdk8)\nwriter: input ends with an abort mark at byte offset 0: an earlier stage failed\n1 1\nold\n", ""),
        Shell.bash(dir, jdks + "{ JAVA_HOME=\"$PWD/jdk8\"" + run));
    assertEquals(new Result(0, "reader: cannot run java: ./jdk11/bin/java, the first java on PATH, is Java 11.0.21;"
        + " install a JDK 17 or newer, or set JAVA_HOME to one\n"
        + "writer: input ends with an abort mark at byte offset 0: an earlier stage failed\n1 1\nold\n", ""),
        Shell.bash(dir, jdks + "{ env -u JAVA_HOME PATH=\"" + Shell.BIN + ":$PWD/jdk11/bin:$PATH\"" + run));
  }

  /**
   * recpipe's own --version and --help name recpipe in their messages and fail, as every tool does,
   * on a stdout they can't write: the launcher's message was "--version: cannot run java: ...",
   * and both exited 0 on a full disk (--help with the shell's "echo: I/O error") or a closed stdout.
   */
  @Test
  void recpipesOwnVersionAndHelpNameRecpipeAndFailOnAStdoutTheyCannotWrite() throws Exception {
    assertEquals(new Result(0, "127\n", "recpipe: cannot run java: no /nonexistent/bin/java (JAVA_HOME=/nonexistent)\n"),
        Shell.bash(dir, "JAVA_HOME=/nonexistent recpipe --version; echo $?"));
    for (String option : List.of("--version", "--help")) {
      String why = option.equals("--help") ? "write error" : "No space left on device"; // the shell's echo says no more
      assertEquals(new Result(0, "1\n", "recpipe: stdout: " + why + "\n"),
          Shell.bash(dir, "recpipe " + option + " > /dev/full; echo $?"), option + " > /dev/full");
      assertEquals(new Result(0, "1\n", "recpipe: stdout is closed\n"),
          Shell.bash(dir, "recpipe " + option + " >&-; echo $?"), option + " >&-");
    }
  }

  @Test
  void aLinkOfAnotherNameRunsTheToolItLinksTo() throws Exception {
    Files.createSymbolicLink(dir.resolve("my-summer"), Shell.BIN.resolve("summer"));
    Files.createSymbolicLink(dir.resolve("sum"), dir.resolve("my-summer")); // a link to a link
    assertEquals(new Result(0, " 82 00 06\n", ""), sh(dir, SUM + "./my-summer" + SIX));
    assertEquals(new Result(0, " 82 00 06\n", ""), sh(dir, SUM + "./sum" + SIX));
  }

  @Test
  void aLinkToRecpipeOfAnotherNameIsRecpipe() throws Exception {
    Files.createSymbolicLink(dir.resolve("rp"), Shell.BIN.resolve("recpipe"));
    assertEquals(new Result(0, " 82 00 06\n", ""), sh(dir, SUM + "./rp summer" + SIX));
  }

  @Test
  void theToolsFolderReachedThroughALink() throws Exception {
    Files.createSymbolicLink(dir.resolve("tools"), Shell.BIN);
    assertEquals(new Result(0, " 82 00 06\n", ""), sh(dir, SUM + "tools/summer" + SIX));
    assertEquals(new Result(0, " 82 00 06\n", ""), sh(dir, SUM + "\"$PWD/tools/recpipe\" summer" + SIX));
  }

  @Test
  void pathsWithDotsFindTheJars() throws Exception {
    assertEquals(new Result(0, " 82 00 06\n", ""), sh(Shell.BIN, SUM + "./summer" + SIX));
    assertEquals(new Result(0, " 82 00 06\n", ""), sh(Shell.BIN, SUM + "../bin/./summer" + SIX));
    assertEquals(new Result(0, " 82 00 06\n", ""), sh(Shell.ROOT, SUM + "bin//summer" + SIX));
  }

  /**
   * A tree in a folder whose name has a space ({@code make install PREFIX="$HOME/My Tools"}, a
   * checkout under "my projects"): the launcher put the path of the jar's class-data archive, and of
   * fanout's native stub, into the JVM's options unquoted, so every tool failed with "Could not find
   * or load main class ace.summer.target.summer.jar.jsa". Here the tree is bin/ copied, the table, and
   * each module's target folder linked: the jar's path, as the launcher sees it, has the space.
   */
  @Test
  void aTreeInAFolderWithASpaceInItsName() throws Exception {
    Path root = Files.createDirectory(dir.resolve("sp ace"));
    Path bin = Files.createDirectory(root.resolve("bin"));
    Files.copy(Shell.BIN.resolve("recpipe"), bin.resolve("recpipe"), java.nio.file.StandardCopyOption.COPY_ATTRIBUTES);
    Files.copy(Shell.ROOT.resolve(ToolTable.FILE_NAME), root.resolve(ToolTable.FILE_NAME));
    for (String tool : List.of("reader", "summer", "writer", "fanout")) {
      Files.createSymbolicLink(bin.resolve(tool), Path.of("recpipe"));
      Files.createDirectory(root.resolve(tool));
      Files.createSymbolicLink(root.resolve(tool).resolve("target"), Shell.ROOT.resolve(tool).resolve("target"));
    }
    assertEquals(new Result(0, " 82 00 06\n", ""), sh(dir, SUM + "'sp ace/bin/summer'" + SIX));
    Result run = sh(dir, "printf '1,2\\n3,4\\n' | 'sp ace/bin/reader' | 'sp ace/bin/fanout' -n 2 summer | 'sp ace/bin/writer'");
    assertEquals(new Result(0, "0,3\n1,7\n", ""), run);
  }

  /** The folder fanout looks in for a tool's launcher is the launchers' own, however bin/ was reached. */
  @Test
  void toolsAreToldTheirLaunchersFolder() throws Exception {
    Files.createSymbolicLink(dir.resolve("tools"), Shell.BIN);
    Result run = sh(dir, "RECPIPE_JAVA_OPTS=-XshowSettings:properties tools/reader --version 2>&1 >/dev/null | grep -w recpipe.bin");
    Matcher bin = Pattern.compile("recpipe\\.bin = (.*)").matcher(run.stdout());
    assertTrue(bin.find(), run.toString());
    assertTrue(Files.isSameFile(Shell.BIN, Path.of(bin.group(1))), bin.group(1));
  }

  /**
   * fanout's row has the fifos option set: its workers' pipes are the JDK's own pipe channels, and no
   * C library is bound through jnr at its start (that binding cost 0.08 s of CPU and more a start,
   * bench/results/fanout-startup.md). With {@code -Drecpipe.fifos=jnr}, or wherever the JDK's
   * internals are closed, jnr's way is taken, with the same output.
   */
  @Test
  void fanoutsPipesAreTheJdksOwnAndJnrsWayGivesTheSameOutput() throws Exception {
    String records = "gencsv 300 4 7 | reader | ";
    Result serial = sh(dir, records + "summer | writer");
    assertEquals(0, serial.status(), serial.toString());
    for (String way : List.of("jdk", "jnr")) {
      Files.createDirectory(dir.resolve(way));
      String options = (way.equals("jnr") ? "-Drecpipe.fifos=jnr " : "") + "-Xlog:class+load:file=" + way + "/%p.log";
      Result run = sh(dir, records + "RECPIPE_JAVA_OPTS='" + options + "' fanout -n 2 summer | writer");
      assertEquals(serial, run, way);
      Result jnrClasses = sh(dir, "cat " + way + "/*.log | grep -c ' jnr\\.' || true");
      if (way.equals("jdk")) assertEquals("0\n", jnrClasses.stdout(), "jnr's classes loaded: " + jnrClasses);
      else assertTrue(Integer.parseInt(jnrClasses.stdout().trim()) > 0, "jnr's way not taken: " + jnrClasses);
    }
  }

  /**
   * c1-lines (reader's and writer's rows): C1 alone for lines of text, before any --; the JIT as it
   * comes else. With it, jit-wait (their rows too): compiling in the thread that asks, only then.
   */
  @ParameterizedTest
  @ValueSource(strings = {"reader --lines /dev/null", "writer -f lines", "writer --format lines", "writer --format=lines",
    "writer -flines", "reader /dev/null", "reader -- --lines", "writer", "writer -f csv", "writer -o lines"})
  void c1LinesTakesC1AloneOnlyForLinesOfText(String command) throws Exception {
    Result run = sh(dir, "RECPIPE_JAVA_OPTS=-XX:+PrintFlagsFinal " + command + " </dev/null 2>&1 >/dev/null"
        + " | grep -wE 'TieredStopAtLevel|BackgroundCompilation'");
    boolean lines = command.contains("lines") && !command.contains("-o lines") && !command.contains("-- ");
    assertTrue(run.stdout().matches("(?s).*TieredStopAtLevel\\s+=\\s+" + (lines ? 1 : 4) + "\\b.*"), command + ": " + run);
    assertTrue(run.stdout().matches("(?s).*BackgroundCompilation\\s+=\\s+" + !lines + "\\b.*"), command + ": " + run);
  }

  /** The JVM option sets of the tool's row, and the options of every tool. */
  @ParameterizedTest
  @MethodSource("rows")
  void theJvmRunsWithTheOptionsOfTheToolsRow(Row row) throws Exception {
    Result flags = sh(dir, "RECPIPE_JAVA_OPTS=-XX:+PrintFlagsFinal " + row.name() + " --version 2>&1 >/dev/null"
        + " | grep -wE 'TieredStopAtLevel|BackgroundCompilation|DisplayVMOutputToStderr'");
    List<String> sets = row.jvm();
    assertTrue(flags.stdout().matches("(?s).*TieredStopAtLevel\\s+=\\s+" + (sets.contains("c1") ? 1 : 4) + "\\b.*"), flags.stdout());
    // jit-wait with C1 alone; c1-lines is not C1 alone for --version
    boolean waits = sets.contains("jit-wait") && sets.contains("c1");
    assertTrue(flags.stdout().matches("(?s).*BackgroundCompilation\\s+=\\s+" + !waits + "\\b.*"), flags.stdout());
    assertTrue(flags.stdout().matches("(?s).*DisplayVMOutputToStderr\\s+=\\s+true\\b.*"), flags.stdout());
    Result stub = sh(dir, "RECPIPE_JAVA_OPTS=-XshowSettings:properties " + row.name() + " --version 2>&1 >/dev/null | grep -w jffi.boot.library.path");
    if (row.jvm().contains("jnr")) {
      Matcher path = Pattern.compile("jffi\\.boot\\.library\\.path = (.*)").matcher(stub.stdout());
      assertTrue(path.find(), stub.toString());
      assertTrue(Files.isDirectory(Path.of(path.group(1))), path.group(1) + " is not jffi's stub");
    } else {
      assertEquals("", stub.stdout());
    }
  }

  /**
   * The collector: G1 on JDK 17, the one collector there that maps the JDK's archived heap, and with
   * it the module graph a JVM otherwise builds at every start (a summer worker's start-up 42 -> 33 ms
   * of CPU), and where the launcher can't tell the version; the serial one on newer JDKs, which map
   * it too, and for fanout (the serial set) on every JDK. The version is the release file's of
   * JAVA_HOME, or of the JDK whose own bin/java is the first java on PATH; a link there leaves it
   * unknown, as only a fork would say where it leads. The JDKs here are fakes: a release file and a
   * bin/java script that runs this test's JVM.
   */
  @ParameterizedTest
  @CsvSource({"summer, JAVA_HOME=jdk17, G1", "fanout, JAVA_HOME=jdk17, Serial", "summer, JAVA_HOME=jdk21, Serial",
    "heavy, JAVA_HOME=jdk21, Serial", "summer, JAVA_HOME=norelease, G1", "summer, PATH=jdk17/bin, G1",
    "reader, PATH=jdk21/bin, Serial", "summer, PATH=linked, G1", "fanout, PATH=linked, Serial"})
  void theCollectorIsG1WhereOnlyG1MapsTheJdksModuleGraph(String tool, String where, String collector) throws Exception {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    String jdks = "for v in 17 21 norelease; do mkdir -p jdk$v/bin && printf '#!/bin/sh\\nexec \"%s\" \"$@\"\\n' '" + java
        + "' > jdk$v/bin/java && chmod +x jdk$v/bin/java; done; printf 'IMPLEMENTOR=\"x\"\\nJAVA_VERSION=\"17.0.3\"\\n' > jdk17/release;"
        + " printf 'JAVA_VERSION=\"21\"\\n' > jdk21/release; mv jdknorelease norelease; mkdir -p linked && ln -s ../jdk21/bin/java linked/java; ";
    String[] variable = where.split("=");
    String env = variable[0].equals("JAVA_HOME") ? "env JAVA_HOME=\"$PWD/" + variable[1] + "\" "
        : "env -u JAVA_HOME PATH=\"" + Shell.BIN + ":$PWD/" + variable[1] + ":$PATH\" ";
    Result flags = sh(dir, jdks + env + "RECPIPE_JAVA_OPTS=-XX:+PrintFlagsFinal " + tool + " --version 2>&1 >/dev/null"
        + " | grep -E 'Use(G1|Serial)GC +=' | grep -w true");
    assertTrue(flags.stdout().contains("Use" + collector + "GC "), tool + " with " + where + ": " + flags);
  }

  /**
   * A collector the user chose, in RECPIPE_JAVA_OPTS or the JVM's own variables, is the one the tools
   * run with: the launcher's choice, added beside it, made the JVM refuse to start ("Error occurred
   * during initialization of VM / Multiple garbage collectors selected", exit 1, no mark) in every
   * tool whose choice differed. -XX:+UseSerialGC, every tool's collector until the launcher chose G1
   * on JDK 17, failed reader, summer and writer there; a container's JAVA_TOOL_OPTIONS=-XX:+UseParallelGC
   * failed every tool on every JDK.
   */
  @ParameterizedTest
  @CsvSource({"RECPIPE_JAVA_OPTS, Serial", "RECPIPE_JAVA_OPTS, G1", "RECPIPE_JAVA_OPTS, Parallel",
    "JAVA_TOOL_OPTIONS, Parallel", "JDK_JAVA_OPTIONS, Serial"})
  void aCollectorOfTheUsersOwnIsTheOneTheToolsRunWith(String variable, String collector) throws Exception {
    String pipeline = "set -o pipefail; gencsv 300 4 7 > rows.csv; reader rows.csv | fanout -n 2 summer | writer";
    Result serial = Shell.bash(dir, pipeline);
    assertEquals(0, serial.status(), serial.toString());
    String chosen = "export " + variable + "=-XX:+Use" + collector + "GC; ";
    // the JVM's "NOTE: Picked up ..." is two writes, the line and then its line feed (JLI_ReportMessage):
    // JVMs starting at once interleave them, a line with two notes and an empty one (CI, once)
    Result run = Shell.bash(dir, chosen + "{ " + pipeline + "; } 2> err; status=$?; grep -v -e 'Picked up' -e '^$' err >&2;"
        + " exit $status");
    assertEquals(serial, run, variable + "=-XX:+Use" + collector + "GC");
    Result flags = Shell.bash(dir, chosen + "RECPIPE_JAVA_OPTS=\"${RECPIPE_JAVA_OPTS:-} -XX:+PrintFlagsFinal\" summer --version 2>&1"
        + " | grep -E 'Use(G1|Serial|Parallel)GC +=' | grep -w true");
    assertTrue(flags.stdout().contains("Use" + collector + "GC "), flags.toString());
  }

  /**
   * Every worker fanout starts goes through the launcher: it runs no program before java (no
   * dirname, readlink or subshell), whether started by its name on PATH or by its path, as fanout
   * starts it. strace counts the processes; the test is skipped, with a message, without it.
   */
  @Test
  void aToolStartsWithoutForking() throws Exception {
    assumeStrace();
    for (String start : List.of("summer", "'" + Shell.BIN.resolve("summer") + "'", "recpipe summer")) {
      Result traced = sh(dir, "strace -f -qq -e trace=execve,fork,vfork,clone,clone3 -e signal=none -o trace " + start
          + " < /dev/null && sed -n '1,/execve(\"[^\"]*\\/java\".* = 0$/p' trace");
      assertEquals(0, traced.status(), traced.toString());
      List<String> calls = traced.stdout().lines().filter(line -> !line.contains("ENOENT")).toList();
      assertEquals(2, calls.size(), start + ": expected the launcher's execve and java's, found:\n" + traced.stdout());
      assertTrue(calls.get(1).contains("/java\""), calls.get(1));
    }
  }

  /**
   * fanout --each starts each record's command with one execve, not the JDK's jspawnhelper and then
   * the command (LaunchMechanism, JDK 17 to 22): a third of --each's children's CPU over xargs'. On
   * a newer JDK the default stays, and the helper shows up once a record.
   */
  @Test
  void eachRecordsCommandIsExecutedOnce() throws Exception {
    assumeStrace();
    Result traced = sh(dir, "printf 'a\\nb\\nc\\n' | reader --lines - | strace -f -qq -e trace=execve -e signal=none -o trace"
        + " fanout -n 2 --each true {} > /dev/null && grep -c 'execve(\"[^\"]*/true\"' trace; grep -c jspawnhelper trace");
    int helpers = Runtime.version().feature() <= 22 ? 0 : 3;
    assertEquals("3\n" + helpers + "\n", traced.stdout(), traced.toString());
  }

  /**
   * {@code recpipe ''} names no tool: it failed, {@code : .jar not found: build it first with 'mvn -q
   * -DskipTests package' in ROOT}, exit 1, as if a tool of no name had lost its jar, where any other
   * name that is no tool's is a usage error.
   */
  @Test
  void anEmptyToolNameIsAnUnknownTool() throws Exception {
    String tools = String.join(" ", ToolTable.read(Shell.ROOT.resolve(ToolTable.FILE_NAME)).names());
    assertEquals(new Result(0, "2\n", "recpipe: unknown tool '' (tools: " + tools + ")\n"),
        sh(dir, "recpipe '' < /dev/null; echo $?"));
  }

  /**
   * Under an open file limit too low for the launcher's own redirections the shell failed before
   * the JVM: dash (which keeps the launcher on descriptor 10 and saves each descriptor it redirects
   * on 11 or above) at {@code ulimit -n 11} with {@code bin/reader: 33: 0: Too many open files},
   * exit 2; bash (where sh is bash) at 6 to 9 took stdin, stdout and stderr for closed, as it could
   * not copy them to descriptor 9, and ran the tool on /dev/null, exit 1 and no word. Either way
   * reader's output was empty, with no mark, and writer -o put an empty file in place, exit 0. The
   * launcher fails in one line, and a record tool ends its output with the abort mark first; the
   * others write nothing.
   */
  @ParameterizedTest
  @CsvSource({"dash, 11", "bash, 9", "bash, 6"})
  void anOpenFileLimitTooLowForTheLauncherFailsTheToolAndARecordToolEndsItsOutputWithTheAbortMark(String shell, int limit)
      throws Exception {
    assumeTrue(sh(dir, "command -v " + shell).status() == 0, shell + " is not installed");
    String low = "(ulimit -n " + limit + "; exec " + shell + " \"$(command -v ";
    Result result = Shell.bash(dir, "gencsv 10 3 1 > rows.csv; echo old > sums.csv; " + low + "reader)\" rows.csv)"
        + " | writer -o sums.csv; echo \"${PIPESTATUS[*]}\"; cat sums.csv; printf '2\\n' > two.csv; reader two.csv | summer > in;"
        + low + "writer)\" < in) > out; echo $?; od -An -c out");
    String message = ": cannot start: too few open files for its launcher's shell; raise the limit (12 will do where"
        + " only stdin, stdout and stderr are open): ulimit -n is " + limit + "\n";
    assertEquals(new Result(0, "1 1\nold\n1\n", "reader" + message
        + "writer: input ends with an abort mark at byte offset 0: an earlier stage failed\nwriter" + message), result);
  }

  /**
   * Under an address-space limit of 1.5 GiB (ulimit -v, limits.conf's as, a batch system's h_vmem),
   * every tool of the canonical job starts and the job's output is the serial one's. Each JVM
   * reserved 1 GB of compressed class space at its start and needed about 2.1 GB in all (JDK 17):
   * below that, reader failed in the JVM's own start, writing nothing, and writer -o put an empty file
   * in place, exit 0 without pipefail. Nothing is left in the current directory either way.
   */
  @Test
  void theCanonicalJobRunsUnderAnAddressSpaceLimitOfOneAndAHalfGigabytes() throws Exception {
    Result result = Shell.bash(dir, "gencsv 2000 10 1 > rows.csv; reader rows.csv | summer | writer > expected.csv; mkdir run; cd run;"
        + " (ulimit -v 1572864; reader ../rows.csv | fanout -n 2 summer | writer -o ../sums.csv; echo \"${PIPESTATUS[*]}\");"
        + " cmp ../expected.csv ../sums.csv && echo same; ls -A");
    assertEquals(new Result(0, "0 0 0\nsame\n", ""), result);
  }

  /**
   * A JVM's crash report (a fatal error: here SIGSEGV sent from outside) goes to TMPDIR, named after
   * the tool, not into the current directory, the user's, where hs_err_pidN.log was left behind.
   */
  @Test
  void aCrashReportGoesToTmpdirNotTheCurrentDirectory() throws Exception {
    Result result = Shell.bash(dir, "mkdir run tmp; cd run; mkfifo in; export TMPDIR=$PWD/../tmp;"
        + " summer < in > out 2> err & pid=$!; exec 3> in;"
        + " for i in $(seq 100); do grep -q 'SigCgt:.*[1-9a-f]' /proc/$pid/status 2>/dev/null"
        + " && grep -q SummerCommand /proc/$pid/cmdline && break; sleep 0.1; done; sleep 1;"
        + " kill -SEGV $pid; wait $pid 2> /dev/null; echo $?; exec 3>&-; rm in; ls -A; ls ../tmp | sed \"s/$pid/PID/\"");
    assertEquals(new Result(0, "134\nerr\nout\nrecpipe-summer-hs_err_pidPID.log\n", ""), result);
  }

  /**
   * A stop signal that comes while the launcher's shell still runs, before it has become the JVM,
   * ends a record tool's output with the abort mark, and the tool's status is the signal's. The
   * shell is held there by a JDK whose release file is a named pipe, which it opens to learn the
   * JVM's version (waiting in the kernel's wait_for_partner, which /proc/PID/wchan shows). Before,
   * the shell ended with nothing written (dash's own SIGINT handler in a script, the others'
   * defaults): an empty stream, which writer took for a whole one, exit 0. (A background job's
   * SIGINT, ignored from its start, stays ignored: the trap - below undoes bash's ignoring. dash
   * says it could not open the release file, its open interrupted, which only this way of holding it
   * brings about.)
   */
  @ParameterizedTest
  @ValueSource(strings = {"TERM", "INT", "HUP", "USR1"})
  void aStopSignalToTheLauncherBeforeTheJvmEndsTheOutputWithTheAbortMark(String signal) throws Exception {
    Result result = Shell.bash(dir, "mkdir -p jdk/bin; ln -s \"$(command -v java)\" jdk/bin/java; mkfifo jdk/release;"
        + " { (trap - INT QUIT; JAVA_HOME=$PWD/jdk exec summer < /dev/null > out) & pid=$!;"
        + " for i in $(seq 200); do grep -q partner /proc/$pid/wchan 2>/dev/null && break; sleep 0.05; done;"
        + " kill -" + signal + " $pid; sleep 0.2; exec 3<> jdk/release; printf 'JAVA_VERSION=\"17\"\\n' >&3; exec 3>&-;"
        + " wait $pid; echo $?; } 2> /dev/null; od -An -tx1 out; writer < out; echo $?");
    int status = 128 + Integer.parseInt(Shell.bash(dir, "kill -l " + signal).stdout().trim());
    assertEquals(new Result(0, status + "\n ff\n1\n", "writer: input ends with an abort mark at byte offset 0: an earlier stage failed\n"), result);
  }

  /**
   * SIGQUIT, which a tool's JVM answers with a thread dump on stderr and goes on, does not stop the
   * launcher's shell either: before, it ended it, status 131, with nothing written. (A JVM starts
   * its children with SIGQUIT blocked, this test's shell among them, and the signal would wait for
   * the tool's JVM: perl unblocks it first.)
   */
  @Test
  void sigquitToTheLauncherBeforeTheJvmDoesNotStopTheTool() throws Exception {
    Result result = Shell.bash(dir, "mkdir -p jdk/bin; ln -s \"$(command -v java)\" jdk/bin/java; mkfifo jdk/release;"
        + " printf '\\202\\000\\202\\002\\003' > in; { (trap - INT QUIT; JAVA_HOME=$PWD/jdk exec perl -MPOSIX -e"
        + " 'sigprocmask(SIG_UNBLOCK, POSIX::SigSet->new(SIGQUIT)); exec @ARGV or die' summer < in > out) & pid=$!;"
        + " for i in $(seq 200); do grep -q partner /proc/$pid/wchan 2>/dev/null && break; sleep 0.05; done;"
        + " kill -QUIT $pid; sleep 0.2; exec 3<> jdk/release; printf 'JAVA_VERSION=\"17\"\\n' >&3; exec 3>&-;"
        + " wait $pid; echo $?; } 2> /dev/null; writer < out");
    assertEquals(new Result(0, "0\n0,5\n", ""), result);
  }

  /** Skips the test, with a message, where strace can't run. */
  private void assumeStrace() throws Exception {
    boolean strace = sh(dir, "strace -f -o /dev/null true").status() == 0;
    if (!strace) System.err.println("LauncherIT: skipped a test: strace is not installed or not allowed here");
    assumeTrue(strace, "strace is not installed or not allowed here");
  }
}
