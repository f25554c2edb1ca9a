package dev.recpipe.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.apache.spark.SparkException;
import org.junit.jupiter.api.Test;

class FailureReportTest {
  private static final PartitionStart START = new PartitionStart(3, 150001, 50000, 0, 149999, false, false);

  @Test
  void stageMessagesThenWhichPartitionFailed() {
    StageFailedException stage = new StageFailedException(START, "rows.csv", List.of("reader", "summer", "writer"),
        List.of(1, 1, 1), "reader: rows.csv:150002:2: expected an integer, found \"x\"\nsummer: abort\nwriter: abort\n");
    // as Spark delivers it: its job failure, caused by its task failure, caused by the task's exception
    Exception failure = new SparkException("Job aborted due to stage failure: ...\nDriver stacktrace: ...",
        new SparkException("Task failed while writing rows", stage));
    assertEquals("reader: rows.csv:150002:2: expected an integer, found \"x\"\nsummer: abort\nwriter: abort\n"
        + "recpipe-spark: the pipeline failed on partition 3 (lines 150001-200000 of rows.csv), exit statuses:"
        + " reader 1, summer 1, writer 1\n", report(failure, false));
  }

  @Test
  void stageMessagesWithoutALineEndGetOne() {
    StageFailedException stage = new StageFailedException(new PartitionStart(0, 7, 1, 0, 6, false, true), "a.csv",
        List.of("reader", "sh", "writer"), List.of(0, 3, 1), "sh: boom");
    assertEquals("sh: boom\nrecpipe-spark: the pipeline failed on partition 0 (line 7 of a.csv), exit statuses:"
        + " reader 0, sh 3, writer 1\n", report(stage, false));
  }

  @Test
  void otherFailuresSayTheFirstLineOfTheirRootCause() {
    Exception failure = new SparkException("Job aborted", new IOException("Mkdirs failed to create /x\n\tat somewhere"));
    assertEquals("recpipe-spark: Mkdirs failed to create /x\n", report(failure, false));
    assertEquals("recpipe-spark: no tools\n", report(new SparkException("Job aborted", new PipelineException("no tools")), false));
  }

  /** Its own line shows control characters as {@code \xNN}; the stages' lines are theirs, shown so by each tool. */
  @Test
  void aControlCharacterInItsOwnLineIsShown() {
    assertEquals("recpipe-spark: no\\x1b[2Jsuch.csv: not found\n",
        report(new SparkException("Job aborted", new PipelineException("no\u001b[2Jsuch.csv: not found")), false));
    assertEquals("recpipe-spark: a\\x0ab.csv: not found\n",
        report(new SparkException("Job aborted", new PipelineException("a\nb.csv: not found")), false));
  }

  @Test
  void stackTraceOnlyWhenVerbose() {
    String verbose = report(new IOException("disk full"), true);
    assertTrue(verbose.startsWith("recpipe-spark: disk full\njava.io.IOException: disk full\n\tat "), verbose);
  }

  private static String report(Throwable failure, boolean verbose) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    new FailureReport("recpipe-spark", verbose).print(failure, new PrintStream(bytes, true, StandardCharsets.UTF_8));
    return bytes.toString(StandardCharsets.UTF_8);
  }
}
