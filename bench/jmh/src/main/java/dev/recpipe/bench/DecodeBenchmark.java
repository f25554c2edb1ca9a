package dev.recpipe.bench;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import dev.recpipe.common.FastRecordReader;
import dev.recpipe.common.IntegerSink;
import dev.recpipe.common.RecordReader;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.math.BigInteger;
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
 * CBOR decoding over reader's records, {@code [seq, [10 ints]]}, old and new: {@link RecordReader}
 * (Jackson), streaming the tokens through {@link RecordReader#parser()} and summing them as they
 * come, through {@link RecordReader#readIntegers} as summer used to, and building a {@code
 * List<Long>} per record with {@link RecordReader#readValue()}; and {@link FastRecordReader}, the
 * stages' fast path now, through the same two calls. One operation reads the whole {@link
 * Datasets#readerRecords} buffer, {@value Datasets#ROWS} records. These are compiled, steady-state
 * figures; {@link ColdDecodeBenchmark} times the first pass in a new JVM, what a worker meets.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
public class DecodeBenchmark {
  private byte[] records;

  @Setup
  public void generate() {
    records = Datasets.readerRecords(Datasets.rows());
  }

  /** As summer does it: each value's integers read off the parser and added up, without boxing. */
  @Benchmark
  public long streamingSum(Blackhole blackhole) throws IOException {
    RecordReader reader = new RecordReader(new ByteArrayInputStream(records));
    long count = 0;
    while (reader.next()) {
      blackhole.consume(sum(reader.parser()));
      count++;
    }
    return Datasets.expect(count, Datasets.ROWS, "records");
  }

  private static long sum(JsonParser parser) throws IOException {
    if (parser.currentToken() != JsonToken.START_ARRAY) throw new IllegalStateException("not an array");
    long sum = 0;
    for (JsonToken token = parser.nextToken(); token != JsonToken.END_ARRAY; token = parser.nextToken()) {
      if (token != JsonToken.VALUE_NUMBER_INT || parser.getNumberType() == JsonParser.NumberType.BIG_INTEGER) {
        throw new IllegalStateException("not a small integer: " + token);
      }
      sum += parser.getLongValue();
    }
    return sum;
  }

  /** The generic path: every value built as plain Java objects. */
  @Benchmark
  public long readValue(Blackhole blackhole) throws IOException {
    RecordReader reader = new RecordReader(new ByteArrayInputStream(records));
    long count = 0;
    while (reader.next()) {
      blackhole.consume(reader.readValue());
      count++;
    }
    return Datasets.expect(count, Datasets.ROWS, "records");
  }

  /** Summer's call before the fast path: RecordReader streaming each value into a sink. */
  @Benchmark
  public long readIntegers(Blackhole blackhole) throws IOException {
    RecordReader reader = new RecordReader(new ByteArrayInputStream(records));
    Sum sum = new Sum();
    long count = 0;
    while (reader.next()) {
      sum.reset();
      reader.readIntegers(sum);
      blackhole.consume(sum.value);
      count++;
    }
    return Datasets.expect(count, Datasets.ROWS, "records");
  }

  /** Summer's call now: the fast path. */
  @Benchmark
  public long fastReadIntegers(Blackhole blackhole) throws IOException {
    FastRecordReader reader = new FastRecordReader(new ByteArrayInputStream(records));
    Sum sum = new Sum();
    long count = 0;
    while (reader.next()) {
      sum.reset();
      reader.readIntegers(sum);
      blackhole.consume(sum.value);
      count++;
    }
    return Datasets.expect(count, Datasets.ROWS, "records");
  }

  /**
   * The fast path handing each record's integers over in one {@link IntegerSink#addAll} call, to a
   * sink that sums them in a loop of its own, as summer's does now; {@link #fastReadIntegers} is one
   * {@code add} call an integer, as summer's sink had it before.
   */
  @Benchmark
  public long fastReadIntegersAddAll(Blackhole blackhole) throws IOException {
    return sumAll(new FastRecordReader(new ByteArrayInputStream(records)), new LoopSum(), blackhole);
  }

  /** {@link #fastReadIntegers} under C1 alone, the JIT summer runs with. */
  @Benchmark
  @Fork(value = 1, jvmArgsAppend = {"-Xms1g", "-Xmx1g", "-XX:TieredStopAtLevel=1"})
  public long fastReadIntegersC1(Blackhole blackhole) throws IOException {
    return sumAll(new FastRecordReader(new ByteArrayInputStream(records)), new Sum(), blackhole);
  }

  /** {@link #fastReadIntegersAddAll} under C1 alone. */
  @Benchmark
  @Fork(value = 1, jvmArgsAppend = {"-Xms1g", "-Xmx1g", "-XX:TieredStopAtLevel=1"})
  public long fastReadIntegersAddAllC1(Blackhole blackhole) throws IOException {
    return sumAll(new FastRecordReader(new ByteArrayInputStream(records)), new LoopSum(), blackhole);
  }

  private static long sumAll(FastRecordReader reader, Sum sum, Blackhole blackhole) throws IOException {
    long count = 0;
    while (reader.next()) {
      sum.reset();
      reader.readIntegers(sum);
      blackhole.consume(sum.value);
      count++;
    }
    return Datasets.expect(count, Datasets.ROWS, "records");
  }

  /** The generic call on the fast path: a {@code List<Long>} per record, decoded without Jackson. */
  @Benchmark
  public long fastReadValue(Blackhole blackhole) throws IOException {
    FastRecordReader reader = new FastRecordReader(new ByteArrayInputStream(records));
    long count = 0;
    while (reader.next()) {
      blackhole.consume(reader.readValue());
      count++;
    }
    return Datasets.expect(count, Datasets.ROWS, "records");
  }

  /** Adds up a row one {@code add} call an integer; the data has no integer beyond 64 bits. */
  static class Sum implements IntegerSink {
    long value;

    void reset() {
      value = 0;
    }

    @Override
    public void add(long integer) {
      value += integer;
    }

    @Override
    public void add(BigInteger integer) {
      throw new IllegalStateException("not a small integer: " + integer);
    }
  }

  /** {@link Sum} with a loop of its own for a record's integers, as summer's sink has. */
  static final class LoopSum extends Sum {
    @Override
    public void addAll(long[] values, int count) {
      long total = value;
      for (int i = 0; i < count; i++) total += values[i];
      value = total;
    }
  }
}
