package dev.recpipe.fanout;

import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.ToLongFunction;
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
 *
 * <p>The queue is bounded in bytes too, each item weighed as it goes in: a count alone let N + 4
 * batches of records of several MiB wait here, a few hundred MB with eight workers, past fanout's
 * heap. An item goes into an empty queue whatever its weight, so none is ever too heavy to pass.
 */
final class Handoff {
  private final ArrayBlockingQueue<Object> queue;
  /** The size at or below which a waiting producer is woken. */
  private final int low;
  private final Runnable wakeConsumer;
  /** The bytes the items may weigh together, unless there is only one. */
  private final long byteCapacity;
  private final ToLongFunction<Object> weigher;
  /** What the items in the queue weigh together. */
  private final AtomicLong bytes = new AtomicLong();
  /** Whether the consumer sleeps and no item has woken it yet. */
  private final AtomicBoolean consumerSleeps = new AtomicBoolean();
  /** The producer, while it waits for room; null else. */
  private volatile Thread waitingProducer;

  /** Holds {@code capacity} items (2 or more); {@code wakeConsumer} wakes the consumer (the selector's {@code wakeup}). */
  Handoff(int capacity, Runnable wakeConsumer) {
    this(capacity, Long.MAX_VALUE, item -> 0, wakeConsumer);
  }

  /**
   * Holds {@code capacity} items (2 or more) that weigh at most {@code byteCapacity} together, as
   * {@code weigher} weighs each, but for a single item, which may weigh more.
   */
  Handoff(int capacity, long byteCapacity, ToLongFunction<Object> weigher, Runnable wakeConsumer) {
    if (capacity < 2) throw new IllegalArgumentException("capacity < 2: " + capacity);
    if (byteCapacity < 1) throw new IllegalArgumentException("byteCapacity < 1: " + byteCapacity);
    this.queue = new ArrayBlockingQueue<>(capacity);
    this.low = capacity / 2;
    this.byteCapacity = byteCapacity;
    this.weigher = weigher;
    this.wakeConsumer = wakeConsumer;
  }

  /**
   * Producer: queues {@code item}, waiting while the queue is full, and wakes the consumer if it
   * sleeps (the first item only: the wake-up is a system call).
   */
  void put(Object item) throws InterruptedException {
    long weight = weigher.applyAsLong(item);
    while (isFull(weight)) awaitRoom(weight);
    bytes.addAndGet(weight);
    queue.add(item); // there is room: only this thread adds
    if (consumerSleeps.get() && consumerSleeps.getAndSet(false)) wakeConsumer.run();
  }

  /**
   * Parks until the consumer has taken the queue down to half, in items and in bytes. The producer says it waits before it
   * looks at the queue once more, and the consumer looks for it after taking an item: so either the
   * producer sees the room, or the consumer sees the producer (each side's accesses are ordered: a
   * volatile and the queue's lock).
   */
  private void awaitRoom(long weight) throws InterruptedException {
    waitingProducer = Thread.currentThread();
    if (isFull(weight)) LockSupport.park(this);
    waitingProducer = null;
    if (Thread.interrupted()) throw new InterruptedException();
  }

  /** Whether an item of {@code weight} must wait: no room left, or too heavy for what is queued. */
  private boolean isFull(long weight) {
    if (queue.remainingCapacity() == 0) return true;
    long queued = bytes.get();
    return queued > 0 && queued + weight > byteCapacity;
  }

  /** Consumer: the next item, or null if none; wakes a producer that waits, once the queue is down to half (items and bytes). */
  Object poll() {
    Object item = queue.poll();
    if (item == null) return null;
    long queued = bytes.addAndGet(-weigher.applyAsLong(item));
    Thread producer = waitingProducer;
    if (producer != null && queue.size() <= low && queued <= byteCapacity / 2) {
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
