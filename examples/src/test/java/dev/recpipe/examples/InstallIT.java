package dev.recpipe.examples;

import static dev.recpipe.examples.Shell.bash;
import static dev.recpipe.examples.Shell.sh;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.recpipe.common.cli.Tool;
import dev.recpipe.common.cli.ToolCommand;
import dev.recpipe.common.cli.ToolTable;
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
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;

/**
 * The man pages and shell completion that the build generates from the command classes (docgen,
 * run in this module's package phase), checked against those classes' picocli models, and {@code
 * make install} / {@code make uninstall} of them. Completion in an interactive shell, as a user
 * meets it, is {@link CompletionIT}'s. Tests that need a program the machine lacks (man,
 * bash-completion) are skipped, with a message.
 */
class InstallIT {
  private static final Path GENERATED = Shell.ROOT.resolve("examples/target");
  private static final Path MAN = GENERATED.resolve("man");
  private static final Path BASH_COMPLETION = GENERATED.resolve("completion/bash");
  private static final Path ZSH_COMPLETION = GENERATED.resolve("completion/zsh");

  @TempDir Path dir;

  /** The tools of the tool table. */
  static Stream<Named<CommandLine>> tools() throws IOException {
    return ToolTable.read(Shell.ROOT.resolve(ToolTable.FILE_NAME)).rows().stream()
        .map(row -> named(instantiate(row.mainClass())));
  }

  private static ToolCommand instantiate(String mainClass) {
    try {
      return (ToolCommand) Class.forName(mainClass).getConstructor().newInstance();
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException(mainClass + ": " + e, e);
    }
  }

  /** Every tool and every subcommand: a page each ({@code fanout-deal}). */
  static Stream<Named<CommandLine>> commands() throws IOException {
    return tools().flatMap(tool -> Stream.concat(Stream.of(tool),
        tool.getPayload().getSubcommands().values().stream().map(InstallIT::named)));
  }

  private static Named<CommandLine> named(ToolCommand command) {
    return named(Tool.commandLine(command));
  }

  private static Named<CommandLine> named(CommandLine commandLine) {
    return Named.of(pageName(commandLine.getCommandSpec()), commandLine);
  }

  private static String pageName(CommandSpec spec) {
    return spec.qualifiedName("-");
  }

  // ---- man pages

  @ParameterizedTest
  @MethodSource("commands")
  void manPageListsEveryOptionAndExitStatusOfTheCommand(CommandLine command) throws Exception {
    CommandSpec spec = command.getCommandSpec();
    String page = render(MAN.resolve(pageName(spec) + ".1"));
    for (OptionSpec option : spec.options()) {
      if (!option.hidden()) assertTrue(page.contains(option.longestName()), option.longestName() + " missing:\n" + page);
    }
    for (String status : spec.usageMessage().exitCodeList().keySet()) {
      assertTrue(page.contains(status.trim()), "exit status " + status.trim() + " missing:\n" + page);
    }
    String opening = spec.usageMessage().description()[0].substring(0, 20);
    // Asciidoctor makes an apostrophe a closing quote
    assertTrue(page.replace('\u2019', '\'').replace("\\(cq", "'").contains(opening), "description missing:\n" + page);
  }

  @Test
  void manPagesShowTheirOwnToolsOptions() throws Exception {
    assertContainsAll(render(MAN.resolve("fanout.1")), "--dispatch", "--workers", "--unordered", "CMD", "127");
    assertContainsAll(render(MAN.resolve("fanout-deal.1")), "--dispatch", "--batch", "PIPE");
    assertContainsAll(render(MAN.resolve("writer.1")), "--format", "jsonl", "--output");
    assertContainsAll(render(MAN.resolve("reader.1")), "--skip-bad", "--delimiter", "FILE");
    assertFalse(render(MAN.resolve("reader.1")).contains("--dispatch"));
  }

  @Test
  void everyManPageIsOneOfACommand() throws IOException {
    Set<String> expected = commands().map(command -> command.getName() + ".1").collect(Collectors.toSet());
    try (Stream<Path> pages = Files.list(MAN)) {
      assertEquals(expected, pages.map(page -> page.getFileName().toString()).collect(Collectors.toSet()));
    }
  }

