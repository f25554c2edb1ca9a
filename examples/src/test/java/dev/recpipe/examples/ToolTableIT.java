package dev.recpipe.examples;

import static dev.recpipe.examples.Shell.sh;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.recpipe.common.cli.ToolTable;
import dev.recpipe.common.cli.ToolTable.Row;
import dev.recpipe.examples.Shell.Result;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A row of the tool table (tools.txt) is all a tool needs, beside its class: the build makes its
 * launcher, man page, completion and start-up archive from the row, and fanout finds it by name
 * beside its own launcher. And no other file of the build lists the tools, so the table stays the one
 * list (issue 11, "one tool table"; issue 15, point 6: docs/stages.md, "As a module of this build").
 */
@Timeout(300)
class ToolTableIT {
  private static final ToolTable TABLE = table();
  private static final Path GENERATED = Shell.ROOT.resolve("examples/target");

  @TempDir Path dir;

  static Stream<Named<Row>> rows() {
    return TABLE.rows().stream().map(row -> Named.of(row.name(), row));
  }

  @ParameterizedTest
  @MethodSource("rows")
  void hasALauncherThatRunsIt(Row row) throws Exception {
    Path launcher = Shell.BIN.resolve(row.name());
    assertTrue(Files.isSymbolicLink(launcher), launcher + " is not a link to recpipe");
    assertEquals(Path.of("recpipe"), Files.readSymbolicLink(launcher));
    Result run = sh(dir, row.name() + " --version && recpipe " + row.name() + " --version");
    assertEquals(0, run.status(), run.stderr());
    String version = row.name() + " (recpipe) VERSION\n";
    assertEquals(version + version, run.stdout().replaceAll("\\) \\d+\\.\\d+\\.\\d+\\S*\n", ") VERSION\n"));
  }

  @ParameterizedTest
  @MethodSource("rows")
  void hasAManPageWhoseNameIsItsSummary(Row row) throws IOException {
    Path page = GENERATED.resolve("man/" + row.name() + ".1");
    assertTrue(Files.isRegularFile(page), page + " was not generated");
    List<String> lines = Files.readAllLines(page, StandardCharsets.UTF_8);
    int heading = lines.indexOf(".SH \"NAME\"");
    assertTrue(heading >= 0 && heading + 1 < lines.size(), page + " has no NAME section");
    // the roff escapes of - and ' that Asciidoctor writes
    String name = lines.get(heading + 1).replace("\\-", "-").replace("\\*(Aq", "'");
    assertEquals(row.name() + " - " + row.summary(), name, page + "'s NAME line");
  }

  @ParameterizedTest
  @MethodSource("rows")
  void hasBashAndZshCompletion(Row row) throws IOException {
    Path bash = GENERATED.resolve("completion/bash/" + row.name());
    assertTrue(Files.readString(bash, StandardCharsets.UTF_8).contains("complete "), bash + " completes nothing");
    String zsh = Files.readString(GENERATED.resolve("completion/zsh/_recpipe"), StandardCharsets.UTF_8);
    List<String> compdef = List.of(zsh.lines().findFirst().orElseThrow().split(" "));
    assertTrue(compdef.contains(row.name()), row.name() + " not in _recpipe's " + compdef);
  }

  /** Its jar's archive (bin/recpipe-cds trains one tool of each jar), as every tool of a jar uses it. */
  @ParameterizedTest
  @MethodSource("rows")
  void startsFromItsJarsArchive(Row row) throws Exception {
    Path jar = Shell.ROOT.resolve(row.jar() + "/target/" + row.jar() + ".jar");
    assertTrue(Files.isRegularFile(Path.of(jar + ".jsa")), jar + " has no archive: no row of its jar has an ARCHIVE");
    Result run = sh(dir, "RECPIPE_JAVA_OPTS=-Xlog:class+load:stderr " + row.name() + " --version");
    assertEquals(0, run.status(), run.stderr());
    // Tool: common's, which every tool of the jar loads, the one that trained the archive or not
    assertTrue(run.stderr().contains("dev.recpipe.common.cli.Tool source: shared objects file"), "no class came from " + jar + ".jsa");
  }

