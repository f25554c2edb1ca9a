package dev.recpipe.common.progress;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** The edges of {@link Human}'s rounding: where one more digit or the next prefix begins. */
class HumanTest {
  @Test
  void countsBelowAThousandAsTheyAre() {
    assertEquals("0", Unit.RECORDS.human(0));
    assertEquals("999", Unit.RECORDS.human(999));
    assertEquals("999 B", Unit.BYTES.human(999));
  }

  @Test
  void countsFromAThousandWithAPrefixAndAtMostThreeDigits() {
    assertEquals("1.0k", Unit.RECORDS.human(1000));
    assertEquals("1.9M", Unit.RECORDS.human(1_940_000));
    assertEquals("12.3k", Unit.RECORDS.human(12_345));
    assertEquals("99.9k", Unit.RECORDS.human(99_949));
    assertEquals("100k", Unit.RECORDS.human(99_950));
    assertEquals("999k", Unit.RECORDS.human(999_499));
    assertEquals("1.0M", Unit.RECORDS.human(999_500));
    assertEquals("69.1 MB", Unit.BYTES.human(69_100_000));
    assertEquals("9.2E", Unit.RECORDS.human(Long.MAX_VALUE));
    assertEquals("9.2 EB", Unit.BYTES.human(Long.MAX_VALUE));
  }

  @Test
  void ratesWithAFractionBelowTen() {
    assertEquals("0/s", Unit.RECORDS.rate(0));
    assertEquals("0.5/s", Unit.RECORDS.rate(0.5));
    assertEquals("9.9/s", Unit.RECORDS.rate(9.94));
    assertEquals("10/s", Unit.RECORDS.rate(9.96));
    assertEquals("180k/s", Unit.RECORDS.rate(180_000));
    assertEquals("12.3 MB/s", Unit.BYTES.rate(12.3e6));
    assertEquals("15.4k records/s", Unit.RECORDS.rateInWords(15_384));
    assertEquals("12.3 MB/s", Unit.BYTES.rateInWords(12.3e6));
  }

  @Test
  void durations() {
    assertEquals("0:00", Human.duration(0));
    assertEquals("0:59", Human.duration(59));
    assertEquals("59:59", Human.duration(3599));
    assertEquals("1:00:00", Human.duration(3600));
    assertEquals("23:59:59", Human.duration(86_399));
    assertEquals("1d00h", Human.duration(86_400));
  }
}
