package dev.recpipe.bench;

import dev.recpipe.common.RecordFramer;
import dev.recpipe.fanout.deal.Dealt;
import dev.recpipe.fanout.merge.Inlet;
import dev.recpipe.fanout.merge.Merger;
import java.io.ByteArrayOutputStream;
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

/**
 * fanout's merge: a {@link Merger} with a {@link Dealt} putting N workers' outputs back in seq
 * order, written to a sink that only counts bytes. The workers' outputs are summer's records,
 * {@code [seq, sum]}, dealt round-robin in batches of {@value Datasets#BATCH}, held in memory
 * ({@link WorkerOutput}) and read round-robin whenever readable, as the selector loop would.
 *
 * <p>The dealer runs ahead of the merge by at most {@value #BATCHES_AHEAD} batches per worker, about
 * what fanout's pipes and summer's 64 KiB output buffer hold, so each worker's pipe has up to a
 * pipe's capacity of records waiting, as in a real run where the workers keep up. One operation
 * merges all {@value Datasets#SUMS} records.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
// Longer than the others: on 2 cores it took about 7 one-second iterations to reach a steady score
@Warmup(iterations = 8, time = 1)
@Measurement(iterations = 5, time = 1)
public class MergeBenchmark {
  static final int BATCHES_AHEAD = 32;

  @Param({"2", "8"})
  public int workers;

  private WorkerOutput[] outputs;
  private long[] batchFirstSeqs;
  private long totalBytes;
  private final CountingSink sink = new CountingSink();

  @Setup
  public void deal() throws IOException {
    byte[] records = Datasets.summerRecords(Datasets.sums());
    totalBytes = records.length;
    int[] recordEnds = recordEnds(records);
    int batches = (Datasets.SUMS + Datasets.BATCH - 1) / Datasets.BATCH;
    batchFirstSeqs = new long[batches + 1];
    ByteArrayOutputStream[] bytes = new ByteArrayOutputStream[workers];
    int[][] batchEnds = new int[workers][(batches + workers - 1) / workers];
    for (int w = 0; w < workers; w++) bytes[w] = new ByteArrayOutputStream();
    for (int b = 0; b < batches; b++) {
      int first = b * Datasets.BATCH;
      int last = Math.min(first + Datasets.BATCH, Datasets.SUMS) - 1;
      int start = first == 0 ? 0 : recordEnds[first - 1];
      bytes[b % workers].write(records, start, recordEnds[last] - start);
      batchEnds[b % workers][b / workers] = bytes[b % workers].size();
      batchFirstSeqs[b] = first;
    }
    batchFirstSeqs[batches] = Datasets.SUMS;
    outputs = new WorkerOutput[workers];
    for (int w = 0; w < workers; w++) outputs[w] = new WorkerOutput(bytes[w].toByteArray(), batchEnds[w]);
  }

  private static int[] recordEnds(byte[] records) throws IOException {
    RecordFramer framer = new RecordFramer();
    int[] ends = new int[Datasets.SUMS];
    int end = 0;
    for (int i = 0; i < ends.length; i++) {
      end += framer.frame(records, end, records.length, end);
      ends[i] = end;
    }
    return ends;
  }

  @Benchmark
  public long mergeInOrder() throws IOException {
    sink.reset();
    Dealt dealt = new Dealt(true);
    Merger merger = new Merger(sink, false);
    Dealt.Share[] shares = new Dealt.Share[workers];
    Inlet[] inlets = new Inlet[workers];
    for (int w = 0; w < workers; w++) {
      outputs[w].rewind();
      shares[w] = dealt.share();
      inlets[w] = merger.add("worker " + w, outputs[w], shares[w], false);
    }
    boolean[] closed = new boolean[workers];
    int open = workers;
    int dealtBatches = 0;
    while (open > 0) {
      dealtBatches = dealAhead(dealt, shares, dealtBatches, merger.recordsWritten());
      boolean readSome = false;
      for (int w = 0; w < workers; w++) {
        if (closed[w] || !outputs[w].isReadable()) continue;
        readSome = true;
        if (!merger.read(inlets[w])) {
          closed[w] = true;
          open--;
        }
      }
      if (!readSome) throw new IllegalStateException("stuck: no worker output readable");
    }
    merger.flush();
    Datasets.expect(sink.count(), totalBytes, "bytes");
    return Datasets.expect(merger.recordsWritten(), Datasets.SUMS, "records");
  }

  /** Deals round-robin up to BATCHES_AHEAD per worker past the merge; returns the batches dealt. */
  private int dealAhead(Dealt dealt, Dealt.Share[] shares, int dealtBatches, long merged) {
    int batches = batchFirstSeqs.length - 1;
    if (dealtBatches == batches) return batches;
    long limit = Math.min(batches, merged / Datasets.BATCH + (long) BATCHES_AHEAD * workers);
    for (; dealtBatches < limit; dealtBatches++) {
      int worker = dealtBatches % workers;
      shares[worker].dealt(batchFirstSeqs[dealtBatches], batchFirstSeqs[dealtBatches + 1] - 1);
      outputs[worker].dealBatch();
    }
    if (dealtBatches == batches) {
      dealt.end();
      for (WorkerOutput output : outputs) output.end();
    }
    return dealtBatches;
  }
}
