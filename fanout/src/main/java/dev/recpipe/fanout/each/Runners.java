package dev.recpipe.fanout.each;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;

/**
 * The N threads of {@code fanout --each}, each running one record's process at a time, from its
 * start to its end, then taking the next record waiting: so at most N run, and a record starts as
 * soon as a thread is free, on the thread that saw the last one end.
 *
 * <p>Why threads of its own rather than {@link Process#onExit()}: that future completes on a thread
 * of the common pool, and where the JVM sees two cores or fewer (the common pool's parallelism is
 * then 1) {@link java.util.concurrent.CompletableFuture} starts a new thread for every such task, so
 * each record cost a thread's start and end, and two hand-overs (reaper, new thread, then the loop
 * that started the next process, one process at a time) between one process's end and the next's
 * start. Here {@link Process#waitFor()} wakes the thread that then starts the next record, and N
 * threads start processes side by side. A record's outcome is said once the next record has started.
 *
 * @param <T> a record waiting to run
 */
final class Runners<T> implements AutoCloseable {
  /** What a thread does with a record: runs it to its end. */
  @FunctionalInterface
  interface Work<T> {
    /**
     * Runs {@code item} to its end. Calls {@code before} once, as soon as the item's process has
     * started (or failed to), and returns what says the item's outcome, which the thread calls in
     * turn once the next item's process has started, or when no item is waiting.
     */
    Runnable run(T item, Runnable before) throws InterruptedException;
  }

  /** An outcome said already, or nothing to say. */
  static final Runnable NOTHING = () -> {};

  private final BlockingQueue<T> waiting = new LinkedBlockingQueue<>();
  private final List<Thread> threads = new ArrayList<>();

  /**
   * Starts {@code count} daemon threads (one blocked on a process must not keep the JVM alive), each
   * doing {@code first} once, then {@code work} for each record.
   */
  Runners(int count, Runnable first, Work<T> work) {
    if (count < 1) throw new IllegalArgumentException("count < 1: " + count);
    for (int i = 1; i <= count; i++) {
      Thread thread = new Thread(() -> {
        runFirst(first);
        take(work);
      }, "fanout-each-" + i);
      thread.setDaemon(true);
      threads.add(thread);
      thread.start();
    }
  }

  /** {@code first} is a head start: should it fail, the thread still runs records, whose work meets the failure where it is said. */
  private static void runFirst(Runnable first) {
    try {
      first.run();
    } catch (RuntimeException e) {
      // see above
    }
  }

  /** Queues {@code item}, to run when a thread is free. */
  void add(T item) {
    waiting.add(item);
  }

  /**
   * Runs records as they come. A record's outcome is said after the start of the next one's
   * process, if one is waiting: saying it wakes the thread that writes it out, which on two cores
   * would often run in the place of this one, between one process's end and the next's start.
   */
  private void take(Work<T> work) {
    Runnable outcome = NOTHING;
    try {
      while (true) {
        T item = waiting.poll();
        if (item == null) {
          outcome.run();
          outcome = NOTHING;
          item = waiting.take();
        }
        outcome = work.run(item, outcome);
      }
    } catch (InterruptedException stopped) {
      // closed: the run is over
    }
  }

  /** Stops the threads: each stops waiting for its process or for a record; none is started after. */
  @Override
  public void close() {
    threads.forEach(Thread::interrupt);
  }
}