  @ParameterizedTest
  @MethodSource("commands")
  void manPageRendersWithoutWarningsWithAOneLineNameAndTheUsualSections(CommandLine command) throws Exception {
    assumeProgram("man");
    String page = quote(MAN.resolve(pageName(command.getCommandSpec()) + ".1").toString());
    assertEquals(new Result(0, "", ""), sh(dir, "MANWIDTH=80 man --warnings -l " + page + " 2>&1 >/dev/null"));
    String text = plain(sh(dir, "MANWIDTH=80 man -l " + page));
    List<String> sections = List.of("NAME", "SYNOPSIS", "DESCRIPTION", "OPTIONS", "EXIT STATUS", "ENVIRONMENT", "SEE ALSO");
    assertEquals(sections, headings(text).stream().filter(sections::contains).toList(), text);
    List<String> name = section(text, "NAME");
    assertEquals(1, name.size(), "NAME is not one line:\n" + text);
    assertTrue(name.get(0).strip().startsWith(pageName(command.getCommandSpec()) + " - "), name.get(0));
  }

  @ParameterizedTest
  @MethodSource("commands")
  void manPageSeesAlsoEveryOtherToolAndDocsPagesThatExist(CommandLine command) throws Exception {
    String seeAlso = String.join(" ", section(render(MAN.resolve(pageName(command.getCommandSpec()) + ".1")), "SEE ALSO"));
    for (String tool : tools().map(Named::getName).toList()) {
      if (!tool.equals(pageName(command.getCommandSpec()))) assertTrue(seeAlso.contains(tool + "(1)"), tool + "(1) missing: " + seeAlso);
    }
    Matcher docs = Pattern.compile("(docs/[\\w-]+\\.md|README\\.md)").matcher(seeAlso);
    assertTrue(docs.find(), "no docs page: " + seeAlso);
    do {
      assertTrue(Files.isRegularFile(Shell.ROOT.resolve(docs.group(1))), docs.group(1) + " does not exist");
    } while (docs.find());
  }

  @ParameterizedTest
  @MethodSource("commands")
  void manPageNamesTheLaunchersVariables(CommandLine command) throws Exception {
    String environment = String.join("\n", section(render(MAN.resolve(pageName(command.getCommandSpec()) + ".1")), "ENVIRONMENT"));
    assertContainsAll(environment, "RECPIPE_JAVA_OPTS", "JAVA_HOME");
  }

  @Test
  void fanoutsManPageNamesTheVariablesItReadsAndSets() throws Exception {
    String environment = String.join("\n", section(render(MAN.resolve("fanout.1")), "ENVIRONMENT"));
    assertContainsAll(environment, "TMPDIR", "PATH", "RECPIPE_WORKER", "RECPIPE_WORKERS");
    assertContainsAll(String.join("\n", section(render(MAN.resolve("fanout-merge.1")), "ENVIRONMENT")), "TMPDIR");
    assertFalse(String.join("\n", section(render(MAN.resolve("reader.1")), "ENVIRONMENT")).contains("TMPDIR"));
  }

  /** What the pages say of the launcher's variables (fanout's are FanoutIT's and CleanRun's). */
  @Test
  void theLaunchersVariablesDoWhatTheManPagesSay() throws Exception {
    // RECPIPE_JAVA_OPTS come after the launcher's own options (-Xmx256m among them), so they win
    Result flags = sh(dir, "RECPIPE_JAVA_OPTS='-Xmx300m -XX:+PrintFlagsFinal' reader --version 2>&1 | grep -w MaxHeapSize");
    assertTrue(flags.stdout().matches("(?s).*MaxHeapSize\\s+=\\s+314572800\\b.*"), flags.stdout());
    Result missing = sh(dir, "JAVA_HOME=/nonexistent reader --version");
    assertTrue(missing.status() != 0 && missing.stderr().contains("/nonexistent/bin/java"), missing.toString());
  }

  @Test
  void generatedFilesSayNothingOfTheBuildMachine() throws Exception {
    assertTrue(render(MAN.resolve("fanout.1")).contains("(default: the number of processors)."));
    for (Path dir : List.of(MAN, BASH_COMPLETION, ZSH_COMPLETION)) {
      try (Stream<Path> files = Files.list(dir)) {
        for (Path file : files.toList()) {
          String text = Files.readString(file, StandardCharsets.UTF_8);
          assertFalse(Pattern.compile("\\bhere \\d").matcher(text).find(), file + " says what holds here:\n" + text);
        }
      }
    }
  }

  /** The section headings of a page man rendered: its lines in capitals at the margin. */
  private static List<String> headings(String page) {
    return page.lines().filter(line -> line.matches("[A-Z][A-Z ]*[A-Z]")).toList();
  }

