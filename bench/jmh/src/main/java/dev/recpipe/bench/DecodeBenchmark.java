package dev.recpipe.bench;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
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
import org.openjdk.jmh.infra.Blackhole;

/**
 * CBOR decoding with {@link RecordReader} over reader's records, {@code [seq, [10 ints]]}: the
 * streaming path summer takes (tokens through {@link RecordReader#parser()}, summed as they come),
 * and the generic {@link RecordReader#readValue()} that builds a {@code List<Long>} per record. One
 * operation reads the whole {@link Datasets#readerRecords} buffer, {@value Datasets#ROWS} records.
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
}
