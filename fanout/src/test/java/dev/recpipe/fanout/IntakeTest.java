package dev.recpipe.fanout;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.recpipe.common.RecordWriter;
import dev.recpipe.fanout.deal.BatchSize;
import dev.recpipe.fanout.deal.Dealer;
import dev.recpipe.fanout.deal.Dealt;
import dev.recpipe.fanout.deal.Dispatch;
import dev.recpipe.fanout.deal.Outlet;
import dev.recpipe.fanout.testing.MemoryPipe;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * How the stdin thread hands its batches to the loop: a loop that is awake takes them when it looks,
 * one that sleeps for them is woken, and one whose batch waits for room in a pipe is not.
 */
class IntakeTest {
  @Test
  void batchesThatComeWhileTheLoopIsAwakeDoNotWakeIt() throws Exception {
    AtomicInteger wakes = new AtomicInteger();
    MemoryPipe pipe = new MemoryPipe(1 << 20, 1 << 20);
    Intake intake = startAndWait(records(4), pipe, wakes::incrementAndGet);
    assertEquals(0, wakes.get(), "4 batches of 1 record and the end, queued while the loop did not sleep");
    intake.sleep(() -> fail("batches are there: no sleep"));
    intake.deal();
    assertTrue(intake.isDone());
    assertTrue(pipe.isWriterClosed(), "the end of input was dealt too");
    assertEquals(4, pipe.size() / recordBytes(), "every record dealt");
  }

  @Test
  void aLoopThatSleepsForABatchIsWokenByIt() throws Exception {
    // the stdin thread and the loop race: the batches may all be queued before the loop first looks,
    // come one by one while it sleeps, or anything between; 200 rounds of each input walk many orders
    for (int round = 0; round < 200; round++) {
      for (byte[] input : new byte[][] {records(3), new byte[0]}) {
        Wakeup wakeup = new Wakeup();
        MemoryPipe pipe = new MemoryPipe(1 << 20, 1 << 20);
        Intake intake = start(input, pipe, wakeup::wake);
        // the switchboard's loop: deal, and sleep only while there is more to come
        for (intake.deal(); !intake.isDone(); intake.deal()) intake.sleep(wakeup::sleep);
        assertEquals(input.length, pipe.size(), "round " + round);
      }
    }
  }

  @Test
  void aLoopWhoseBatchWaitsForRoomInAPipeSleepsWithoutBeingWokenByStdin() throws Exception {
    AtomicInteger wakes = new AtomicInteger();
    MemoryPipe pipe = new MemoryPipe(2, 2); // takes 2 bytes of the first 5-byte batch
    Intake intake = startAndWait(records(4), pipe, wakes::incrementAndGet);
    intake.deal();
    AtomicInteger slept = new AtomicInteger();
    intake.sleep(slept::incrementAndGet);
    assertEquals(1, slept.get(), "the next batch is queued, but could not be dealt now: the loop sleeps");
    assertEquals(0, wakes.get());
  }

  /** An intake of {@code input}, one record a batch, dealt to one outlet writing {@code pipe}, once its stdin thread has queued everything. */
  private static Intake startAndWait(byte[] input, MemoryPipe pipe, Runnable wake) throws InterruptedException {
    Set<Thread> before = stdinThreads();
    Intake intake = start(input, pipe, wake);
    Set<Thread> started = stdinThreads();
    started.removeAll(before); // empty if it has ended already
    for (Thread reader : started) {
      reader.join(30_000);
      assertFalse(reader.isAlive(), "the stdin thread queued everything and ended");
    }
    return intake;
  }

  /** An intake of {@code input}, one record a batch, dealt to one outlet writing {@code pipe}. */
  private static Intake start(byte[] input, MemoryPipe pipe, Runnable wake) {
    Dealt dealt = new Dealt(false);
    Outlet outlet = new Outlet("worker 1", pipe.writer(), dealt.share(), false, BatchSize.fixed(1));
    Dealer dealer = new Dealer(List.of(outlet), Dispatch.ROUND_ROBIN, dealt);
    return new Intake(new ByteArrayInputStream(input), 1, true, dealer, 1, wake, false);
  }

  /**
   * The selector's wake-up as the loop sees it: one that comes before the loop sleeps ends its next
   * sleep at once, and several before a sleep count as one.
   */
  private static final class Wakeup {
    private boolean woken;

    synchronized void wake() {
      woken = true;
      notifyAll();
    }

    synchronized void sleep() throws InterruptedIOException {
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
      try {
        while (!woken) {
          long left = deadline - System.nanoTime();
          if (left <= 0) fail("the loop slept for a batch, and no batch woke it");
          TimeUnit.NANOSECONDS.timedWait(this, left);
        }
      } catch (InterruptedException e) {
        throw new InterruptedIOException();
      }
      woken = false;
    }
  }

  private static Set<Thread> stdinThreads() {
    Set<Thread> threads = new HashSet<>();
    for (Thread thread : Thread.getAllStackTraces().keySet()) {
      if (thread.getName().equals("fanout-stdin")) threads.add(thread);
    }
    return threads;
  }

  private static byte[] records(int count) throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    RecordWriter writer = new RecordWriter(bytes);
    for (int seq = 0; seq < count; seq++) writer.writeInteger(seq, 1000 + seq);
    writer.flush();
    return bytes.toByteArray();
  }

  /** Each record of {@link #records}: 0x82, a one-byte seq, a three-byte integer. */
  private static int recordBytes() {
    return 1 + 1 + 3;
  }
}