  /** The lines of a section of a page man rendered, without blank lines. */
  private static List<String> section(String page, String heading) {
    List<String> lines = page.lines().toList();
    int start = lines.indexOf(heading);
    assertTrue(start >= 0, heading + " missing:\n" + page);
    List<String> section = new ArrayList<>();
    for (String line : lines.subList(start + 1, lines.size())) {
      if (line.matches("\\S.*")) break;
      if (!line.isBlank()) section.add(line);
    }
    return section;
  }

  /**
   * The page as a reader sees it: through man if there is one, else groff, else its roff source
   * with the minus signs unescaped.
   */
  private String render(Path page) throws IOException, InterruptedException {
    assertTrue(Files.isRegularFile(page), page + " was not generated");
    String quoted = "'" + page + "'";
    if (has("man")) return plain(sh(dir, "MANWIDTH=200 man -l " + quoted));
    if (has("groff")) return plain(sh(dir, "groff -man -Tascii -rLL=200n " + quoted));
    return Files.readString(page, StandardCharsets.UTF_8).replace("\\-", "-");
  }

  /** Rendered text without the overstrikes of bold and underline. */
  private static String plain(Result rendered) {
    assertEquals(0, rendered.status(), rendered.stderr());
    return rendered.stdout().replaceAll(".\b", "");
  }

  // ---- bash completion

  @Test
  void bashCompletesOptionNames() throws Exception {
    assertEquals(List.of("--dispatch"), bashComplete("fanout", "--dis"));
    assertEquals(List.of("--dispatch"), bashComplete("fanout", "deal", "--di"));
    assertEquals(List.of("--skip-bad"), bashComplete("reader", "--sk"));
  }

  @Test
  void bashCompletesOptionValuesAsTheParserTakesThem() throws Exception {
    assertEquals(Set.of("csv", "tsv", "jsonl", "lines"), Set.copyOf(bashComplete("writer", "-f", "")));
    assertEquals(List.of("jsonl"), bashComplete("writer", "--format", "j"));
    assertEquals(Set.of("round-robin", "ready"), Set.copyOf(bashComplete("fanout", "--dispatch", "")));
    assertEquals(Set.of("round-robin", "ready"), Set.copyOf(bashComplete("fanout", "deal", "--dispatch", "")));
  }

  @ParameterizedTest
  @MethodSource("tools")
  void bashOffersEveryLongOptionOfTheTool(CommandLine tool) throws Exception {
    Set<String> longOptions = tool.getCommandSpec().options().stream()
        .flatMap(option -> Stream.of(option.names())).filter(name -> name.startsWith("--"))
        .collect(Collectors.toSet());
    assertEquals(longOptions, Set.copyOf(bashComplete(tool.getCommandName(), "--")));
  }

  /**
   * What the tool's generated script offers for the command line {@code tool words...}, the last
   * word being the one completed: the script is sourced and its completion function called as bash
   * would on TAB.
   */
  private List<String> bashComplete(String tool, String... words) throws IOException, InterruptedException {
    List<String> line = new ArrayList<>(List.of(tool));
    line.addAll(List.of(words));
    String script = "source " + quote(BASH_COMPLETION.resolve(tool).toString()) + "\n"
        + "compopt() { :; }\n" // bash allows the real one only in a completion it runs itself
        + "COMP_WORDS=(" + line.stream().map(InstallIT::quote).collect(Collectors.joining(" ")) + ")\n"
        + "COMP_CWORD=" + (line.size() - 1) + "\n"
        + "COMP_LINE=\"${COMP_WORDS[*]}\"; COMP_POINT=${#COMP_LINE}\n"
        + "function=$(complete -p " + tool + " | sed -n 's/.* -F \\([^ ]*\\) .*/\\1/p')\n"
        + "\"$function\" " + tool + " \"${COMP_WORDS[COMP_CWORD]}\" \"${COMP_WORDS[COMP_CWORD-1]}\"\n"
        + "printf '%s\\n' \"${COMPREPLY[@]}\"\n";
    Result result = bash(dir, script);
    assertEquals(new Result(0, result.stdout(), ""), result);
    return result.stdout().isEmpty() ? List.of() : List.of(result.stdout().split("\n"));
  }

  private static String quote(String word) {
    return "'" + word.replace("'", "'\\''") + "'";
  }

  // ---- make install, make uninstall

