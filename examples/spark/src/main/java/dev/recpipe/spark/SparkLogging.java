package dev.recpipe.spark;

import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.core.LoggerContext;
import org.apache.logging.log4j.core.config.LoggerConfig;

/** Spark's logging, as bin/recpipe-spark configures it (examples/spark/src/main/config/log4j2.properties). */
final class SparkLogging {
  private SparkLogging() {}

  /**
   * For {@code --verbose}: the loggers that configuration turns off, because what they say of a
   * failed task recpipe-spark says itself, log warnings again, stack traces included.
   */
  static void showSilencedLoggers() {
    if (!(LogManager.getContext(false) instanceof LoggerContext context)) return;
    for (LoggerConfig logger : context.getConfiguration().getLoggers().values()) {
      if (logger.getLevel() == Level.OFF) logger.setLevel(Level.WARN);
    }
    context.updateLoggers();
  }
}
