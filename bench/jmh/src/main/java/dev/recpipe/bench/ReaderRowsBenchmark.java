package dev.recpipe.bench;

import dev.recpipe.common.RecordWriter;
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

/**
 * reader's whole loop, as {@code ReaderCommand.copyRows} runs it: {@link CsvIntegerParser} reads
 * {@link Datasets#csv} ({@value Datasets#ROWS} rows of {@value Datasets#COLUMNS} integers) and
 * {@link RecordWriter#writeIntegers} encodes each row into a sink that counts bytes; one operation
 * is the whole buffer. CsvParseBenchmark and EncodeBenchmark time the two halves apart; this one the
 * two together, whose compiled code is what reader runs. Under the tiered JIT (reader's, for CSV)
 * and C1 alone (what {@code c1} in tools.txt would give it). Run it on two builds to compare them.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
public class ReaderRowsBenchmark {
  private byte[] csv;
  private long readerBytes;
  private final IntegerRow row = new IntegerRow();
  private final CountingSink sink = new CountingSink();
  private final RecordWriter writer = new RecordWriter(sink);

  @Setup
  public void generate() {
    long[][] rows = Datasets.rows();
    csv = Datasets.csv(rows);
    readerBytes = Datasets.readerRecords(rows).length;
  }

  @Benchmark
  @Fork(value = 1, jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
  public long csvToRecordsTiered() throws IOException {
    return csvToRecords();
  }

  @Benchmark
  @Fork(value = 1, jvmArgsAppend = {"-Xms1g", "-Xmx1g", "-XX:TieredStopAtLevel=1"})
  public long csvToRecordsC1() throws IOException {
    return csvToRecords();
  }

  private long csvToRecords() throws IOException {
    sink.reset();
    CsvIntegerParser parser = new CsvIntegerParser(new ByteArrayInputStream(csv), "bench.csv", CsvFormat.DEFAULT);
    long seq = 0;
    while (parser.next(row)) {
      if (row.isBad()) throw row.error();
      writer.writeIntegers(seq++, row.longs(), row.size());
    }
    writer.flush();
    return Datasets.expect(sink.count(), readerBytes, "bytes");
  }
}
