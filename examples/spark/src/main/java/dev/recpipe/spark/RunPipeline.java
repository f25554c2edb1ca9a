package dev.recpipe.spark;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.List;
import org.apache.hadoop.io.BytesWritable;
import org.apache.hadoop.io.LongWritable;
import org.apache.hadoop.io.NullWritable;
import org.apache.hadoop.io.Text;
import org.apache.spark.TaskContext;
import org.apache.spark.api.java.function.Function2;
import org.apache.spark.util.TaskCompletionListener;
import scala.Tuple2;

/**
 * The second pass, for each partition: starts {@code reader | CMD | writer} with the partition's
 * place in the input, feeds it the partition's lines ({@link LineFeeder}) and hands on writer's
 * output ({@link WriterOutput}). Whatever way the task ends, its processes are stopped and their
 * stderr file deleted.
 */
final class RunPipeline implements
    Function2<Integer, Iterator<Tuple2<LongWritable, Text>>, Iterator<Tuple2<NullWritable, BytesWritable>>> {
  private static final long serialVersionUID = 1L;

  private final PipelineSpec spec;
  private final List<PartitionStart> starts;

  RunPipeline(PipelineSpec spec, List<PartitionStart> starts) {
    this.spec = spec;
    this.starts = List.copyOf(starts);
  }

  @Override
  public Iterator<Tuple2<NullWritable, BytesWritable>> call(Integer partition, Iterator<Tuple2<LongWritable, Text>> lines)
      throws IOException {
    PartitionStart start = starts.get(partition);
    TaskContext context = TaskContext.get();
    Path tools = Programs.toolsDirectory(spec.tools());
    StageProcesses processes = StageProcesses.start(spec.commandLines(start, tools), Programs.pathWith(tools));
    context.addTaskCompletionListener((TaskCompletionListener) done -> close(processes));
    LineFeeder feeder = new LineFeeder(lines, processes, start, context);
    feeder.start();
    return new WriterOutput(processes, feeder, start, spec, context);
  }

  private static void close(StageProcesses processes) {
    try {
      processes.close();
    } catch (IOException e) {
      System.err.println(ControlCharacters.madeVisible("recpipe-spark: could not delete a stderr file: " + e.getMessage()));
    }
  }
}
