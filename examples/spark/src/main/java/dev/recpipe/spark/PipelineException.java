package dev.recpipe.spark;

/**
 * A failure recpipe-spark reports as {@code recpipe-spark: message} and exit status 1: a missing
 * input, an output that exists, a stage that cannot be found. Serializable, like every exception:
 * one thrown in a task reaches the driver as the cause of Spark's job failure.
 */
class PipelineException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  PipelineException(String message) {
    super(message);
  }

  PipelineException(String message, Throwable cause) {
    super(message, cause);
  }
}
