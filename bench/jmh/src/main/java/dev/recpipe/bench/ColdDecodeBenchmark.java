package dev.recpipe.bench;

import dev.recpipe.bench.DecodeBenchmark.Sum;
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
 * The first pass over reader's records in a new JVM, as a fanout worker makes it: classes loaded,
 * code interpreted until the JIT has compiled it. Summer's decoding before (RecordReader, Jackson)
 * and now (FastRecordReader), each summing {@value Datasets#ROWS} records once, in a fresh JVM per
 * measurement, under the JIT summer runs with ({@code -XX:TieredStopAtLevel=1}, the {@code C1}
 * methods) and under the default, tiered one. Single-shot times in milliseconds: lower is better.
 * The records are generated before the timer starts; loading the reader's classes is timed.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 0)
@Measurement(iterations = 1)
public class ColdDecodeBenchmark {
  private byte[] records;

  @Setup
  public void generate() {
    records = Datasets.readerRecords(Datasets.rows());
  }

  @Benchmark
  @Fork(value = 10, jvmArgsAppend = {"-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1"})
  public long recordReaderC1() throws IOException {
    return sumAll(new RecordReader(new ByteArrayInputStream(records)));
  }

  @Benchmark
  @Fork(value = 10, jvmArgsAppend = {"-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1"})
  public long fastRecordReaderC1() throws IOException {
    return sumAll(new FastRecordReader(new ByteArrayInputStream(records)));
  }

  @Benchmark
  @Fork(value = 10, jvmArgsAppend = "-XX:+UseSerialGC")
  public long recordReaderTiered() throws IOException {
    return sumAll(new RecordReader(new ByteArrayInputStream(records)));
  }

  @Benchmark
  @Fork(value = 10, jvmArgsAppend = "-XX:+UseSerialGC")
  public long fastRecordReaderTiered() throws IOException {
    return sumAll(new FastRecordReader(new ByteArrayInputStream(records)));
  }

  // Two copies, not one taking method references: a lambda's first call, linked then, would be timed
  private static long sumAll(RecordReader reader) throws IOException {
    Sum sum = new Sum();
    long total = 0;
    while (reader.next()) {
      sum.reset();
      reader.readIntegers(sum);
      total += sum.value;
    }
    return total;
  }

  private static long sumAll(FastRecordReader reader) throws IOException {
    Sum sum = new Sum();
    long total = 0;
    while (reader.next()) {
      sum.reset();
      reader.readIntegers(sum);
      total += sum.value;
    }
    return total;
  }
}
