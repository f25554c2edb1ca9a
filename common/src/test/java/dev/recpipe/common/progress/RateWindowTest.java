package dev.recpipe.common.progress;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class RateWindowTest {
  private static final long SECOND = 1_000_000_000L;

  @Test
  void firstSampleHasNoRate() {
    assertEquals(0, new RateWindow(Duration.ofSeconds(5)).rate(7 * SECOND, 100));
  }

  @Test
  void theRateOfTheLastSecondsNotTheAverageSinceTheStart() {
    RateWindow window = new RateWindow(Duration.ofSeconds(5));
    long count = 0;
    for (int second = 0; second <= 60; second++) { // a minute at 1000 a second
      assertEquals(second == 0 ? 0 : 1000, window.rate(second * SECOND, count), 1e-9);
      count += 1000;
    }
    count -= 1000;
    double rate = 0;
    for (int second = 61; second <= 70; second++) { // then 10 a second
      count += 10;
      rate = window.rate(second * SECOND, count);
    }
    assertEquals(10, rate, 1e-9); // the average since the start would be about 860
  }

  @Test
  void samplesAtTheSameInstantHaveNoRate() {
    RateWindow window = new RateWindow(Duration.ofSeconds(5));
    window.rate(SECOND, 0);
    assertEquals(0, window.rate(SECOND, 0));
  }
}
