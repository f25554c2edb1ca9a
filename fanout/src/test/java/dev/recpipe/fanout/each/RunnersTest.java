package dev.recpipe.fanout.each;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The threads of --each: the order of a record's start and the saying of the outcome before it. */
@Timeout(30)
class RunnersTest {
  /**
   * A record's outcome is said once the next record waiting has started, not between the two: saying
   * it wakes the thread that writes it, which would otherwise get in the way of the next start. With
   * no record waiting it is said at once.
   */
  @Test
  void anOutcomeIsSaidAfterTheNextWaitingRecordHasStartedAndAtOnceWhenNoneWaits() throws Exception {
    List<String> log = new CopyOnWriteArrayList<>();
    CountDownLatch queued = new CountDownLatch(1);
    CountDownLatch said = new CountDownLatch(3);
    Runners.Work<String> work = (item, before) -> {
      log.add("start " + item);
      before.run();
      return () -> {
        log.add("outcome " + item);
        said.countDown();
      };
    };
    Runnable first = () -> {
      try {
        queued.await();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    };
    try (Runners<String> runners = new Runners<>(1, first, work)) {
      runners.add("a");
      runners.add("b");
      queued.countDown();
      while (log.size() < 4) Thread.onSpinWait();
      runners.add("c");
      assertEquals(true, said.await(10, TimeUnit.SECONDS));
    }
    assertEquals(List.of("start a", "start b", "outcome a", "outcome b", "start c", "outcome c"), log);
  }

  /** The head start each thread takes (making an output file ahead) may fail: the thread runs records all the same. */
  @Test
  void aThreadWhoseHeadStartFailsStillRunsRecords() throws Exception {
    CountDownLatch ran = new CountDownLatch(2);
    Runnable failing = () -> {
      throw new IllegalStateException("no memory file");
    };
    try (Runners<String> runners = new Runners<>(2, failing, (item, before) -> {
      before.run();
      ran.countDown();
      return Runners.NOTHING;
    })) {
      runners.add("a");
      runners.add("b");
      assertEquals(true, ran.await(10, TimeUnit.SECONDS));
    }
  }
}
