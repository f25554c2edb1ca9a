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
import dev.recpipe.examples.Shell.Result;
import dev.recpipe.fanout.FanoutCommand;
import dev.recpipe.reader.ReaderCommand;
import dev.recpipe.summer.SummerCommand;
import dev.recpipe.writer.WriterCommand;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
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
 * make install} / {@code make uninstall} of them. Tests that need a program the machine lacks (zsh)
 * are skipped, with a message.
 */
class InstallIT {
  private static final Path GENERATED = Shell.ROOT.resolve("examples/target");
  private static final Path MAN = GENERATED.resolve("man");
  private static final Path BASH_COMPLETION = GENERATED.resolve("completion/bash");
  private static final Path ZSH_COMPLETION = GENERATED.resolve("completion/zsh");

  @TempDir Path dir;

  static Stream<Named<CommandLine>> tools() {
    return Stream.of(new ReaderCommand(), new SummerCommand(), new WriterCommand(), new FanoutCommand(),
        new GenCsvCommand(), new HeavyCommand()).map(InstallIT::named);
  }

  /** Every tool and every subcommand: a page each ({@code fanout-deal}). */
  static Stream<Named<CommandLine>> commands() {
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
    assertTrue(page.contains(opening), "description missing:\n" + page);
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
    assertTrue(loaded.stdout().contains("-F _complete_fanout"), loaded.stdout());
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

  // ---- zsh completion, through the installed files

  @Test
  void zshCompletesThroughTheInstalledFunction() throws Exception {
    assumeProgram("zsh");
    Path stage = dir.resolve("stage");
    assertEquals(0, sh(Shell.ROOT, "make -s install DESTDIR=" + quote(stage.toString()) + " PREFIX=/usr/local").status());
    Path siteFunctions = stage.resolve("usr/local/share/zsh/site-functions");
    List<String> lines = zshComplete(siteFunctions, "fanout --dis", "writer -f j", "fanout deal --di", "reader --sk",
        "fanout --dispatch rea");
    assertEquals(List.of("fanout --dispatch ", "writer -f jsonl ", "fanout deal --dispatch ", "reader --skip-bad ",
        "fanout --dispatch ready "), lines);
  }

  /**
   * The lines an interactive zsh (no rc files, compinit with {@code fpath} first) holds after each
   * of {@code typed} and a TAB: driven through a pseudo-terminal (zsh's zpty), as completion only
   * runs in the line editor. A key bound to a widget writes the line to a file and clears it.
   */
  private List<String> zshComplete(Path fpath, String... typed) throws IOException, InterruptedException {
    Path out = dir.resolve("zsh-lines");
    Path driver = dir.resolve("driver.zsh");
    Files.writeString(driver, """
        zmodload zsh/zpty
        fpath=$1 out=$2; shift 2
        zpty z 'zsh -f -i'
        zpty -w z "fpath=($fpath \\$fpath); autoload -U compinit; compinit -u -D; \
        show() { print -r -- \\"\\$BUFFER\\" >> $out; BUFFER=; zle -M SH''OWN }; zle -N show; \
        bindkey '^O' show; PS1=RE''ADY"
        zpty -r z junk '*READY*' || exit 1
        for keys in "$@"; do
          zpty -w -n z "$keys"$'\\t\\x0f'
          zpty -r z junk '*SHOWN*' || exit 1
        done
        zpty -d z
        """);
    StringBuilder command = new StringBuilder("timeout 60 zsh -f " + quote(driver.toString()) + " "
        + quote(fpath.toString()) + " " + quote(out.toString()));
    for (String keys : typed) command.append(' ').append(quote(keys));
    Result result = Shell.run(dir, Duration.ofMinutes(2), "sh", "-c", command.toString());
    assertEquals(0, result.status(), "zsh driver: " + result.stderr());
    return Files.readAllLines(out, StandardCharsets.UTF_8);
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
