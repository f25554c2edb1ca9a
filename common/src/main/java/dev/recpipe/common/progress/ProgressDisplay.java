package dev.recpipe.common.progress;

import dev.recpipe.common.cli.Terminal;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/**
 * Where a progress line goes: on a terminal, redrawn in place ({@code \r}, the line, clear to the
 * end of the row) to fit its width; elsewhere (a log, a pipe), one summary line at the end and
 * nothing before it, so logs don't fill with redraws. Safe to call from a timer thread and the
 * thread that finishes the run; after {@link #finish} it writes nothing more.
 *
 * <p>Does not close {@code err}.
 */
public final class ProgressDisplay {
  private final PrintStream err;
  private final Screen screen;
  private final TerminalTurn turn;
  private boolean finished;

  ProgressDisplay(PrintStream err, Screen screen, TerminalTurn turn) {
    this.err = err;
    this.screen = screen;
    this.turn = turn;
  }

  /**
   * A display on {@code err}, which is the process's stderr, a terminal or not. A {@code leader}
   * (fanout) takes the terminal over from the other stages of the pipeline that show progress; the
   * others give way to it (see {@link TerminalTurn}).
   */
  public static ProgressDisplay onStderr(PrintStream err, boolean leader) {
    Optional<Path> device = Terminal.device(2);
    if (device.isEmpty()) return new ProgressDisplay(err, null, null);
    Screen screen = new Screen(System.getenv());
    return new ProgressDisplay(err, screen, leader ? TerminalTurn.leader(device.get()) : TerminalTurn.follower(device.get()));
  }

  /** A display on a terminal of {@code columns} that shows Unicode or not, shared with no one: for tests. */
  public static ProgressDisplay terminal(PrintStream err, int columns, boolean unicode) {
    Map<String, String> environment = Map.of("COLUMNS", Integer.toString(columns), "LANG", unicode ? "C.UTF-8" : "C");
    return new ProgressDisplay(err, new Screen(environment), TerminalTurn.alone());
  }

  /** A display for a log, which gets the summary line only: for tests. */
  public static ProgressDisplay log(PrintStream err) {
    return new ProgressDisplay(err, null, null);
  }

  /** Whether lines are drawn as the run goes (a terminal), or only the summary at the end. */
  public boolean isLive() {
    return screen != null;
  }

  /** Redraws the line on a terminal; nothing elsewhere. */
  public synchronized void show(Snapshot snapshot) {
    if (finished || !isLive()) return;
    draw(snapshot, "", false);
  }

  /**
   * On a terminal, erases the line drawn, so that a message written next starts a row of its own
   * (the next line is drawn below it); nothing elsewhere. Written after the line, a message went on
   * its row and wrapped ({@code ProgressIT.aNoticeDuringTheRunStartsARowOfItsOwnNotTheEndOfTheProgressLine}).
   */
  public synchronized void clear() {
    if (finished || !isLive() || !turn.begin(false)) return;
    try {
      err.print("\r\033[K");
      err.flush();
    } finally {
      turn.end();
    }
  }

  /**
   * The run has ended, well or not: on a terminal, the last line, left in place (a line end after
   * it); elsewhere, the summary line.
   */
  public synchronized void finish(Snapshot snapshot) {
    if (finished) return;
    finished = true;
    if (isLive()) {
      draw(snapshot, "\n", true);
    } else {
      err.print(ProgressLine.summary(snapshot) + "\n");
      err.flush();
    }
  }

  /**
   * One column short of the width: a line that fills the row leaves the cursor waiting to wrap, and
   * the clear that follows would erase its last character on some terminals.
   */
  private void draw(Snapshot snapshot, String end, boolean last) {
    if (!turn.begin(last)) return;
    try {
      err.print("\r" + ProgressLine.render(snapshot, screen.columns() - 1, screen.unicode()) + "\033[K" + end);
      err.flush();
    } finally {
      turn.end();
    }
  }
}
