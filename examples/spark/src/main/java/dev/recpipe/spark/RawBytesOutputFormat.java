package dev.recpipe.spark;

import java.io.IOException;
import org.apache.hadoop.fs.FSDataOutputStream;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.io.BytesWritable;
import org.apache.hadoop.io.NullWritable;
import org.apache.hadoop.mapred.FileOutputFormat;
import org.apache.hadoop.mapred.JobConf;
import org.apache.hadoop.mapred.RecordWriter;
import org.apache.hadoop.mapred.Reporter;
import org.apache.hadoop.util.Progressable;

/**
 * Writes each value's bytes and nothing else: a part file holds exactly what its partition's writer
 * printed. Hadoop's {@code TextOutputFormat} would add a line end to each value, and decode nothing
 * but Text. Part files are named {@code part-00000} on (the old, {@code mapred} API's names), and
 * are committed by Spark's commit protocol: all at the job's end, or none.
 */
public final class RawBytesOutputFormat extends FileOutputFormat<NullWritable, BytesWritable> {
  @Override
  public RecordWriter<NullWritable, BytesWritable> getRecordWriter(FileSystem ignored, JobConf job, String name,
      Progressable progress) throws IOException {
    Path file = FileOutputFormat.getTaskOutputPath(job, name);
    FSDataOutputStream out = file.getFileSystem(job).create(file, progress);
    return new RecordWriter<>() {
      @Override
      public void write(NullWritable key, BytesWritable value) throws IOException {
        out.write(value.getBytes(), 0, value.getLength());
      }

      @Override
      public void close(Reporter reporter) throws IOException {
        out.close();
      }
    };
  }
}
