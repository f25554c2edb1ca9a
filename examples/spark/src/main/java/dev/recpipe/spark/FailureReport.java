package dev.recpipe.spark;

import java.io.PrintStream;

/**
 * Says why a job failed, as the pipeline on one machine would, and no more: the stages' own
 * messages, then one {@code recpipe-spark:} line. Spark wraps a task's exception in its own, with
 * its stack traces in the message; the exception recpipe-spark's tasks threw is found among the
 * causes, as Spark serializes it back to the driver.
 */
final class FailureReport {
  private final String name;
  private final boolean verbose;

  FailureReport(String name, boolean verbose) {
    this.name = name;
    this.verbose = verbose;
  }

  void print(Throwable failure, PrintStream err) {
    StageFailedException stage = find(failure, StageFailedException.class);
    PipelineException pipeline = find(failure, PipelineException.class);
    if (stage != null) {
      err.print(stage.stderr());
      if (!stage.stderr().isEmpty() && !stage.stderr().endsWith("\n")) err.println();
    }
    // its own line; the stages' lines above are theirs, which each tool shows so itself
    err.println(name + ": " + ControlCharacters.madeVisible(pipeline != null ? pipeline.getMessage() : describe(rootCause(failure))));
    if (verbose) failure.printStackTrace(err);
    err.flush();
  }

  private static <T extends Throwable> T find(Throwable failure, Class<T> type) {
    for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
      if (type.isInstance(cause)) return type.cast(cause);
      if (cause.getCause() == cause) break;
    }
    return null;
  }

  private static Throwable rootCause(Throwable failure) {
    Throwable root = failure;
    while (root.getCause() != null && root.getCause() != root) root = root.getCause();
    return root;
  }

  /** The first line of the message, which is what Spark's carry before their stack traces. */
  private static String describe(Throwable cause) {
    String message = cause.getMessage();
    if (message == null || message.isBlank()) return cause.getClass().getName();
    return message.lines().findFirst().orElse(message);
  }
}
