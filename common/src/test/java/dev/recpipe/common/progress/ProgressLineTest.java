package dev.recpipe.common.progress;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Golden lines of {@link ProgressLine}: each case, at the widths people's terminals have. */
class ProgressLineTest {
  private static final long SECOND = 1_000_000_000L;

  /** reader: 31.1 of 69.1 MB after 2.5 s, lately 12.3 MB/s. */
  private static final Snapshot READER = Snapshot.of("reader", Unit.BYTES, 31_100_000, 2_500_000_000L, 12.3e6)
      .total(69_100_000);

  /** fanout with --total: 4.5M of 10M out, 4.6M in, 25 s, lately 180k/s, two workers. */
  private static final Snapshot FANOUT = Snapshot.of("fanout", Unit.RECORDS, 4_500_000, 25 * SECOND, 180_000)
      .total(10_000_000).received(4_600_000).shares(2_300_000, 2_200_000);

  @Test
  void readerAt200And80And40Columns() {
    assertEquals("reader 45% |██████████████████                      | 31.1 MB/69.1 MB 12.3 MB/s 0:02<0:04",
        ProgressLine.render(READER, 200, true));
    assertEquals("reader 45% |█████████████▉                 | 31.1 MB/69.1 MB 12.3 MB/s 0:02<0:04",
        ProgressLine.render(READER, 80, true));
    assertEquals("45% 31.1 MB/69.1 MB 12.3 MB/s 0:02<0:04", ProgressLine.render(READER, 40, true));
  }

  @Test
  void fanoutAt200And80And40Columns() {
    assertEquals("fanout 45% |██████████████████                      | in 4.6M out 4.5M/10.0M 180k/s 0:25<0:31"
        + " answered 51% 49%", ProgressLine.render(FANOUT, 200, true));
    assertEquals("fanout 45% |████▌     | in 4.6M out 4.5M/10.0M 180k/s 0:25<0:31 answered 51% 49%",
        ProgressLine.render(FANOUT, 80, true));
    assertEquals("45% out 4.5M/10.0M 180k/s 0:25<0:31", ProgressLine.render(FANOUT, 40, true));
  }

  @Test
  void narrowingDropsInFirstThenTheSharesTheBarAndTheLabel() {
    List<String> lines = List.of(
        "fanout 45% |████▌     | in 4.6M out 4.5M/10.0M 180k/s 0:25<0:31 answered 51% 49%",
        "fanout 45% |████▌     | out 4.5M/10.0M 180k/s 0:25<0:31 answered 51% 49%",
        "fanout 45% |████▌     | out 4.5M/10.0M 180k/s 0:25<0:31",
        "fanout 45% out 4.5M/10.0M 180k/s 0:25<0:31",
        "45% out 4.5M/10.0M 180k/s 0:25<0:31",
        "45% out 4.5M/10.0M 0:25<0:31",
        "45% out 4.5M/10.0M",
        "45%",
        "4");
    for (String line : lines) assertEquals(line, ProgressLine.render(FANOUT, line.length(), true));
    // one column short of the full line: the bar grows into the room of what was dropped
    assertEquals("fanout 45% |███████▋         | out 4.5M/10.0M 180k/s 0:25<0:31 answered 51% 49%",
        ProgressLine.render(FANOUT, lines.get(0).length() - 1, true));
    assertEquals("", ProgressLine.render(FANOUT, 0, true));
  }

  @Test
  void unknownTotalShowsCountRateAndElapsedOnly() {
    Snapshot snapshot = Snapshot.of("reader", Unit.BYTES, 31_100_000, 125 * SECOND, 12.3e6);
    assertEquals("reader 31.1 MB 12.3 MB/s 2:05", ProgressLine.render(snapshot, 80, true));
    Snapshot fanout = Snapshot.of("fanout", Unit.RECORDS, 1_900_000, 3700 * SECOND, 12_345).received(1_950_000)
        .shares(950_000, 950_000);
    assertEquals("fanout in 2.0M out 1.9M 12.3k/s 1:01:40 answered 50% 50%", ProgressLine.render(fanout, 80, true));
  }

  @Test
  void zeroElapsedAndZeroDoneHaveNoRateAndNoEstimate() {
    Snapshot start = Snapshot.of("fanout", Unit.RECORDS, 0, 0, Double.NaN).total(1000).received(0).shares(0, 0);
    assertEquals("fanout 0% |                                        | in 0 out 0/1.0k 0/s 0:00<?",
        ProgressLine.render(start, 80, true));
    assertEquals("fanout: 0 records in, 0 out of 1000, 0.0s, 0 records/s; answered per worker: 0 0",
        ProgressLine.summary(start));
  }

