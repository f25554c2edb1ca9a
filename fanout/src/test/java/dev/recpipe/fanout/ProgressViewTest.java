package dev.recpipe.fanout;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.recpipe.common.progress.ProgressDisplay;
import dev.recpipe.common.progress.Snapshot;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** fanout's progress from scripted counts and a scripted clock: what it draws, when, and the summary. */
class ProgressViewTest {
  private static final long SECOND = 1_000_000_000L;

  private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
  private final PrintStream err = new PrintStream(bytes, true, StandardCharsets.UTF_8);
  private final Script counts = new Script(2);
  private long now = 5 * SECOND;

  /** Counts set by the test, as the loop would keep them. */
  private static final class Script implements LaneCounts {
    final long[] dealt;
    final long[] answered;
    long out;

    Script(int lanes) {
      dealt = new long[lanes];
      answered = new long[lanes];
    }

    void step(long dealtEach, long answered0, long answered1, long written) {
      dealt[0] = dealt[1] = dealtEach;
      answered[0] = answered0;
      answered[1] = answered1;
      out = written;
    }

    @Override
    public int lanes() {
      return dealt.length;
    }

    @Override
    public long dealt(int lane) {
      return dealt[lane];
    }

    @Override
    public long answered(int lane) {
      return answered[lane];
    }

    @Override
    public long recordsIn() {
      return dealt[0] + dealt[1];
    }

    @Override
    public long recordsOut() {
      return out;
    }
  }

  private String written() {
    return bytes.toString(StandardCharsets.UTF_8);
  }

  @Test
  void onATerminalTheAnsweredSharesNotTheDealtOnesAndTheRateOfTheLastSeconds() {
    ProgressView view = new ProgressView(counts, 1_000_000, ProgressDisplay.terminal(err, 101, true), () -> now);
    view.tick(); // at the start: drawn at once
    counts.step(100_000, 60_000, 30_000, 90_000); // worker 2 answers half as many as worker 1
    now += SECOND / 10;
    view.tick(); // too soon: not drawn
    now += SECOND;
    view.tick();
    counts.step(200_000, 120_000, 60_000, 180_000);
    now += 9 * SECOND; // 10k a second over the last 9 s, not the 17.8k average since the start
    view.tick();
    assertEquals("\rfanout 0% |                                        | in 0 out 0/1.0M 0/s 0:00<?\033[K"
        + "\rfanout 9% |██▋                           | in 200k out 90.0k/1.0M 81.8k/s 0:01<0:12 answered 67% 33%\033[K"
        + "\rfanout 18% |█████▍                        | in 400k out 180k/1.0M 10.0k/s 0:10<1:22 answered 67% 33%\033[K",
        written());
  }

  @Test
  void elsewhereOneSummaryLineWithTheAnsweredCounts() {
    ProgressView view = new ProgressView(counts, Snapshot.UNKNOWN, ProgressDisplay.log(err), () -> now);
    view.tick();
    counts.step(10_000, 10_000, 9_000, 19_000);
    now += 2 * SECOND;
    view.tick();
    view.finish();
    assertEquals("fanout: 20000 records in, 19000 out, 2.0s, 9.5k records/s; answered per worker: 10000 9000\n", written());
  }
}
