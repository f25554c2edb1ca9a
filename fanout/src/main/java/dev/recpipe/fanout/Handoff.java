package dev.recpipe.fanout;

import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.LockSupport;

/**
 * A bounded queue from one producer thread (stdin's) to one consumer (the switchboard's loop) that
 * wakes each side only when it has to: the consumer when it sleeps ({@link #sleep}) and an item
 * comes, the producer, once it waits on a full queue, when the consumer has taken the queue down to
 * half.
 *
 * <p>Why not a plain {@code ArrayBlockingQueue}'s {@code put} and a wake-up per item: a fanout
 * whose workers keep up is a relay in which each side waits on the other, and each wake-up costs
 * the waker a system call (a write to the selector's pipe, a futex) and the woken a context switch.
 * With a wake-up per batch both ways, the selector's wake-ups were a sixth of the stdin thread's CPU
 * on {@code fanout -n 2 summer}, and the unparks 8% of the loop's on {@code fanout -n 2 cat}
 * (bench/results/fanout-path.md). Woken at half, the producer refills half the queue each time.
 */
final class Handoff {
  private final ArrayBlockingQueue<Object> queue;
  /** The size at or below which a waiting producer is woken. */
  private final int low;
  private final Runnable wakeConsumer;
  /** Whether the consumer sleeps and no item has woken it yet. */
  private final AtomicBoolean consumerSleeps = new AtomicBoolean();
  /** The producer, while it waits for room; null else. */
  private volatile Thread waitingProducer;

  /** Holds {@code capacity} items (2 or more); {@code wakeConsumer} wakes the consumer (the selector's {@code wakeup}). */
  Handoff(int capacity, Runnable wakeConsumer) {
    if (capacity < 2) throw new IllegalArgumentException("capacity < 2: " + capacity);
    this.queue = new ArrayBlockingQueue<>(capacity);
    this.low = capacity / 2;
    this.wakeConsumer = wakeConsumer;
  }

  /**
   * Producer: queues {@code item}, waiting while the queue is full, and wakes the consumer if it
   * sleeps (the first item only: the wake-up is a system call).
   */
  void put(Object item) throws InterruptedException {
    while (!queue.offer(item)) awaitRoom();
    if (consumerSleeps.get() && consumerSleeps.getAndSet(false)) wakeConsumer.run();
  }

  /**
   * Parks until the consumer has taken the queue down to half. The producer says it waits before it
   * looks at the queue once more, and the consumer looks for it after taking an item: so either the
   * producer sees the room, or the consumer sees the producer (each side's accesses are ordered: a
   * volatile and the queue's lock).
   */
  private void awaitRoom() throws InterruptedException {
    waitingProducer = Thread.currentThread();
    if (queue.remainingCapacity() == 0) LockSupport.park(this);
    waitingProducer = null;
    if (Thread.interrupted()) throw new InterruptedException();
  }

  /** Consumer: the next item, or null if none; wakes a producer that waits, once the queue is down to half. */
  Object poll() {
    Object item = queue.poll();
    if (item == null) return null;
    Thread producer = waitingProducer;
    if (producer != null && queue.size() <= low) {
      waitingProducer = null;
      LockSupport.unpark(producer);
    }
    return item;
  }

  /**
   * Consumer: runs {@code sleep}, a wait that the wake-up given to the constructor ends, unless an
   * item is there already; an item put meanwhile ends it. It says it sleeps before it looks at the
   * queue, and the producer looks for that after its put: so either it sees the item, or the
   * producer sees it sleep, and no wake-up is lost.
   */
  <E extends Exception> void sleep(Sleep<E> sleep) throws E {
    consumerSleeps.set(true);
    try {
      if (queue.isEmpty()) sleep.sleep();
    } finally {
      consumerSleeps.set(false);
    }
  }

  /** A wait of the consumer's (the selector's {@code select}). */
  @FunctionalInterface
  interface Sleep<E extends Exception> {
    void sleep() throws E;
  }

  /** Whether the consumer sleeps, not woken yet. */
  boolean consumerSleeps() {
    return consumerSleeps.get();
  }

  /** Whether the producer waits for room, not woken yet. */
  boolean producerWaits() {
    return waitingProducer != null;
  }
}
