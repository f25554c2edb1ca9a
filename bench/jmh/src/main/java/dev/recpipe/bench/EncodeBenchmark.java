package dev.recpipe.bench;

import dev.recpipe.common.RecordWriter;
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
 * CBOR encoding with {@link RecordWriter}, into a sink that only counts bytes: reader's second half
 * ({@code writeIntegers}, one operation = {@value Datasets#ROWS} {@code [seq, [10 ints]]} records)
 * and summer's output ({@code writeInteger}, one operation = {@value Datasets#SUMS}
 * {@code [seq, sum]} records). One writer, with its 64 KiB buffer, serves every operation.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
public class EncodeBenchmark {
  private long[][] rows;
  private long[] sums;
  private long readerBytes;
  private long summerBytes;
  private final CountingSink sink = new CountingSink();
  private final RecordWriter writer = new RecordWriter(sink);

  @Setup
  public void generate() {
    rows = Datasets.rows();
    sums = Datasets.sums();
    readerBytes = Datasets.readerRecords(rows).length;
    summerBytes = Datasets.summerRecords(sums).length;
  }

  @Benchmark
  public long writeIntegersReaderRecords() throws IOException {
    sink.reset();
    for (int seq = 0; seq < rows.length; seq++) writer.writeIntegers(seq, rows[seq], Datasets.COLUMNS);
    writer.flush();
    return Datasets.expect(sink.count(), readerBytes, "bytes");
  }

  @Benchmark
  public long writeIntegerSummerRecords() throws IOException {
    sink.reset();
    for (int seq = 0; seq < sums.length; seq++) writer.writeInteger(seq, sums[seq]);
    writer.flush();
    return Datasets.expect(sink.count(), summerBytes, "bytes");
  }
}
