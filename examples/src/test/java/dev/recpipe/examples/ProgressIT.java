package dev.recpipe.examples;

import static dev.recpipe.examples.Shell.sh;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.recpipe.examples.Shell.Result;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code --progress} as a user sees it, with the real launchers: in a log, one summary line a stage;
 * in a terminal (tmux), one line redrawn in place, never wider than the pane, and with reader's and
 * fanout's both asked, fanout's line alone once it has started, never the two mixed on one row.
 */
@Timeout(120)
class ProgressIT {
  private static final int COLUMNS = 60;
  private static final String PIPELINE = "reader --progress rows.csv | fanout -n 2 -b 100 --progress --total 20000";

  @TempDir static Path shared;
  @TempDir Path dir;
  private static long size;

  @BeforeAll
  static void makeInput() throws Exception {
    Result made = sh(shared, "gencsv 20000 5 3 > rows.csv");
    assertEquals(0, made.status(), made.stderr());
    size = Files.size(shared.resolve("rows.csv"));
  }

  @Test
  void withoutATerminalEachStageWritesOneSummaryLineWithItsTotals() throws Exception {
    Result result = sh(shared, PIPELINE + " summer | writer | wc -l");
    assertEquals("20000\n", result.stdout());
    List<String> lines = new ArrayList<>(result.stderr().lines().sorted().toList());
    assertEquals(2, lines.size(), result.stderr());
    assertTrue(lines.get(0).matches("fanout: 20000 records in, 20000 out of 20000, [0-9]+\\.[0-9]s, [0-9.]+k?"
        + " records/s; answered per worker: 10000 10000"), lines.get(0));
    assertTrue(lines.get(1).matches("reader: " + size + " bytes of " + size + ", [0-9]+\\.[0-9]s, [0-9.]+ [kM]?B/s"),
        lines.get(1));
  }

  /**
   * Stdin named twice, as cat reads it: the second {@code -} reads nothing, stdin being at its end,
   * and the total counts it once. It counted stdin's size for each, and the run ended at 50%,
   * {@code reader: N bytes of 2N}.
   */
  @Test
  void stdinNamedTwiceIsCountedOnceInTheTotal() throws Exception {
    Result result = sh(shared, "reader --progress - - rows.csv < rows.csv | writer | wc -l");
    assertEquals("40000\n", result.stdout());
    assertTrue(result.stderr().matches("reader: " + 2 * size + " bytes of " + 2 * size + ", [0-9]+\\.[0-9]s, [0-9.]+ [kM]?B/s\n"),
        result.stderr());
  }

  /**
   * Stdin a file that the shell has read part of (its header line, with {@code read}): the total is
   * what is left from where stdin stands, what reader reads. It was the file's whole size, and the
   * run ended short of it, {@code reader: N-8 bytes of N}.
   */
  @Test
  void stdinPartReadBeforeCountsFromWhereItStands() throws Exception {
    Result result = Shell.bash(shared, "{ read -r first;"
        + " reader --progress - | writer | wc -l; } < rows.csv");
    assertEquals("19999\n", result.stdout());
    long left = size - Files.readAllLines(shared.resolve("rows.csv")).get(0).length() - 1;
    assertTrue(result.stderr().matches("reader: " + left + " bytes of " + left + ", [0-9]+\\.[0-9]s, [0-9.]+ [kM]?B/s\n"),
        result.stderr());
  }

  @Test
  void onATerminalOneLineRedrawnInPlaceNeverWiderThanThePaneAndFanoutsTakesOver() throws Exception {
    assumeTrue(sh(Shell.ROOT, "command -v tmux").status() == 0, "tmux is not installed");
    Path raw = dir.resolve("raw.log");
    Path done = dir.resolve("done");
    try (Terminal terminal = startPipeline("sh -c 'sleep 1; exec summer'", COLUMNS, raw, done)) {
      assertEquals(List.of("0"), Terminal.awaitLines(done, 1, Duration.ofSeconds(60)));
      List<String> drawn = draws(Files.readString(raw, StandardCharsets.UTF_8));
      for (String line : drawn) assertTrue(line.length() < COLUMNS, "wider than the pane: " + line);
      int firstFanout = firstStartingWith(drawn, "fanout ");
      assertTrue(firstFanout >= 0 && drawn.size() - firstFanout >= 2, "fanout's line was not redrawn: " + drawn);
      for (String line : drawn.subList(firstFanout, drawn.size())) {
        assertTrue(line.startsWith("fanout "), "reader drew over fanout's line: " + drawn);
      }
      String last = drawn.get(drawn.size() - 1);
      assertTrue(last.matches("fanout 100% .*out 20\\.0k/20\\.0k .*"), last);
      List<String> screen = terminal.screen().lines().filter(line -> !line.isBlank()).toList();
      assertEquals(last, screen.get(screen.size() - 1), "fanout's line was not the last on screen: " + screen);
      for (String row : screen) {
        assertTrue(row.matches("(reader|fanout) [^a-z].*") && !(row.contains("reader") && row.contains("fanout")),
            "a row of mixed or stacked lines: " + screen);
      }
      assertTrue(screen.stream().filter(row -> row.startsWith("fanout")).count() == 1, "fanout's lines stacked: " + screen);
    }
  }