  @Test
  void makeInstallPutsManPagesAndCompletionWhereTheShellsLookAndUninstallRemovesAll() throws Exception {
    Path prefix = dir.resolve("prefix");
    Result install = sh(Shell.ROOT, "make -s install PREFIX=" + quote(prefix.toString()));
    assertEquals(0, install.status(), install.stderr());
    assertSameFiles(MAN, prefix.resolve("share/man/man1"));
    assertSameFiles(BASH_COMPLETION, prefix.resolve("share/bash-completion/completions"));
    assertSameFiles(ZSH_COMPLETION, prefix.resolve("share/zsh/site-functions"));
    if (has("man")) {
      // man looks in PREFIX/share/man for commands found in PREFIX/bin
      Result found = sh(dir, "PATH=" + quote(prefix.resolve("bin").toString()) + ":$PATH man -w fanout-deal");
      assertEquals(new Result(0, prefix.resolve("share/man/man1/fanout-deal.1") + "\n", ""), found);
    }

    Result uninstall = sh(Shell.ROOT, "make -s uninstall PREFIX=" + quote(prefix.toString()));
    assertEquals(0, uninstall.status(), uninstall.stderr());
    try (Stream<Path> left = Files.walk(prefix)) {
      assertEquals(List.of(), left.filter(Files::isRegularFile).toList());
    }
  }

  /**
   * make install under umask 077 (a hardened system's root, installing for every user): the jars
   * and launchers are installed with their modes, 644 and 755, but the start-up archives
   * recpipe-cds made were r-------- and jffi's native stub (share/recpipe/native, for fanout deal and
   * merge) drwx------: every other user's tools started without their archive, about twice as slowly,
   * with no word, and fanout deal and merge unpacked jffi into $TMPDIR at each start. Every file of
   * PREFIX/share/recpipe is now readable by all, as the jars are, and every folder searchable.
   */
  @Test
  void anInstallUnderUmask077IsReadableByEveryUserAsItsJarsAre() throws Exception {
    Path prefix = dir.resolve("prefix");
    Result install = sh(Shell.ROOT, "umask 077; make -s install PREFIX=" + quote(prefix.toString()));
    assertEquals(0, install.status(), install.stderr());
    Result archives = sh(prefix, "ls share/recpipe | grep -c '\\.jsa$\\|\\.aot$'");
    assertTrue(Integer.parseInt(archives.stdout().trim()) > 0, "no archive made: " + archives);
    Result closed = sh(prefix, "find share/recpipe bin \\( -type d ! -perm -o=rx \\) -o \\( ! -type l ! -perm -o=r \\)");
    assertEquals(new Result(0, "", ""), closed);
  }

  /** Every program make install puts in PREFIX/bin but the launcher's own two is a tool with a page and completion. */
  @Test
  void everyInstalledToolHasAManPageAndCompletion() throws Exception {
    Path prefix = dir.resolve("prefix");
    assertEquals(0, sh(Shell.ROOT, "make -s install DESTDIR=" + quote(prefix.toString()) + " PREFIX=/p").status());
    Path share = prefix.resolve("p/share");
    String zsh = Files.readString(share.resolve("zsh/site-functions/_recpipe"), StandardCharsets.UTF_8);
    List<String> compdef = List.of(zsh.lines().findFirst().orElseThrow().split(" "));
    List<String> tools;
    try (Stream<Path> programs = Files.list(prefix.resolve("p/bin"))) {
      tools = programs.map(program -> program.getFileName().toString())
          .filter(program -> !program.equals("recpipe") && !program.equals("recpipe-cds")).sorted().toList();
    }
    assertEquals(tools().map(Named::getName).sorted().toList(), tools);
    for (String tool : tools) {
      assertTrue(Files.isRegularFile(share.resolve("man/man1/" + tool + ".1")), tool + ": no man page");
      assertTrue(Files.isRegularFile(share.resolve("bash-completion/completions/" + tool)), tool + ": no bash completion");
      assertTrue(compdef.contains(tool), tool + ": not in _recpipe's " + compdef);
    }
  }

  /**
   * {@code make install} over an earlier install (an upgrade) puts each file where the first did:
   * the second copied jffi's native stub into {@code share/recpipe/native/native}, leaving the one
   * the launcher uses, {@code native/jni/...}, as the first install had put it. The tools then run
   * from a prefix with a space in it, from another directory, giving the tree's output.
   */
  @Test
  void installingAgainPutsEveryFileWhereTheFirstInstallDid() throws Exception {
    Path prefix = dir.resolve("my prefix");
    String install = "make -s install PREFIX=" + quote(prefix.toString());
    assertEquals(0, sh(Shell.ROOT, install).status());
    List<String> once = installed(prefix);
    assertEquals(0, sh(Shell.ROOT, install).status());
    assertEquals(once, installed(prefix));
    String bin = quote(prefix.resolve("bin").toString()) + "/";
    Result run = sh(dir, "gencsv 2000 4 9 > rows.csv && reader rows.csv | summer | writer > serial.csv && cd / && " + bin
        + "reader '" + dir + "/rows.csv' | " + bin + "fanout -n 2 summer | " + bin + "writer | cmp - '" + dir
        + "/serial.csv' && echo same");
    assertEquals(new Result(0, "same\n", ""), run);
    assertEquals(0, sh(Shell.ROOT, "make -s uninstall PREFIX=" + quote(prefix.toString())).status());
  }

