package dev.recpipe.bench;

import dev.recpipe.common.RecordFramer;
import dev.recpipe.fanout.deal.BatchSource;
import dev.recpipe.fanout.records.Chunk;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * The dealer's boundary scan over reader's records, {@code [seq, [10 ints]]}: {@link RecordFramer}
 * alone over one buffer holding them all, and {@link BatchSource} cutting batches of
 * {@value Datasets#BATCH} from a stream of them (its buffering and the copy of each batch
 * included). One operation is the whole {@link Datasets#readerRecords} buffer, {@value
 * Datasets#ROWS} records.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
public class FramerBenchmark {
  private byte[] records;
  private final RecordFramer framer = new RecordFramer();

  @Setup
  public void generate() {
    records = Datasets.readerRecords(Datasets.rows());
  }

  @Benchmark
  public long frame(Blackhole blackhole) throws IOException {
    long count = 0;
    for (int start = 0; start < records.length; count++) {
      int length = framer.frame(records, start, records.length, start);
      if (length < 0) throw new IllegalStateException("truncated at " + start);
      blackhole.consume(framer.seq());
      start += length;
    }
    return Datasets.expect(count, Datasets.ROWS, "records");
  }

  @Benchmark
  public long batchSource(Blackhole blackhole) throws IOException {
    BatchSource source = new BatchSource(new ByteArrayInputStream(records), Datasets.BATCH, true);
    long count = 0;
    for (Chunk batch = source.next(); batch != null; batch = source.next()) {
      blackhole.consume(batch);
      count += batch.records();
    }
    return Datasets.expect(count, Datasets.ROWS, "records");
  }
}
