package dev.recpipe.spark;

import java.util.Iterator;
import java.util.List;
import org.apache.hadoop.io.LongWritable;
import org.apache.hadoop.io.Text;
import org.apache.spark.api.java.function.FlatMapFunction;
import scala.Tuple2;

/** The first pass, for each partition: its {@link PartitionCount}, one element. */
final class CountLines implements FlatMapFunction<Iterator<Tuple2<LongWritable, Text>>, PartitionCount> {
  private static final long serialVersionUID = 1L;

  private final ReaderOptions options;

  CountLines(ReaderOptions options) {
    this.options = options;
  }

  @Override
  public Iterator<PartitionCount> call(Iterator<Tuple2<LongWritable, Text>> lines) {
    long count = 0;
    long records = 0;
    long firstByte = 0;
    while (lines.hasNext()) {
      Tuple2<LongWritable, Text> line = lines.next();
      long offset = line._1().get();
      if (count == 0) firstByte = offset;
      if (options.makesRecord(line._2().getBytes(), line._2().getLength(), offset == 0)) records++;
      count++;
    }
    return List.of(new PartitionCount(count, records, firstByte)).iterator();
  }
}
