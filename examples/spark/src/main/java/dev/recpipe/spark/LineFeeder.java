package dev.recpipe.spark;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.util.Iterator;
import org.apache.hadoop.io.LongWritable;
import org.apache.hadoop.io.Text;
import org.apache.spark.TaskContext;
import org.apache.spark.TaskContext$;
import scala.Tuple2;

/**
 * Writes a partition's lines to its reader's stdin, each with the LF Spark took off, on a thread of
 * its own while the task reads writer's output (as Spark's {@code RDD.pipe} does).
 *
 * <p>The lines go as the bytes they are in the input, never decoded: reader then sees exactly the
 * input's bytes, CRs and invalid UTF-8 included. The one line with no LF after it in the input, its
 * last, gets none here either.
 *
 * <p>If the reader stops reading (it failed, or was stopped), writing fails, and the feeder stops
 * quietly: the stage's exit status tells. A failure to read the input is another matter: it is kept
 * for {@link #rethrowFailure()}, and the stages are stopped, so that the partition cannot end as if
 * its input had.
 */
final class LineFeeder extends Thread {
  /** How many lines go between two checks that the task was not killed. */
  private static final int KILL_CHECK_INTERVAL = 1024;

  private final Iterator<Tuple2<LongWritable, Text>> lines;
  private final StageProcesses processes;
  private final boolean lastLineWithoutLineFeed;
  private final TaskContext context;
  private volatile Throwable failure;

  LineFeeder(Iterator<Tuple2<LongWritable, Text>> lines, StageProcesses processes, PartitionStart start, TaskContext context) {
    super("recpipe-spark lines to reader, partition " + start.partition());
    setDaemon(true);
    this.lines = lines;
    this.processes = processes;
    this.lastLineWithoutLineFeed = start.endsWithoutLineFeed();
    this.context = context;
  }

  @Override
  public void run() {
    // Spark's input iterators may look up the task's context, which is per thread.
    TaskContext$.MODULE$.setTaskContext(context);
    try (OutputStream out = new BufferedOutputStream(processes.stdin(), 64 * 1024)) {
      feed(out);
    } catch (InputFailure e) {
      failure = e.getCause();
      processes.destroy();
    } catch (IOException e) {
      // the reader stopped reading: its exit status says why
    } catch (Throwable e) {
      failure = e;
      processes.destroy();
    } finally {
      TaskContext$.MODULE$.unset();
    }
  }

  /** Rethrows what went wrong reading the input, if anything did. */
  void rethrowFailure() {
    Throwable cause = failure;
    if (cause instanceof RuntimeException) throw (RuntimeException) cause;
    if (cause instanceof Error) throw (Error) cause;
    if (cause != null) throw new PipelineException("reading the input failed: " + cause.getMessage(), cause);
  }

  private void feed(OutputStream out) throws IOException {
    long fed = 0;
    Text line = nextLine();
    while (line != null) {
      out.write(line.getBytes(), 0, line.getLength());
      Text following = nextLine(); // may reuse line's Text: its bytes are written already
      if (following != null || !lastLineWithoutLineFeed) out.write('\n');
      line = following;
      if (++fed % KILL_CHECK_INTERVAL == 0 && context.isInterrupted()) {
        processes.destroy();
        return;
      }
    }
  }

  /** The next line's bytes, or null at the end; a failure to read is an {@link InputFailure}. */
  private Text nextLine() {
    try {
      return lines.hasNext() ? lines.next()._2() : null;
    } catch (Throwable e) {
      throw new InputFailure(e);
    }
  }

  /** A failure of the input, told apart from one of writing to the reader. */
  private static final class InputFailure extends RuntimeException {
    private static final long serialVersionUID = 1L;

    InputFailure(Throwable cause) {
      super(cause);
    }
  }
}
