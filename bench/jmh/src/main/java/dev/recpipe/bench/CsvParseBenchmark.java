package dev.recpipe.bench;

import dev.recpipe.common.csv.CsvFormat;
import dev.recpipe.common.csv.CsvIntegerParser;
import dev.recpipe.common.csv.IntegerRow;
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
 * reader's first half: {@link CsvIntegerParser} turning gencsv-like CSV into rows of longs. One
 * operation parses the whole {@link Datasets#csv} buffer, {@value Datasets#ROWS} rows.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
public class CsvParseBenchmark {
  private byte[] csv;
  private final IntegerRow row = new IntegerRow();

  @Setup
  public void generate() {
    csv = Datasets.csv(Datasets.rows());
  }

  @Benchmark
  public int parseRows(Blackhole blackhole) throws IOException {
    CsvIntegerParser parser = new CsvIntegerParser(new ByteArrayInputStream(csv), "bench.csv", CsvFormat.DEFAULT);
    int rows = 0;
    while (parser.next(row)) {
      if (row.isBad()) throw row.error();
      blackhole.consume(row.longs()[row.size() - 1]);
      rows++;
    }
    return (int) Datasets.expect(rows, Datasets.ROWS, "rows");
  }
}
