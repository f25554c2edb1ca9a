package dev.recpipe.bench;

import dev.recpipe.fanout.records.Chunk;
import dev.recpipe.fanout.records.Chunker;
import java.io.IOException;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * fanout's framing, where its CPU went (bench/results/fanout-path.md): a {@link Chunker} cutting a
 * buffer into chunks of {@value Datasets#BATCH} records, as the dealer does with stdin and an inlet
 * with a worker's answer, with the shape framer first ({@code shapes}, what fanout does) or the
 * general framer alone ({@code general}, what it did before). The records are reader's ({@code [seq,
 * [10 ints]]}, what the dealer frames) or summer's ({@code [seq, sum]}, what an inlet frames). One
 * operation frames them all. fanout runs C1 only (tools.txt): run with {@code -jvmArgsAppend
 * -XX:TieredStopAtLevel=1} for its figures.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
public class ChunkerBenchmark {
  @Param({"shapes", "general"})
  public String framing;

  @Param({"reader", "summer"})
  public String records;

  private byte[] bytes;
  private long count;

  @Setup
  public void generate() {
    bytes = records.equals("reader") ? Datasets.readerRecords(Datasets.rows()) : Datasets.summerRecords(Datasets.sums());
    count = records.equals("reader") ? Datasets.ROWS : Datasets.SUMS;
  }

  @Benchmark
  public long chunks(Blackhole blackhole) throws IOException {
    Chunker chunker = new Chunker(framing.equals("shapes"));
    long framed = 0;
    int from = 0;
    while (from < bytes.length) {
      if (chunker.frame(bytes, from, bytes.length, from, Datasets.BATCH, Chunker.ANY_SEQ) == 0) {
        throw new IllegalStateException("no record at " + from);
      }
      Chunk chunk = chunker.take(bytes, from);
      blackhole.consume(chunk);
      framed += chunk.records();
      from += chunk.bytes().length;
    }
    return Datasets.expect(framed, count, "records");
  }
}
