package dev.recpipe.spark;

import java.io.IOException;
import java.util.Arrays;
import java.util.List;
import org.apache.hadoop.io.BytesWritable;
import org.apache.hadoop.io.LongWritable;
import org.apache.hadoop.io.NullWritable;
import org.apache.hadoop.io.Text;
import org.apache.hadoop.mapred.FileInputFormat;
import org.apache.hadoop.mapred.JobConf;
import org.apache.hadoop.mapred.TextInputFormat;
import org.apache.spark.SparkExecutorInfo;
import org.apache.spark.api.java.JavaPairRDD;
import org.apache.spark.api.java.JavaSparkContext;

/**
 * The Spark job: {@code reader | CMD | writer} on every partition of a text file, with the same
 * output, byte for byte, as the pipeline run on the whole file on one machine.
 *
 * <p>Two passes over the input. The first counts each partition's lines and records
 * ({@link CountLines}), and the driver turns the counts into each partition's first line and first
 * seq ({@link PartitionPlan}). The second runs the pipeline on each partition ({@link RunPipeline}),
 * its reader told where the partition starts, so seqs are global row indexes and messages name the
 * input's lines. Spark writes partition k's output to {@code part-k}, so the part files, in name
 * order, hold the whole output.
 *
 * <p>Lines are split at LF only ({@code textinputformat.record.delimiter}): Hadoop's default also
 * ends a line at a lone CR, which reader does not. Lines stay bytes (Text), never decoded.
 */
final class PipelineJob {
  private static final String RECORD_DELIMITER = "textinputformat.record.delimiter";

  private final JavaSparkContext spark;

  PipelineJob(JavaSparkContext spark) {
    this.spark = spark;
  }

  /**
   * Runs the job. If it fails, or recpipe-spark is stopped by a signal, it stops the stages still
   * running and removes the output directory ({@link FailedJobCleanup}).
   *
   * @param partitions the least number of partitions to cut the input into
   * @throws PipelineException (as a cause of Spark's exception) a partition's pipeline failed
   */
  void run(PipelineSpec spec, InputFile input, OutputDirectory output, int partitions) throws IOException {
    FailedJobCleanup cleanup = new FailedJobCleanup(output, this::runningTasks, 60);
    Thread onSignal = new Thread(cleanup, "recpipe-spark cleanup");
    Runtime.getRuntime().addShutdownHook(onSignal);
    try {
      save(pipe(lines(input, partitions), spec, input), output.name());
      cleanup.jobSucceeded();
    } catch (Exception | Error e) { // SparkException is a checked exception that Scala code throws undeclared
      cleanup.run();
      throw e;
    } finally {
      removeShutdownHook(onSignal);
    }
  }

  private static void removeShutdownHook(Thread hook) {
    try {
      Runtime.getRuntime().removeShutdownHook(hook);
    } catch (IllegalStateException shuttingDown) {
      // the hook runs, or has run
    }
  }

  private int runningTasks() {
    return Arrays.stream(spark.sc().statusTracker().getExecutorInfos()).mapToInt(SparkExecutorInfo::numRunningTasks).sum();
  }

  private JavaPairRDD<LongWritable, Text> lines(InputFile input, int partitions) {
    JobConf conf = new JobConf(spark.hadoopConfiguration());
    FileInputFormat.setInputPaths(conf, input.path());
    conf.set(RECORD_DELIMITER, "\n");
    return spark.hadoopRDD(conf, TextInputFormat.class, LongWritable.class, Text.class, partitions);
  }

  private JavaPairRDD<NullWritable, BytesWritable> pipe(JavaPairRDD<LongWritable, Text> lines, PipelineSpec spec,
      InputFile input) {
    List<PartitionCount> counts = lines.mapPartitions(new CountLines(spec.reader())).collect();
    List<PartitionStart> starts = PartitionPlan.of(counts, spec.reader().header(), input.endsWithLineFeed());
    return JavaPairRDD.fromJavaRDD(lines.mapPartitionsWithIndex(new RunPipeline(spec, starts), false));
  }

  private void save(JavaPairRDD<NullWritable, BytesWritable> output, String directory) {
    output.saveAsHadoopFile(directory, NullWritable.class, BytesWritable.class, RawBytesOutputFormat.class,
        new JobConf(spark.hadoopConfiguration()));
  }
}
