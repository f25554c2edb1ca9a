package dev.recpipe.fanout;

import dev.recpipe.fanout.pipes.FifoChannel;
import dev.recpipe.fanout.pipes.Posix;
import java.io.IOException;

/**
 * Binds the C library through jnr-ffi on a second thread while the main thread parses the command
 * line: both take a couple of hundred milliseconds at start-up, and on two cores they overlap.
 * Whoever needs the binding first simply waits for the class initialization to finish.
 */
final class NativeWarmUp {
  private NativeWarmUp() {}

  static void start() {
    Thread thread = new Thread(NativeWarmUp::warmUp, "fanout-native-warm-up");
    thread.setDaemon(true);
    thread.start();
  }

  private static void warmUp() {
    try {
      Posix.load();
      FifoChannel.openSelector().close();
    } catch (IOException | RuntimeException | LinkageError e) {
      // the main thread meets the same failure where it matters, and reports it there
    }
  }
}
