package dev.recpipe.examples;

import static dev.recpipe.examples.Shell.sh;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.recpipe.examples.Shell.Result;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Shell completion as a user meets it: an interactive bash or zsh in a terminal (tmux), recpipe's
 * completion installed by {@code make install}, a partial command typed, and TAB pressed. The line
 * the shell then holds is what is checked, and for a listing, the screen. Three shells: bash with
 * the scripts sourced and nothing else, bash with bash-completion loading them from ~/.local (as
 * Debian's bash does), and zsh with compinit finding {@code _recpipe} on its fpath.
 *
 * <p>Each test types into a fresh shell in a directory holding {@code mys-rows.csv},
 * {@code deal-notes.txt} and an executable {@code my-stage}; PATH is the launchers, then /usr/bin
 * and /bin. Without tmux (or zsh, or bash-completion) a test is skipped, with a message.
 */
@Timeout(120)
class CompletionIT {
  private static final Duration SHELL_TIMEOUT = Duration.ofSeconds(30);
  private static final String TAB = "<TAB>";

  /** Where {@code make install} put everything: a home whose ~/.local is the PREFIX. */
  @TempDir static Path home;

  @TempDir Path dir;

  enum Kind { BASH, BASH_COMPLETION, ZSH }

  @BeforeAll
  static void install() throws Exception {
    Result installed = sh(Shell.ROOT, "make -s install DESTDIR='" + home + "' PREFIX=/.local");
    assertEquals(0, installed.status(), installed.stderr());
  }

  @ParameterizedTest
  @EnumSource(Kind.class)
  void completesFileNamesWhereAFileGoes(Kind kind) throws Exception {
    assertCompletes(kind, "reader mys<TAB>-rows.csv ", "reader -H mys<TAB>-rows.csv ", "writer -o mys<TAB>-rows.csv ",
        "summer < mys<TAB>-rows.csv ", "fanout deal mys<TAB>-rows.csv ");
  }

  @ParameterizedTest
  @EnumSource(Kind.class)
  void completesCommandNamesWhereTheWorkerGoes(Kind kind) throws Exception {
    assertCompletes(kind, "fanout -n 2 ./my<TAB>-stage ", "fanout -n 2 summ<TAB>er ", "fanout -n 2 xarg<TAB>s ",
        "fanout --dispatch ready summ<TAB>er ", "reader mys-rows.csv | fanout -n 2 summ<TAB>er ",
        "fanout dea<TAB>l "); // a subcommand, where the parser takes one: the first word after the options
  }

  @ParameterizedTest
  @EnumSource(Kind.class)
  void completesTheWorkersOwnLineAfterIt(Kind kind) throws Exception {
    // cat, a worker that passes records through, takes files; not fanout's subcommand deal
    assertCompletes(kind, "fanout -n 2 summer --te<TAB>xt ", "fanout -n 2 cat dea<TAB>l-notes.txt ");
    try (Session shell = Session.start(kind, dir)) {
      assertEquals("fanout -n 2 summer ", shell.list("fanout -n 2 summer "));
      String screen = shell.screen();
      assertFalse(screen.contains("deal") || screen.contains("merge"), "fanout's subcommands offered:\n" + screen);
      // after the worker, fanout's options are the worker's arguments
      assertEquals("fanout summer --dispatch ", shell.list("fanout summer --dispatch "));
      screen = shell.screen();
      assertFalse(screen.contains("ready") || screen.contains("round-robin"), "fanout's --dispatch completed:\n" + screen);
    }
  }

  @ParameterizedTest
  @EnumSource(Kind.class)
  void completesOptionsAndTheirValues(Kind kind) throws Exception {
    assertCompletes(kind, "reader --sk<TAB>ip-bad ", "writer -f j<TAB>sonl ", "writer --format=j<TAB>sonl ",
        "fanout --dispatch re<TAB>ady ", "fanout deal --dispatch re<TAB>ady ",
        "fanout -n <TAB>"); // -n takes a number: no file names
    try (Session shell = Session.start(kind, dir)) {
      assertEquals("writer -f ", shell.list("writer -f "));
      String screen = shell.screen();
      for (String format : List.of("csv", "tsv", "jsonl", "lines")) {
        assertTrue(screen.contains(format), format + " not listed:\n" + screen);
      }
    }
  }

  /**
   * Each case is a line typed, TAB, and what TAB should add: {@code "reader mys<TAB>-rows.csv "}. All
   * in one shell, each on a line of its own.
   */
  private void assertCompletes(Kind kind, String... cases) throws IOException, InterruptedException {
    try (Session shell = Session.start(kind, dir)) {
      for (String completion : cases) {
        String typed = completion.substring(0, completion.indexOf(TAB));
        assertEquals(completion.replace(TAB, ""), shell.complete(typed), "after " + typed + TAB);
      }
    }
  }

  /**
   * One shell in a terminal. A key, ^O, is bound to write the line being edited to a file: pressed
   * after TAB, it runs once the completion is over, and the file says when that is and what the line
   * became.
   */
  private static final class Session implements AutoCloseable {
    private final Terminal terminal;
    private final Kind kind;
    private final Path lines;
    private int count;

    private Session(Terminal terminal, Kind kind, Path lines) {
      this.terminal = terminal;
      this.kind = kind;
      this.lines = lines;
    }

    static Session start(Kind kind, Path dir) throws IOException, InterruptedException {
      assumeInstalled("tmux", has("tmux"));
      if (kind == Kind.ZSH) assumeInstalled("zsh", has("zsh"));
      if (kind == Kind.BASH_COMPLETION) assumeInstalled("bash-completion", Files.isRegularFile(Path.of(BASH_COMPLETION)));
      Path work = Files.createDirectories(dir.resolve("work"));
      Files.writeString(work.resolve("mys-rows.csv"), "1,2\n");
      Files.writeString(work.resolve("deal-notes.txt"), "notes\n");
      Files.writeString(work.resolve("my-stage"), "#!/bin/sh\nexec summer\n");
      Files.setPosixFilePermissions(work.resolve("my-stage"), PosixFilePermissions.fromString("rwxr-xr-x"));
      Path own = Files.createTempDirectory(dir, "shell");
      Path lines = own.resolve("lines");
      Path setup = own.resolve("setup");
      Files.writeString(setup, setup(kind, lines), StandardCharsets.UTF_8);
      List<String> command = new ArrayList<>(List.of("env", "-i", "HOME=" + home, "TERM=screen", "LANG=C.UTF-8",
          "INPUTRC=/dev/null", "PATH=" + Shell.BIN + ":/usr/bin:/bin"));
      command.addAll(kind == Kind.ZSH ? List.of("zsh", "-f") : List.of("bash", "--norc", "--noprofile"));
      Session session = new Session(Terminal.start(own, work, command), kind, lines);
      session.terminal.type("source '" + setup + "'");
      session.terminal.press("Enter");
      session.awaitLine(); // READY
      return session;
    }

    /** The line after typing {@code typed} on an empty line and pressing TAB. */
    String complete(String typed) throws IOException, InterruptedException {
      return typeThen(typed, "Tab");
    }

    /** The line after typing {@code typed} and asking for the list of completions (see {@link #screen}). */
    String list(String typed) throws IOException, InterruptedException {
      return typeThen(typed, kind == Kind.ZSH ? "C-d" : "M-?");
    }

    /** What the terminal shows. */
    String screen() throws IOException, InterruptedException {
      return terminal.screen();
    }

    private String typeThen(String typed, String key) throws IOException, InterruptedException {
      terminal.press("C-u", "C-l");
      terminal.type(typed);
      terminal.press(key, "C-o");
      return awaitLine();
    }

    private String awaitLine() throws IOException, InterruptedException {
      List<String> all = Terminal.awaitLines(lines, ++count, SHELL_TIMEOUT);
      return all.get(count - 1);
    }

    private static String setup(Kind kind, Path lines) {
      String file = "'" + lines + "'";
      String bash = "bind -x '\"\\C-o\": printf \"%s\\n\" \"$READLINE_LINE\" >> " + file.replace("'", "'\\''") + "'\n";
      String setup = switch (kind) {
        case BASH -> "for f in ~/.local/share/bash-completion/completions/*; do source \"$f\"; done\n" + bash;
        case BASH_COMPLETION -> "source " + BASH_COMPLETION + "\n" + bash;
        case ZSH -> "fpath=(~/.local/share/zsh/site-functions $fpath)\n"
            + "autoload -U compinit && compinit -u -D\n"
            + "bindkey -e\n"
            + "recpipe-show-line() { print -r -- \"$BUFFER\" >> " + file + " }\n"
            + "zle -N recpipe-show-line\n"
            + "bindkey '^O' recpipe-show-line\n";
      };
      return "PS1='$ '\n" + setup + "echo READY >> " + file + "\n";
    }

    @Override
    public void close() throws IOException, InterruptedException {
      terminal.close();
    }
  }

  private static final String BASH_COMPLETION = "/usr/share/bash-completion/bash_completion";

  private static boolean has(String program) throws IOException, InterruptedException {
    return sh(Shell.ROOT, "command -v " + program).status() == 0;
  }

  private static void assumeInstalled(String program, boolean present) {
    if (!present) System.err.println("CompletionIT: skipped a test: " + program + " is not installed");
    assumeTrue(present, program + " is not installed");
  }
}
