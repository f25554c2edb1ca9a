package dev.recpipe.spark;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import org.apache.hadoop.io.BytesWritable;
import org.apache.hadoop.io.NullWritable;
import org.apache.spark.TaskContext;
import scala.Tuple2;

/**
 * What writer prints for one partition, as Spark's output: chunks of bytes as they come, for
 * {@link RawBytesOutputFormat} to write to the partition's part file unchanged.
 *
 * <p>The end of writer's output is not the end of the partition's work: only when every stage has
 * exited 0, and the input was read without failure, does the iterator end. Otherwise it throws, and
 * the task fails, so Spark writes no part file for it (its commit protocol): a
 * {@link StageFailedException} with the stages' messages, or the input's failure.
 *
 * <p>One element, its bytes reused, is handed out again and again: the output format writes each
 * before asking for the next.
 */
final class WriterOutput implements Iterator<Tuple2<NullWritable, BytesWritable>> {
  private static final int CHUNK_SIZE = 64 * 1024;

  private final StageProcesses processes;
  private final LineFeeder feeder;
  private final PartitionStart start;
  private final PipelineSpec spec;
  private final TaskContext context;
  private final byte[] buffer = new byte[CHUNK_SIZE];
  private final BytesWritable chunk = new BytesWritable();
  private final Tuple2<NullWritable, BytesWritable> element = new Tuple2<>(NullWritable.get(), chunk);
  private boolean ready;
  private boolean ended;

  WriterOutput(StageProcesses processes, LineFeeder feeder, PartitionStart start, PipelineSpec spec, TaskContext context) {
    this.processes = processes;
    this.feeder = feeder;
    this.start = start;
    this.spec = spec;
    this.context = context;
  }

  @Override
  public boolean hasNext() {
    if (ready) return true;
    if (ended) return false;
    stopIfKilled();
    int read = read();
    if (read < 0) {
      ended = true;
      finish();
      return false;
    }
    chunk.set(buffer, 0, read);
    ready = true;
    return true;
  }

  @Override
  public Tuple2<NullWritable, BytesWritable> next() {
    if (!hasNext()) throw new NoSuchElementException();
    ready = false;
    return element;
  }

  private int read() {
    try {
      return processes.stdout().read(buffer);
    } catch (IOException e) {
      throw new UncheckedIOException("reading writer's output failed: " + e.getMessage(), e);
    }
  }

  /** Spark marks a task killed (another one failed the job, or the job was cancelled): stop its stages. */
  private void stopIfKilled() {
    if (context.isInterrupted()) {
      processes.destroy();
      context.killTaskIfInterrupted();
    }
  }

  /** writer's output has ended: the partition succeeded if every stage did, and the input was read whole. */
  private void finish() {
    try {
      feeder.join();
      List<Integer> statuses = processes.waitFor();
      feeder.rethrowFailure();
      context.killTaskIfInterrupted();
      if (statuses.stream().anyMatch(status -> status != 0)) {
        throw new StageFailedException(start, spec.input(), spec.stageNames(), statuses, processes.stderrText());
      }
      processes.copyStderrTo(System.err); // warnings and summaries of a run that succeeded
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      processes.destroy();
      throw new PipelineException("interrupted while waiting for the stages of partition " + start.partition(), e);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
