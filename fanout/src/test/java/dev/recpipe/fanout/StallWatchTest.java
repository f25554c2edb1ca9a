package dev.recpipe.fanout;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** How --stall-timeout's message says the timeout: as the user writes seconds, never in E notation. */
class StallWatchTest {
  /** "stalled: ... wrote nothing for 1.0E-6 s" was what --stall-timeout 0.000001 said. */
  @ParameterizedTest
  @CsvSource({"10000000000, 10 s", "2500000000, 2.5 s", "1000, 0.000001 s", "100, 0.0000001 s",
      "1000000000000000, 1000000 s"})
  void theTimeoutIsSaidInPlainSeconds(long nanos, String said) {
    assertEquals(said, new StallWatch(Duration.ofNanos(nanos), List.of()).describe());
  }
}