  /**
   * A terminal resized while the pipeline runs (SIGWINCH to the pane's processes): fanout's lines
   * are measured again, and from the next one on fit the new width.
   */
  @Test
  void aTerminalResizedDuringTheRunGetsLinesThatFitItsNewWidth() throws Exception {
    assumeTrue(sh(Shell.ROOT, "command -v tmux").status() == 0, "tmux is not installed");
    int wide = 100;
    int narrow = 40;
    Path raw = dir.resolve("raw.log");
    Path done = dir.resolve("done");
    try (Terminal terminal = startPipeline("heavy", wide, raw, done)) {
      long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
      while (firstStartingWith(draws(readIfThere(raw)), "fanout ") < 0 && System.nanoTime() < deadline) Thread.sleep(20);
      int before = draws(readIfThere(raw)).size();
      terminal.resize(narrow, 12);
      assertEquals(List.of("0"), Terminal.awaitLines(done, 1, Duration.ofSeconds(90)));
      List<String> drawn = draws(Files.readString(raw, StandardCharsets.UTF_8));
      assertTrue(drawn.subList(0, before).stream().anyMatch(line -> line.length() >= narrow),
          "no line as wide as " + narrow + " before the resize, which then proves nothing: " + drawn);
      // one line may have been under way when the signal came, and one more measured before it was seen
      List<String> after = drawn.subList(Math.min(before + 2, drawn.size()), drawn.size());
      assertTrue(after.size() >= 2, "too few lines after the resize to tell: " + drawn);
      for (String line : after) assertTrue(line.length() < narrow, "wider than the resized pane: " + line);
    }
  }

  /**
   * A line fanout writes while its progress line is on the terminal (here --retries' notice of a
   * restart) starts a row of its own, and the progress line goes on below it. It was written after
   * the progress line, on its row: {@code fanout 12% |...| ... 0:01<0:03fanout: worker 1 (sh) exited
   * with status 3; restarted it ...}, wrapped where the row ended.
   */
  @Test
  void aNoticeDuringTheRunStartsARowOfItsOwnNotTheEndOfTheProgressLine() throws Exception {
    assumeTrue(sh(Shell.ROOT, "command -v tmux").status() == 0, "tmux is not installed");
    Path raw = dir.resolve("raw.log");
    Path done = dir.resolve("done");
    Path crashed = dir.resolve("crashed");
    String worker = "--retries 1 sh -c 'if [ \"$RECPIPE_WORKER\" = 1 ] && mkdir " + crashed + " 2> /dev/null;"
        + " then sleep 1; exit 3; fi; exec heavy'";
    try (Terminal terminal = startPipeline(worker, 100, raw, done)) {
      assertEquals(List.of("0"), Terminal.awaitLines(done, 1, Duration.ofSeconds(90)));
      List<String> screen = terminal.screen().lines().filter(line -> !line.isBlank()).toList();
      assertTrue(screen.stream().anyMatch(row -> row.startsWith("fanout: worker 1 (sh) exited with status 3; restarted it")),
          "the notice does not start a row: " + screen);
      String last = screen.get(screen.size() - 1);
      assertTrue(last.matches("fanout 100% .*out 20\\.0k/20\\.0k .*"), "the progress line is not last: " + screen);
    }
  }

  /**
   * Starts {@link #PIPELINE} with {@code worker} as fanout's command, then writer, in a terminal of
   * {@code columns} by 12, every byte it draws recorded in {@code raw}; its exit status goes into
   * {@code done}. The pipeline waits for the recording to begin.
   */
  private Terminal startPipeline(String worker, int columns, Path raw, Path done) throws Exception {
    String script = "PATH='" + Shell.BIN + "':$PATH; export LANG=C; while [ ! -e go ]; do sleep 0.05; done; "
        + PIPELINE + " " + worker + " | writer > '" + dir + "/out.csv'; echo $? > '" + done + "'; sleep 60";
    Files.deleteIfExists(shared.resolve("go"));
    Terminal terminal = Terminal.start(dir, shared, List.of("sh", "-c", script), columns, 12);
    try {
      terminal.record(raw);
      Files.createFile(shared.resolve("go"));
      return terminal;
    } catch (Exception | AssertionError e) {
      terminal.close();
      throw e;
    }
  }

  private static String readIfThere(Path file) throws java.io.IOException {
    return Files.exists(file) ? Files.readString(file, StandardCharsets.UTF_8) : "";
  }

  /** Each line drawn: what follows a carriage return, up to the clear to the end of the row. */
  private static List<String> draws(String raw) {
    List<String> lines = new ArrayList<>();
    for (String piece : raw.split("\r")) {
      int clear = piece.indexOf("\033[K");
      if (clear >= 0) lines.add(piece.substring(0, clear));
    }
    return lines;
  }

  private static int firstStartingWith(List<String> lines, String prefix) {
    for (int i = 0; i < lines.size(); i++) {
      if (lines.get(i).startsWith(prefix)) return i;
    }
    return -1;
  }
}
