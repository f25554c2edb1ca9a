package dev.recpipe.fanout;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.nio.channels.Selector;
import java.time.Duration;
import java.util.Random;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.Test;

/**
 * The stdin thread's hand-off to the loop: each side woken only when it must be, and never a
 * wake-up lost, with a real selector's wake-up as the loop's, under random pauses on both sides.
 */
class HandoffTest {
  @Test
  void aConsumerThatIsAwakeIsNotWokenAndOneThatSleepsIsWokenByTheFirstItemOnly() throws Exception {
    AtomicInteger wakes = new AtomicInteger();
    CountDownLatch woken = new CountDownLatch(1);
    Handoff handoff = new Handoff(6, () -> {
      wakes.incrementAndGet();
      woken.countDown();
    });
    handoff.put(0);
    handoff.put(1);
    assertEquals(0, wakes.get(), "awake, the consumer takes them when it looks");
    assertEquals(0, handoff.poll());
    handoff.sleep(() -> fail("an item is there: no sleep"));
    assertEquals(1, handoff.poll());
    Thread producer = new Thread(() -> {
      try {
        awaitSleeping(handoff);
        for (int i = 2; i < 5; i++) handoff.put(i);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    });
    producer.start();
    handoff.sleep(() -> assertTrue(woken.await(30, TimeUnit.SECONDS), "the first item wakes the sleeping consumer"));
    producer.join(30_000);
    assertEquals(1, wakes.get(), "once");
    for (int i = 2; i < 5; i++) assertEquals(i, handoff.poll());
    assertNull(handoff.poll());
  }

  @Test
  void aProducerWaitingOnAFullQueueIsWokenOnceTheConsumerHasTakenItDownToHalf() throws Exception {
    Handoff handoff = new Handoff(6, () -> {});
    Thread producer = new Thread(() -> {
      try {
        for (int i = 0; i < 7; i++) handoff.put(i);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    });
    producer.start();
    awaitParkedOn(handoff, producer);
    assertEquals(0, handoff.poll());
    assertEquals(1, handoff.poll());
    assertTrue(handoff.producerWaits(), "4 left, above half of 6: the producer is not woken yet");
    assertEquals(2, handoff.poll());
    assertFalse(handoff.producerWaits(), "3 left, half: woken");
    producer.join(30_000);
    assertFalse(producer.isAlive(), "woken, the producer put its last item");
    for (int i = 3; i < 7; i++) assertEquals(i, handoff.poll());
    assertNull(handoff.poll());
  }

  /**
   * Items weighed as bytes (batches of big records): the producer waits while what is queued and
   * its item together weigh more than the capacity, is woken once the queue weighs half of it, and
   * an item heavier than the whole capacity still goes into an empty queue.
   */
  @Test
  void aProducerWaitsWhileTheQueuedItemsWeighTooMuchAndAHeavyItemGoesIntoAnEmptyQueue() throws Exception {
    Handoff handoff = new Handoff(100, 10, item -> (Integer) item, () -> {});
    Thread producer = new Thread(() -> {
      try {
        for (int item : new int[] {4, 4, 2, 25, 3}) handoff.put(item);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    });
    producer.start();
    awaitParkedOn(handoff, producer);
    assertEquals(4, handoff.poll());
    assertTrue(handoff.producerWaits(), "6 bytes left, above half of 10: not woken");
    assertEquals(4, handoff.poll());
    assertEquals(2, handoff.poll());
    assertEquals(25, await(handoff), "the queue empty, the item of 25 went in");
    assertEquals(3, await(handoff), "and once it was taken, the last");
    producer.join(30_000);
    assertFalse(producer.isAlive());
    assertNull(handoff.poll());
  }

  @Test
  void everyItemArrivesInOrderAndNoWakeUpIsLostWhateverTheTiming() {
    assertTimeoutPreemptively(Duration.ofSeconds(120), () -> {
      for (int capacity : new int[] {2, 3, 6, 12}) {
        for (long byteCapacity : new long[] {Long.MAX_VALUE, 7}) {
          try (Selector selector = Selector.open()) {
            relay(capacity, byteCapacity, selector, new Random(capacity));
          }
        }
      }
    }, "a lost wake-up leaves one side waiting for ever");
  }

  /**
   * 20,000 items through a handoff, the consumer sleeping in the selector as the switchboard's loop
   * does; each item weighs its value modulo 5, from 0 to 4 bytes, against {@code byteCapacity}.
   */
  private static void relay(int capacity, long byteCapacity, Selector selector, Random random) throws Exception {
    Handoff handoff = new Handoff(capacity, byteCapacity, item -> (Integer) item % 5, selector::wakeup);
    int items = 20_000;
    long seed = random.nextLong();
    Thread producer = new Thread(() -> {
      Random pauses = new Random(seed);
      try {
        for (int i = 0; i < items; i++) {
          pause(pauses);
          handoff.put(i);
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    });
    producer.start();
    for (int expected = 0; expected < items; ) {
      Object item = handoff.poll();
      if (item != null) {
        assertEquals(expected++, item);
        pause(random);
      } else if (selector.selectNow() == 0) {
        handoff.sleep(selector::select); // as Switchboard.loop does
      }
    }
    producer.join(30_000);
    assertNull(handoff.poll());
  }

  /** Now and then a short pause, so that either side is sometimes ahead. */
  private static void pause(Random random) {
    int draw = random.nextInt(100);
    if (draw < 2) {
      LockSupport.parkNanos(50_000);
    } else if (draw < 10) {
      Thread.onSpinWait();
    }
  }

  private static Object await(Handoff handoff) throws InterruptedException {
    Object item = handoff.poll();
    for (int i = 0; i < 30_000 && item == null; i++) {
      Thread.sleep(1);
      item = handoff.poll();
    }
    return item;
  }

  private static void awaitSleeping(Handoff handoff) throws InterruptedException {
    for (int i = 0; i < 30_000 && !handoff.consumerSleeps(); i++) Thread.sleep(1);
    assertTrue(handoff.consumerSleeps());
  }

  private static void awaitParkedOn(Object blocker, Thread thread) throws InterruptedException {
    for (int i = 0; i < 30_000 && LockSupport.getBlocker(thread) != blocker; i++) Thread.sleep(1);
    assertSame(blocker, LockSupport.getBlocker(thread), "the producer waits on the full queue");
  }
}