  /**
   * An installed tool whose jar is gone says so, and to install again: it said to build the jar with
   * mvn in PREFIX, where there is no source tree. A record tool's output ends with the abort mark.
   */
  @Test
  void anInstalledToolWhoseJarIsGoneSaysToInstallAgain() throws Exception {
    Path stage = dir.resolve("stage");
    assertEquals(0, sh(Shell.ROOT, "make -s install DESTDIR=" + quote(stage.toString()) + " PREFIX=/p").status());
    Path prefix = stage.resolve("p");
    Files.delete(prefix.resolve("share/recpipe/summer.jar"));
    Result run = sh(dir, quote(prefix.resolve("bin/summer").toString()) + " < /dev/null > out; echo $?; od -An -tx1 out");
    assertEquals(new Result(0, "1\n ff\n", "summer: " + prefix.resolve("share/recpipe/summer.jar")
        + " not found: install recpipe again (make install, in its source tree)\n"), run);
  }

  private static List<String> installed(Path prefix) throws IOException {
    try (Stream<Path> files = Files.walk(prefix)) {
      return files.map(file -> prefix.relativize(file).toString()).sorted().toList();
    }
  }

  @Test
  void stagedInstallAndUninstallKeepToDestdir() throws Exception {
    Path stage = dir.resolve("stage");
    String make = "make -s DESTDIR=" + quote(stage.toString()) + " PREFIX=/opt/recpipe ";
    assertEquals(0, sh(Shell.ROOT, make + "install").status());
    Path share = stage.resolve("opt/recpipe/share");
    assertSameFiles(MAN, share.resolve("man/man1"));
    assertSameFiles(BASH_COMPLETION, share.resolve("bash-completion/completions"));
    assertSameFiles(ZSH_COMPLETION, share.resolve("zsh/site-functions"));
    assertEquals(0, sh(Shell.ROOT, make + "uninstall").status());
    try (Stream<Path> left = Files.walk(stage)) {
      assertEquals(List.of(), left.filter(Files::isRegularFile).toList());
    }
  }

  @Test
  void bashCompletionFindsTheScriptsInstalledUnderTildeLocal() throws Exception {
    Path framework = Path.of("/usr/share/bash-completion/bash_completion");
    assumeProgram(framework.toString(), Files.isRegularFile(framework));
    Path home = dir.resolve("home");
    assertEquals(0, sh(Shell.ROOT, "make -s install DESTDIR=" + quote(home.toString()) + " PREFIX=/.local").status());
    // what bash-completion does on the first TAB after a command: load the command's completion (its
    // loader was renamed in version 2.12)
    Result loaded = bash(dir, "HOME=" + quote(home.toString()) + "; source " + framework + "\n"
        + "if type _comp_load >/dev/null 2>&1; then _comp_load fanout; else __load_completion fanout; fi\n"
        + "complete -p fanout");
    assertEquals(0, loaded.status(), loaded.stderr());
    assertTrue(loaded.stdout().contains("-F _recpipe_fanout"), loaded.stdout());
  }

  /** Every file of {@code generated} is in {@code installed}, byte for byte. */
  private static void assertSameFiles(Path generated, Path installed) throws IOException {
    try (Stream<Path> files = Files.list(generated)) {
      List<Path> all = files.toList();
      assertFalse(all.isEmpty(), generated + " is empty");
      for (Path file : all) {
        Path copy = installed.resolve(file.getFileName());
        assertTrue(Files.isRegularFile(copy), copy + " not installed");
        assertArrayEquals(Files.readAllBytes(file), Files.readAllBytes(copy), copy + " differs");
      }
    }
  }

  // ---- helpers

  private boolean has(String program) throws IOException, InterruptedException {
    return sh(dir, "command -v " + program).status() == 0;
  }

  private void assumeProgram(String program) throws IOException, InterruptedException {
    assumeProgram(program, has(program));
  }

  private static void assumeProgram(String program, boolean present) {
    if (!present) System.err.println("InstallIT: skipped a test: " + program + " is not installed");
    assumeTrue(present, program + " is not installed");
  }

  private static void assertContainsAll(String text, String... parts) {
    for (String part : parts) assertTrue(text.contains(part), part + " missing:\n" + text);
  }
}