  /**
   * With nothing on PATH but the system's, fanout finds the tool beside its own launcher and runs it:
   * the tool's messages on empty input (none, or its usage error) are the worker's.
   */
  @ParameterizedTest
  @MethodSource("rows")
  void isFoundByFanoutBesideItsLauncher(Row row) throws Exception {
    String path = "PATH=/usr/local/bin:/usr/bin:/bin ";
    Result alone = sh(dir, path + "'" + Shell.BIN.resolve(row.name()) + "' < /dev/null");
    Result worker = sh(dir, path + "'" + Shell.BIN.resolve("fanout") + "' -n 1 " + row.name() + " < /dev/null");
    assertFalse(worker.stderr().contains("command not found"), worker.stderr());
    assertTrue(worker.stderr().contains(alone.stderr()), "expected the worker's messages: " + alone + "\nfound: " + worker);
    assertEquals(alone.status() == 0, worker.status() == 0, worker.toString());
  }

  /**
   * The rows come before the table's long comment, with only the column names' line above them:
   * bin/recpipe reads the file up to the tool's row at every start, a byte a system call (the
   * shell's read), and every fanout worker starts so. The 4 lines of introduction that stood above
   * the rows cost summer's start 500 reads, about 0.5 ms of CPU.
   */
  @Test
  void theRowsComeBeforeTheLongComment() throws IOException {
    List<String> lines = Files.readAllLines(Shell.ROOT.resolve(ToolTable.FILE_NAME), StandardCharsets.UTF_8);
    int lastRow = 0;
    for (int i = 0; i < lines.size(); i++) {
      if (!lines.get(i).isBlank() && !lines.get(i).startsWith("#")) lastRow = i;
    }
    int commentBefore = lines.subList(0, lastRow).stream().filter(line -> line.startsWith("#")).mapToInt(line -> line.length() + 1).sum();
    assertTrue(commentBefore <= 120, commentBefore + " bytes of comment before the last row of tools.txt: put the comment after the rows"
        + " (the column names' line will do)");
  }

  @Test
  void eachJarHasOneArchiveAtMost() {
    List<String> trained = TABLE.rows().stream().filter(row -> !row.archive().equals("-")).map(Row::jar).toList();
    assertEquals(Set.copyOf(trained).size(), trained.size(), "two rows train one jar's archive: " + trained);
  }

  /**
   * The launchers, the Makefile, the POMs, CI and the main code of every module name no tool's main
   * class (but its own source), and list no tools: no three of the table's names in a row, apart by
   * blanks, commas or quotes ({@code TOOLS = reader summer writer}, {@code Set.of("reader", "summer",
   * "writer")}). Prose and pipelines ({@code reader | summer | writer}) are no lists.
   */
  @Test
  void noOtherFileOfTheBuildListsTheTools() throws IOException {
    String name = TABLE.names().stream().map(Pattern::quote).collect(Collectors.joining("|", "\\b(?:", ")\\b"));
    Pattern list = Pattern.compile(name + "(?:[\\s,\"']+" + name + "){2,}");
    List<String> found = new ArrayList<>();
    for (Path file : buildFiles()) {
      String text = Files.readString(file, StandardCharsets.UTF_8);
      String relative = Shell.ROOT.relativize(file).toString();
      for (Row row : TABLE.rows()) {
        boolean own = relative.endsWith(row.mainClass().replace('.', '/') + ".java");
        if (!own && text.contains(row.mainClass())) found.add(relative + ": " + row.mainClass());
      }
      Matcher matcher = list.matcher(text);
      while (matcher.find()) found.add(relative + ": " + matcher.group());
    }
    assertEquals(List.of(), found, "lists of the tools outside " + ToolTable.FILE_NAME);
  }

  /** The files that build, launch and install the tools: what must read the table, not list its rows. */
  private static List<Path> buildFiles() throws IOException {
    try (Stream<Path> files = Files.walk(Shell.ROOT)) {
      return files.filter(Files::isRegularFile).filter(file -> !Files.isSymbolicLink(file)).filter(file -> {
        String path = "/" + Shell.ROOT.relativize(file).toString().replace('\\', '/');
        if (path.matches(".*/(target|node_modules|\\.git)/.*")) return false;
        return path.startsWith("/bin/") || path.startsWith("/.ci/") || path.equals("/Makefile")
            || path.endsWith("/pom.xml") || path.contains("/src/main/");
      }).toList();
    }
  }

  private static ToolTable table() {
    try {
      return ToolTable.read(Shell.ROOT.resolve(ToolTable.FILE_NAME));
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }
}
