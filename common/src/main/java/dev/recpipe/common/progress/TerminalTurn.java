package dev.recpipe.common.progress;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Who draws the progress line on a terminal that several stages of one pipeline share: two lines
 * redrawn in place on one row would garble each other. The terminal itself is the meeting point: a
 * POSIX lock on its device (advisory, on its first byte; nothing is written through it) that every
 * process writing to it can take, and that the kernel lets go when a process ends, however it ends.
 *
 * <p>A {@link #leader} (fanout, which sees the most of the run) takes the lock for good as soon as
 * it can. A {@link #follower} (reader) takes it shared, only while it writes a line; once it finds
 * a leader there, it gives way for the rest of its run and writes nothing more, so the leader's
 * line stays. Where the device cannot be locked, everyone draws, as before.
 */
final class TerminalTurn {
  private static final int FINAL_TRIES = 100;
  private static final long FINAL_WAIT_MILLIS = 10;

  private FileChannel channel;
  private final boolean leader;
  private FileLock held;
  private boolean gaveWay;

  private TerminalTurn(FileChannel channel, boolean leader) {
    this.channel = channel;
    this.leader = leader;
  }

  /** A turn that takes over {@code device} for the rest of the run. */
  static TerminalTurn leader(Path device) {
    return new TerminalTurn(open(device), true);
  }

  /** A turn that gives way for good to a leader on {@code device}. */
  static TerminalTurn follower(Path device) {
    return new TerminalTurn(open(device), false);
  }

  /** A turn that always draws: no terminal to share. */
  static TerminalTurn alone() {
    return new TerminalTurn(null, true);
  }

  private static FileChannel open(Path device) {
    try {
      return FileChannel.open(device, StandardOpenOption.READ, StandardOpenOption.WRITE);
    } catch (IOException | UnsupportedOperationException | SecurityException e) {
      return null;
    }
  }

  /**
   * Whether this process may write its line now; if so, {@link #end} follows the write. With
   * {@code last}, a leader waits a little for a follower's write to end rather than lose its final
   * line.
   */
  boolean begin(boolean last) {
    if (gaveWay) return false;
    try {
      if (channel == null) return true;
      if (leader) return lead(last);
      held = tryLock(true);
      gaveWay = held == null;
      return !gaveWay;
    } catch (IOException cannotLock) { // a terminal without locks: draw, as if alone
      channel = null;
      return true;
    }
  }

  private boolean lead(boolean last) throws IOException {
    for (int tries = 0; held == null && tries < (last ? FINAL_TRIES : 1); tries++) {
      held = tryLock(false);
      if (held == null && last) pause();
    }
    return held != null || last; // the final line goes out even if a follower hangs on to the lock
  }

  /** After a line: a follower lets go of the terminal; a leader keeps it. */
  void end() {
    if (leader || held == null) return;
    try {
      held.release();
    } catch (IOException ignored) {
      // the lock goes with the process
    }
    held = null;
  }

  /** The lock, or null if another process holds it (or, in tests, this JVM). */
  private FileLock tryLock(boolean shared) throws IOException {
    try {
      return channel.tryLock(0, 1, shared);
    } catch (OverlappingFileLockException sameProcess) {
      return null;
    }
  }

  private static void pause() {
    try {
      Thread.sleep(FINAL_WAIT_MILLIS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
