package dev.recpipe.fanout;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

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
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** How the stdin thread hands its batches to the loop: woken once for what queues up while it is busy. */
class IntakeTest {
  @Test
  void batchesThatQueueUpWhileTheLoopIsBusyWakeItOnceNotOncePerBatch() throws Exception {
    AtomicInteger wakes = new AtomicInteger();
    MemoryPipe pipe = new MemoryPipe(1 << 20, 1 << 20);
    Intake intake = startAndWait(records(4), pipe, wakes);
    // 4 batches of 1 record and the end, all queued (the queue holds 1 + 4) before the loop looked
    assertEquals(1, wakes.get(), "the first batch into the empty queue wakes the loop; the others find it awake");
    assertTrue(intake.hasWaiting());
    intake.deal();
    assertTrue(intake.isDone());
    assertTrue(pipe.isWriterClosed(), "the end of input was dealt too");
    assertEquals(4, pipe.size() / recordBytes(), "every record dealt");
  }

  @Test
  void theEndOfAnEmptyInputWakesTheLoopToo() throws Exception {
    AtomicInteger wakes = new AtomicInteger();
    MemoryPipe pipe = new MemoryPipe(1 << 20, 1 << 20);
    Intake intake = startAndWait(new byte[0], pipe, wakes);
    assertEquals(1, wakes.get());
    assertFalse(intake.isDone());
    intake.deal();
    assertTrue(intake.isDone());
  }

  /** An intake of {@code input}, one record a batch, dealt to one outlet writing {@code pipe}, once its stdin thread has queued everything. */
  private static Intake startAndWait(byte[] input, MemoryPipe pipe, AtomicInteger wakes) throws InterruptedException {
    Dealt dealt = new Dealt(false);
    Outlet outlet = new Outlet("worker 1", pipe.writer(), dealt.share(), false, BatchSize.fixed(1));
    Dealer dealer = new Dealer(List.of(outlet), Dispatch.ROUND_ROBIN, dealt);
    Set<Thread> before = stdinThreads();
    Intake intake = new Intake(new ByteArrayInputStream(input), 1, true, dealer, 1, wakes::incrementAndGet, false);
    Set<Thread> started = stdinThreads();
    started.removeAll(before); // empty if it has ended already
    for (Thread reader : started) {
      reader.join(30_000);
      assertFalse(reader.isAlive(), "the stdin thread queued everything and ended");
    }
    return intake;
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
