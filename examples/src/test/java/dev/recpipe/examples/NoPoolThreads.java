package dev.recpipe.examples;

import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.ForkJoinWorkerThread;

/**
 * A thread factory for the JDK's common pool that never gives a thread: the pool then runs none of
 * its tasks, as where no thread can be had at all (out of threads: {@code ulimit -u}, a container's
 * pid limit, {@code ulimit -v}). FaultsIT loads it into fanout through RECPIPE_JAVA_OPTS
 * ({@code -Djava.util.concurrent.ForkJoinPool.common.threadFactory}).
 */
public final class NoPoolThreads implements ForkJoinPool.ForkJoinWorkerThreadFactory {
  @Override
  public ForkJoinWorkerThread newThread(ForkJoinPool pool) {
    return null;
  }
}
