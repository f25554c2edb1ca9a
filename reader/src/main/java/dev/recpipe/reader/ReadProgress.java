package dev.recpipe.reader;

import dev.recpipe.common.FileNames;
import dev.recpipe.common.OwnDescriptors;
import dev.recpipe.common.progress.ProgressDisplay;
import dev.recpipe.common.progress.RateWindow;
import dev.recpipe.common.progress.Snapshot;
import dev.recpipe.common.progress.Unit;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.function.LongSupplier;

/**
 * {@code reader --progress}: how much of its input reader has read, by bytes, as {@code pv} shows
 * it. reader knows the sizes of its input files, so it can say the percent and the time left, for
 * the whole pipeline behind it too: the stages after it run no further ahead than their pipes hold.
 *
 * <p>The line is redrawn from a timer thread, as reading stalls whenever the stages after reader
 * are slower, which is when a user most wants to see the line move on the clock. On a terminal that
 * {@code fanout --progress} shares, reader gives way to fanout's line.
 */
final class ReadProgress {
  static final long REDRAW_MILLIS = 250;
  static final Duration RATE_WINDOW = Duration.ofSeconds(5);

  private final long total;
  private final ProgressDisplay display;
  private final LongSupplier clock;
  private final long start;
  private final RateWindow rate = new RateWindow(RATE_WINDOW);
  private volatile long read;
  private Thread redraws;

  /** Reads of {@code total} bytes ({@link Snapshot#UNKNOWN} if not known), shown on {@code display}. */
  ReadProgress(long total, ProgressDisplay display, LongSupplier clock) {
    this.total = total;
    this.display = display;
    this.clock = clock;
    this.start = clock.getAsLong();
  }

  /**
   * The total size of {@code inputs}, files or {@code -} for {@code stdin}: {@link Snapshot#UNKNOWN}
   * if one is not a regular file (a pipe, a terminal) or cannot be read, which opening it will say.
   * Stdin counts once however often it is named: the first {@code -} reads it to its end, and the
   * others read nothing, as cat's do (the total counted it again for each, and a run ended at 50%).
   * And it counts from {@code stdinPosition}, where it stands, which is where reader starts reading
   * it: a shell that read a header line off it first ({@code { read -r header; reader -; } < f})
   * left it there, and a run counted from 0 ended short of its total.
   */
  static long totalSize(List<String> inputs, Path stdin, long stdinPosition) {
    long sum = 0;
    boolean stdinCounted = false;
    for (String input : inputs) {
      boolean isStdin = input.equals(InputFiles.STDIN_ARGUMENT);
      if (isStdin && stdinCounted) continue;
      stdinCounted |= isStdin;
      try {
        Path path = isStdin ? stdin : FileNames.path(input);
        if (!Files.isRegularFile(path)) return Snapshot.UNKNOWN;
        long size = Files.size(path);
        sum += isStdin ? Math.max(0, size - stdinPosition) : size;
      } catch (IOException | RuntimeException unknown) {
        return Snapshot.UNKNOWN;
      }
    }
    return sum;
  }

  /**
   * Where the descriptor {@code fdinfo} shows ({@code /proc/self/fdinfo/0}) stands, by its {@code
   * pos:} line; 0 if that can't be read.
   */
  static long position(Path fdinfo) {
    try {
      return OwnDescriptors.infoField(fdinfo, "pos").map(Long::parseLong).orElse(0L);
    } catch (IOException | RuntimeException unknown) {
      return 0; // counted from the start
    }
  }

  /** Starts redrawing the line on a terminal, a few times a second. */
  void start() {
    if (!display.isLive()) return;
    redraws = new Thread(this::redraw, "reader progress");
    redraws.setDaemon(true);
    redraws.start();
  }

  private void redraw() {
    try {
      while (!Thread.currentThread().isInterrupted()) {
        display.show(snapshot());
        Thread.sleep(REDRAW_MILLIS);
      }
    } catch (InterruptedException ended) {
      // finish() draws the last line
    }
  }

  /** {@code in}, its bytes counted as they are read. Does not close {@code in} but when closed. */
  InputStream count(InputStream in) {
    return new FilterInputStream(in) {
      @Override
      public int read() throws IOException {
        int b = super.read();
        if (b >= 0) read++;
        return b;
      }

      @Override
      public int read(byte[] bytes, int offset, int length) throws IOException {
        int n = super.read(bytes, offset, length);
        if (n > 0) read += n; // one thread writes; the redraws only read
        return n;
      }

      @Override
      public long skip(long n) throws IOException {
        long skipped = super.skip(n);
        read += skipped;
        return skipped;
      }
    };
  }

  /** The run is over, well or not: the last line, or the summary line. */
  void finish() {
    if (redraws != null) redraws.interrupt();
    display.finish(snapshot());
  }

  synchronized Snapshot snapshot() {
    long now = clock.getAsLong();
    long bytes = read;
    return Snapshot.of("reader", Unit.BYTES, bytes, now - start, rate.rate(now, bytes)).total(total);
  }
}
