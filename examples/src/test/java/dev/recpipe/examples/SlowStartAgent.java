package dev.recpipe.examples;

/**
 * A Java agent that holds its JVM for the milliseconds of its argument before main runs: a JVM whose
 * start is slow, as on a loaded machine, where six JVMs starting at once on two cores took more than
 * two seconds each to reach main (bench/chaos.sh). FaultsIT loads it into fanout's workers through
 * RECPIPE_JAVA_OPTS.
 */
public final class SlowStartAgent {
  private SlowStartAgent() {}

  public static void premain(String millis) throws InterruptedException {
    Thread.sleep(Long.parseLong(millis));
  }
}
