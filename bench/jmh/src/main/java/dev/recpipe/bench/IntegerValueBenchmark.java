package dev.recpipe.bench;

import com.fasterxml.jackson.core.JsonParser;
import dev.recpipe.common.FastRecordReader;
import dev.recpipe.common.RecordReader;
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

/**
 * What writer reads: summer's records, {@code [seq, sum]}, {@value Datasets#SUMS} of them, each value
 * taken as a long, as writer's formats need it. Before: RecordReader's parser (Jackson), {@code
 * getLongValue} on the token it stands on. Now: {@link FastRecordReader#readInteger()}, decoded from
 * the bytes. Single-shot, in a fresh JVM per measurement under the tiered JIT writer runs with, as
 * one writer process meets them; lower is better.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 0)
@Measurement(iterations = 1)
@Fork(value = 10, jvmArgsAppend = "-XX:+UseSerialGC")
public class IntegerValueBenchmark {
  private byte[] records;

  @Setup
  public void generate() {
    records = Datasets.summerRecords(Datasets.sums());
  }

  // Two loops alike, not one taking the reader's calls as lambdas: a lambda's first call, linked then, would be timed
  @Benchmark
  public long recordReaderParser() throws IOException {
    RecordReader reader = new RecordReader(new ByteArrayInputStream(records));
    long total = 0;
    long count = 0;
    while (reader.next()) {
      JsonParser value = reader.parser();
      total += reader.seq() ^ value.getLongValue();
      count++;
    }
    Datasets.expect(count, Datasets.SUMS, "records");
    return total;
  }

  @Benchmark
  public long fastRecordReader() throws IOException {
    FastRecordReader reader = new FastRecordReader(new ByteArrayInputStream(records));
    long total = 0;
    long count = 0;
    while (reader.next()) {
      if (!reader.hasInteger()) throw new IllegalStateException("not an integer decoded on the fast path");
      total += reader.seq() ^ reader.readInteger();
      count++;
    }
    Datasets.expect(count, Datasets.SUMS, "records");
    return total;
  }
}
