package dev.recpipe.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import dev.recpipe.examples.Shell.Result;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * A program in a terminal, driven as a user at the keyboard would: tmux runs it in a pseudo-terminal
 * of a server of its own (its socket in {@code dir}), keys are sent to it, and the screen is read
 * back. For what only happens in a terminal, such as a shell's completion on TAB. Every tmux call is
 * bounded in time; {@link #close} ends the server and what runs in it.
 */
final class Terminal implements AutoCloseable {
  private static final Duration CALL_TIMEOUT = Duration.ofSeconds(30);

  private final Path dir;
  private final String socket;

  private Terminal(Path dir) {
    this.dir = dir;
    this.socket = dir.resolve("tmux.socket").toString();
  }

  /**
   * Starts {@code command} (an argv, no shell) in a 200x50 terminal, in {@code workDir}; tmux's
   * socket goes in {@code dir}.
   */
  static Terminal start(Path dir, Path workDir, List<String> command) throws IOException, InterruptedException {
    return start(dir, workDir, command, 200, 50);
  }

  /** As {@link #start(Path, Path, List)}, in a terminal of {@code columns} by {@code rows}. */
  static Terminal start(Path dir, Path workDir, List<String> command, int columns, int rows)
      throws IOException, InterruptedException {
    Terminal terminal = new Terminal(dir);
    List<String> tmux = new ArrayList<>(List.of("new-session", "-d", "-x", Integer.toString(columns),
        "-y", Integer.toString(rows), "-c", workDir.toString(), "--"));
    tmux.addAll(command);
    terminal.tmux(tmux);
    return terminal;
  }

  /** Types {@code text} as it is. */
  void type(String text) throws IOException, InterruptedException {
    tmux(List.of("send-keys", "-l", "--", text));
  }

  /** Presses keys by tmux's names for them: {@code Tab}, {@code Enter}, {@code C-l}, {@code M-?}. */
  void press(String... keys) throws IOException, InterruptedException {
    List<String> command = new ArrayList<>(List.of("send-keys"));
    command.addAll(List.of(keys));
    tmux(command);
  }

  /** Resizes the terminal, as a user dragging its window's corner: its programs get SIGWINCH. */
  void resize(int columns, int rows) throws IOException, InterruptedException {
    tmux(List.of("resize-window", "-x", Integer.toString(columns), "-y", Integer.toString(rows)));
  }

  /** From now on, appends every byte the program writes to the terminal to {@code file}, as written. */
  void record(Path file) throws IOException, InterruptedException {
    tmux(List.of("pipe-pane", "-o", "cat >> '" + file + "'"));
  }

  /** The screen's text, a line each row, without trailing blanks. */
  String screen() throws IOException, InterruptedException {
    return tmux(List.of("capture-pane", "-p")).stdout();
  }

  private Result tmux(List<String> arguments) throws IOException, InterruptedException {
    List<String> command = new ArrayList<>(List.of("tmux", "-S", socket, "-f", "/dev/null"));
    command.addAll(arguments);
    Result result = Shell.run(dir, CALL_TIMEOUT, command.toArray(new String[0]));
    assertEquals(0, result.status(), () -> "tmux " + arguments + ": " + result.stderr());
    return result;
  }

  /** Waits, up to {@code timeout}, until {@code file} has {@code count} lines, and returns them. */
  static List<String> awaitLines(Path file, int count, Duration timeout) throws IOException, InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (true) {
      List<String> lines = Files.exists(file) ? Files.readAllLines(file, StandardCharsets.UTF_8) : List.of();
      if (lines.size() >= count) return lines;
      if (System.nanoTime() > deadline) fail("no line " + count + " in " + file + " after " + timeout + "; it has " + lines);
      Thread.sleep(20);
    }
  }

  @Override
  public void close() throws IOException, InterruptedException {
    Shell.run(dir, CALL_TIMEOUT, "tmux", "-S", socket, "kill-server");
  }
}
