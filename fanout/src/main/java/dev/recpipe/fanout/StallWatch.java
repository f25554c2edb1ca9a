package dev.recpipe.fanout;

import dev.recpipe.fanout.merge.Merger;
import dev.recpipe.fanout.workers.Worker;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code --stall-timeout}: finds the workers that have input waiting in their pipe, yet for longer
 * than the timeout read none of it and write nothing. A worker that never reads its input looks like
 * that, and so does one stuck on a record: no one can tell them apart from outside, which is why
 * there is no timeout unless the user sets one longer than the slowest record.
 */
final class StallWatch {
  private final long timeoutNanos;
  private final long[] unread;
  private final long[] output;
  private final long[] since;

  StallWatch(Duration timeout, int workers) {
    this.timeoutNanos = timeout.toNanos();
    this.unread = new long[workers];
    this.output = new long[workers];
    this.since = new long[workers];
  }

  /** How often to look, so a stall is found within a tenth of the timeout past it. */
  long periodMillis() {
    return Math.max(10, Math.min(1000, timeoutNanos / 10_000_000));
  }

  /** The running workers that have stalled as of {@code now} (System.nanoTime()). */
  List<Worker> stalled(List<Worker> workers, Merger merger, long now) throws IOException {
    List<Worker> stalled = new ArrayList<>();
    for (Worker worker : workers) {
      if (!worker.process().isAlive()) continue;
      int i = worker.index();
      long waiting = worker.unreadInput();
      long written = merger.bytesRead(i);
      if (waiting <= 0 || waiting != unread[i] || written != output[i] || since[i] == 0) {
        unread[i] = waiting;
        output[i] = written;
        since[i] = now;
      } else if (now - since[i] > timeoutNanos) {
        stalled.add(worker);
        since[i] = now;
      }
    }
    return stalled;
  }

  String describe() {
    double seconds = timeoutNanos / 1e9;
    return seconds == Math.rint(seconds) ? (long) seconds + " s" : seconds + " s";
  }
}
