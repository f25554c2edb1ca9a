package dev.recpipe.common.progress;

/**
 * What a progress count counts, which decides how its numbers read: records as {@code 1.9M}, bytes
 * as {@code 69.1 MB} (SI prefixes, powers of 1000, as {@code ls --si} and {@code pv} show them).
 */
public enum Unit {
  RECORDS("records", "", ""),
  BYTES("bytes", " ", "B");

  private final String noun;
  private final String space;
  private final String symbol;

  Unit(String noun, String space, String symbol) {
    this.noun = noun;
    this.space = space;
    this.symbol = symbol;
  }

  /** The plural noun of the summary line: {@code 20000 records}. */
  public String noun() {
    return noun;
  }

  /** {@code count} in at most three significant digits and a prefix: {@code 999}, {@code 1.9M}, {@code 69.1 MB}. */
  public String human(long count) {
    return Human.scaled(count, space, symbol);
  }

  /** A rate in the same way, per second: {@code 180k/s}, {@code 12.3 MB/s}, {@code 0.5/s}. */
  public String rate(double perSecond) {
    return Human.scaled(perSecond, space, symbol) + "/s";
  }

  /** A rate for a line without context: {@code 15.4k records/s}, {@code 12.3 MB/s}. */
  public String rateInWords(double perSecond) {
    return symbol.isEmpty() ? Human.scaled(perSecond, space, symbol) + " " + noun + "/s" : rate(perSecond);
  }
}
