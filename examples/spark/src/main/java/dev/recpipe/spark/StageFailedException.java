package dev.recpipe.spark;

import java.util.List;

/**
 * A partition's pipeline ended with a non-zero exit status: it fails the task, and then (past
 * Spark's retries) the job. It carries what the stages wrote on stderr, which recpipe-spark prints
 * as the local pipeline would have, and says which partition, which lines and which statuses.
 */
final class StageFailedException extends PipelineException {
  private static final long serialVersionUID = 1L;

  private final String stderr;

  /**
   * @param stderr what the stages wrote on stderr (its end, if it was long)
   */
  StageFailedException(PartitionStart start, String input, List<String> stages, List<Integer> statuses, String stderr) {
    super("the pipeline failed on partition " + start.partition() + " (" + lines(start) + " of " + input
        + "), exit statuses: " + statuses(stages, statuses));
    this.stderr = stderr;
  }

  /** What the stages wrote on stderr: their messages, e.g. reader's {@code rows.csv:17:3: ...}. */
  String stderr() {
    return stderr;
  }

  private static String lines(PartitionStart start) {
    if (start.lines() == 0) return "no lines";
    return start.lines() == 1 ? "line " + start.firstLine() : "lines " + start.firstLine() + "-" + start.lastLine();
  }

  /** {@code reader 1, summer 1, writer 1} */
  private static String statuses(List<String> stages, List<Integer> statuses) {
    StringBuilder text = new StringBuilder();
    for (int i = 0; i < stages.size(); i++) {
      if (i > 0) text.append(", ");
      text.append(stages.get(i)).append(' ').append(statuses.get(i));
    }
    return text.toString();
  }
}