  @Test
  void rateZeroMidRunHasNoEstimate() {
    Snapshot stalled = Snapshot.of("reader", Unit.BYTES, 500, 7 * SECOND, 0).total(1000);
    assertEquals("reader 50% |████████████████████                    | 500 B/1.0 kB 0 B/s 0:07<?",
        ProgressLine.render(stalled, 80, true));
  }

  @Test
  void moreDoneThanTheTotalSaidShowsOverAFullBarAndNoEstimate() {
    Snapshot over = Snapshot.of("fanout", Unit.RECORDS, 12_000, 4 * SECOND, 3000).total(10_000);
    assertEquals("fanout >100% |███████████████████████████████████████| 12.0k/10.0k 3.0k/s 0:04<?",
        ProgressLine.render(over, 80, true));
    assertEquals("fanout: 12000 records of 10000, 4.0s, 3.0k records/s", ProgressLine.summary(over));
  }

  @Test
  void doneAtTheTotalIsAFullBarAnd100Percent() {
    Snapshot done = Snapshot.of("reader", Unit.BYTES, 69_100_000, 5 * SECOND, 0).total(69_100_000);
    assertEquals("reader 100% |██████████████████████████████████| 69.1 MB/69.1 MB 0 B/s 0:05<0:00",
        ProgressLine.render(done, 80, true));
    Snapshot empty = Snapshot.of("reader", Unit.BYTES, 0, 0, 0).total(0);
    assertEquals("reader 100% |███████████████| 0 B/0 B 0 B/s 0:00<0:00", ProgressLine.render(empty, 53, true));
    assertEquals("reader 100% 0 B/0 B 0 B/s 0:00<0:00", ProgressLine.render(empty, 40, true));
  }

  @Test
  void oneShortOfTheTotalIsNever100Percent() {
    long max = Long.MAX_VALUE;
    Snapshot almost = Snapshot.of("reader", Unit.BYTES, max - 1, 3 * SECOND, 1).total(max);
    assertEquals("reader 99% |████████████████████████████▉| 9.2 EB/9.2 EB 1 B/s 0:03<0:01",
        ProgressLine.render(almost, 72, true));
  }

  @Test
  void hugeNumbersStayShort() {
    long max = Long.MAX_VALUE;
    Snapshot huge = Snapshot.of("fanout", Unit.RECORDS, max / 2, max, 1e18).total(max).received(max)
        .shares(max, max);
    assertEquals("fanout 49% |████████████████████                    | in 9.2E out 4.6E/9.2E 1.0E/s"
        + " 106751d23h<0:05 answered 50% 50%", ProgressLine.render(huge, 200, true));
    Snapshot slow = Snapshot.of("fanout", Unit.RECORDS, 1, SECOND, 1e-9).total(max);
    assertEquals("fanout 0% |                         | 1/9.2E 0.0/s 0:01<>99d", ProgressLine.render(slow, 60, true));
    assertEquals("fanout: " + max + " records in, " + (max / 2) + " out of " + max
        + ", 9223372036.9s, 500M records/s; answered per worker: " + max + " " + max, ProgressLine.summary(huge));
  }

  @Test
  void asciiBarWithoutUnicode() {
    assertEquals("reader 45% |#############                  | 31.1 MB/69.1 MB 12.3 MB/s 0:02<0:04",
        ProgressLine.render(READER, 80, false));
  }

  @Test
  void summariesKeepExactCounts() {
    Snapshot fanout = Snapshot.of("fanout", Unit.RECORDS, 20_000, 1_300_000_000L, 99).received(20_000)
        .shares(10_000, 10_000);
    assertEquals("fanout: 20000 records in, 20000 out, 1.3s, 15.4k records/s; answered per worker: 10000 10000",
        ProgressLine.summary(fanout));
    assertEquals("reader: 31100000 bytes of 69100000, 2.5s, 12.4 MB/s", ProgressLine.summary(READER));
  }

  @Test
  void neverWiderThanTheWidth() {
    long max = Long.MAX_VALUE;
    List<Snapshot> snapshots = List.of(READER, FANOUT,
        Snapshot.of("fanout", Unit.RECORDS, max, max, 1e300).total(1).received(max).shares(1, 2, 3, 4, 5, 6, 7, 8),
        Snapshot.of("reader", Unit.BYTES, 0, 0, 0));
    for (Snapshot snapshot : snapshots) {
      for (int width = 0; width <= 250; width++) {
        for (boolean unicode : new boolean[] {true, false}) {
          String line = ProgressLine.render(snapshot, width, unicode);
          assertTrue(line.length() <= width, width + ": " + line);
          assertTrue(width < 4 || !line.isEmpty(), width + ": empty");
        }
      }
    }
  }
}
