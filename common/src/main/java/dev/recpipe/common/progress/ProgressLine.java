package dev.recpipe.common.progress;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Formats a {@link Snapshot} as one line, the way {@code tqdm} and {@code pv} do, so people read it
 * at a glance:
 *
 * <pre>
 * reader  45% |█████████▏          | 31.1 MB/69.1 MB 12.3 MB/s 0:02&lt;0:03
 * fanout 45% |████▌     | in 4.6M out 4.5M/10.0M 180k/s 0:25&lt;0:30 answered 50% 50%
 * </pre>
 *
 * <p>The live line ({@link #render}) fits a terminal's width: when it is narrow, parts are dropped
 * in the order of least use (the received count, which differs from the count done only by what is
 * on its way, then the per-part shares, the bar, the label, the rate, the times, the count), and the line is never wider than the width. Percent, bar and estimate of the end
 * ({@code elapsed<remaining}, {@code ?} while the rate is 0) need the total; without it the line
 * shows the count, rate and time. The end-of-run line for logs ({@link #summary}) keeps exact
 * counts, which a log is read for later.
 *
 * <p>Pure: the same snapshot and width give the same line, so every case is a golden line in a test.
 */
public final class ProgressLine {
  /** The bar's narrowest inside, in cells: narrower, it says too little to be worth the room. */
  static final int MIN_BAR = 10;
  /** The bar's widest inside: wider, it only makes the line harder to take in. */
  static final int MAX_BAR = 40;
  /** Past this, an estimate of the end says only "not soon": {@code >99d}. */
  private static final long MAX_ESTIMATE_SECONDS = 100L * 24 * 3600 - 1;
  private static final char[] EIGHTHS = {' ', '▏', '▎', '▍', '▌', '▋', '▊', '▉'};
  private static final char FULL = '█';
  private static final char ASCII_FULL = '#';
  private static final BigInteger HUNDRED = BigInteger.valueOf(100);

  private ProgressLine() {}

  /**
   * The live line of {@code snapshot} in at most {@code width} columns; the bar in Unicode blocks
   * with {@code unicode} (a UTF-8 terminal), else in {@code #}.
   */
  public static String render(Snapshot snapshot, int width, boolean unicode) {
    List<Part> parts = parts(snapshot);
    while (parts.size() > 1 && need(parts) > width) parts.remove(leastKept(parts));
    int barCells = Math.min(MAX_BAR, MIN_BAR + width - need(parts));
    StringBuilder line = new StringBuilder();
    for (Part part : parts) {
      if (line.length() > 0) line.append(' ');
      line.append(part.isBar() ? bar(snapshot, barCells, unicode) : part.text());
    }
    return line.length() > width ? line.substring(0, Math.max(0, width)) : line.toString();
  }

  /**
   * The one line written at the end when stderr is no terminal:
   * {@code fanout: 20000 records in, 20000 out of 20000, 1.3s, 15.4k records/s; answered per worker: 10000 10000}.
   */
  public static String summary(Snapshot snapshot) {
    StringBuilder line = new StringBuilder(snapshot.label()).append(": ");
    String noun = snapshot.unit().noun();
    if (snapshot.received() != Snapshot.UNKNOWN) {
      line.append(snapshot.received()).append(' ').append(noun).append(" in, ").append(snapshot.done()).append(" out");
    } else {
      line.append(snapshot.done()).append(' ').append(noun);
    }
    if (snapshot.hasTotal()) line.append(" of ").append(snapshot.total());
    line.append(String.format(Locale.ROOT, ", %.1fs, ", snapshot.elapsedNanos() / 1e9));
    line.append(snapshot.unit().rateInWords(snapshot.averageRate()));
    long[] shares = snapshot.shares();
    if (shares.length > 0) {
      line.append("; answered per worker:");
      for (long share : shares) line.append(' ').append(share);
    }
    return line.toString();
  }

  /** The parts of the full line, in the order shown, each with its rank (the higher, the longer kept). */
  private static List<Part> parts(Snapshot snapshot) {
    Unit unit = snapshot.unit();
    List<Part> parts = new ArrayList<>();
    parts.add(new Part(snapshot.label(), 4));
    if (snapshot.hasTotal()) {
      parts.add(new Part(percent(snapshot), 8));
      parts.add(Part.BAR);
    }
    if (snapshot.received() != Snapshot.UNKNOWN) parts.add(new Part("in " + unit.human(snapshot.received()), 1));
    String out = snapshot.received() != Snapshot.UNKNOWN ? "out " : "";
    String total = snapshot.hasTotal() ? "/" + unit.human(snapshot.total()) : "";
    parts.add(new Part(out + unit.human(snapshot.done()) + total, 7));
    parts.add(new Part(unit.rate(snapshot.rate()), 5));
    String elapsed = Human.duration(snapshot.elapsedNanos() / 1_000_000_000L);
    parts.add(new Part(snapshot.hasTotal() ? elapsed + "<" + remaining(snapshot) : elapsed, 6));
    String shares = shares(snapshot.shares());
    if (!shares.isEmpty()) parts.add(new Part(shares, 2));
    return parts;
  }

  /** The columns {@code parts} take, the bar at its narrowest. */
  private static int need(List<Part> parts) {
    int columns = parts.size() - 1;
    for (Part part : parts) columns += part.isBar() ? MIN_BAR + 2 : part.text().length();
    return columns;
  }

  private static int leastKept(List<Part> parts) {
    int least = 0;
    for (int i = 1; i < parts.size(); i++) {
      if (parts.get(i).rank() < parts.get(least).rank()) least = i;
    }
    return least;
  }

  /** Whole percent, rounded down so 100% means done; {@code >100%} when the total was wrong. */
  static String percent(Snapshot snapshot) {
    if (snapshot.isOverTotal()) return ">100%";
    if (snapshot.total() == 0) return "100%";
    BigInteger times100 = BigInteger.valueOf(snapshot.done()).multiply(HUNDRED);
    return times100.divide(BigInteger.valueOf(snapshot.total())) + "%";
  }

  /** The time left at the current rate: {@code ?} with no rate, or when the total was wrong. */
  static String remaining(Snapshot snapshot) {
    long left = snapshot.total() - snapshot.done();
    if (left == 0) return Human.duration(0);
    if (left < 0 || snapshot.rate() == 0) return "?";
    double seconds = Math.ceil(left / snapshot.rate());
    return seconds > MAX_ESTIMATE_SECONDS ? ">99d" : Human.duration((long) seconds);
  }

  /** {@code cells} wide between bars, filled in eighths of a cell; full only once done. */
  static String bar(Snapshot snapshot, int cells, boolean unicode) {
    int resolution = unicode ? 8 : 1;
    long steps = (long) cells * resolution;
    long filled = snapshot.done() >= snapshot.total() ? steps
        : Math.min(steps - 1, (long) Math.floor((double) snapshot.done() / snapshot.total() * steps));
    StringBuilder bar = new StringBuilder(cells + 2).append('|');
    for (int cell = 0; cell < cells; cell++) {
      long inCell = Math.max(0, Math.min(resolution, filled - (long) cell * resolution));
      if (!unicode) bar.append(inCell == 1 ? ASCII_FULL : ' ');
      else bar.append(inCell == resolution ? FULL : EIGHTHS[(int) inCell]);
    }
    return bar.append('|').toString();
  }

  /** Each part's share of their sum, in whole percent: {@code answered 26% 24%}; empty if none. */
  static String shares(long[] shares) {
    double sum = 0;
    for (long share : shares) sum += share;
    if (sum == 0) return "";
    StringBuilder text = new StringBuilder("answered");
    for (long share : shares) text.append(' ').append(Math.round(share / sum * 100)).append('%');
    return text.toString();
  }

  /** A piece of the line and how long it is kept as the width shrinks; the bar has no text of its own. */
  private record Part(String text, int rank) {
    static final Part BAR = new Part(null, 3);

    boolean isBar() {
      return text == null;
    }
  }
}
