package dev.recpipe.fanout.deal;

import dev.recpipe.fanout.records.Chunk;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.recpipe.common.RecordFormatException;
import dev.recpipe.common.RecordFramer;
import dev.recpipe.common.testing.Allocations;
import dev.recpipe.common.testing.Hex;
import dev.recpipe.common.testing.ThrottledInputStream;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.function.Supplier;

/**
 * Fuzzing {@link BatchSource} (docs/fuzzing.md): for any bytes, arriving in reads of any size and cut
 * into batches of any size, it hands out exactly the records {@link RecordFramer} finds in the whole
 * input, in order, byte for byte, {@code batchSize} to a batch (fewer only in the last), each batch's
 * first and last seq right; and it fails where the whole input fails (a bad record, a cut, an abort
 * mark, a seq going back), with the same message, having handed out every whole record before it
 * first (the last batch then short), as a serial stage writes the records before a bad one. Its
 * memory stays bounded by the input, whatever length a head claims.
 *
 * <p>RecordFramerFuzzTest checks the framer against RecordReader. The normal test run replays the
 * files under {@code BatchSourceFuzzTestInputs/} in the test resources; {@code JAZZER_FUZZ=1} looks for
 * new ones.
 */
class BatchSourceFuzzTest {
  /** BatchSource's first buffer and its batch copies, and room for the error message. */
  private static final long ALLOCATION_ALLOWANCE = 1 << 20;
  private static final long ALLOCATION_PER_BYTE = 64;

  @FuzzTest
  void batchesHoldTheRecordsOfTheWholeInput(byte[] input) throws Exception {
    Random random = new Random(Arrays.hashCode(input));
    for (int batchSize : new int[] {1, 2 + random.nextInt(4), 1000}) {
      Outcome expected = expected(input, batchSize);
      long seed = random.nextLong();
      // -b's whole batches, and the default's where the input is there already, however it is
      // split: full batches; the default's from a slow producer: batches of what has come (a short
      // one may come before the end). The same records in all.
      List<Supplier<InputStream>> slow = List.of(
          () -> new ByteArrayInputStream(input),
          () -> ThrottledInputStream.oneByteAtATime(new ByteArrayInputStream(input)),
          () -> ThrottledInputStream.randomChunks(new ByteArrayInputStream(input), 16, seed));
      for (Supplier<InputStream> in : slow) {
        check(input, batchSize, expected, in, true, true);
        check(input, batchSize, expected, () -> ThrottledInputStream.restThere(in.get()), false, true);
        check(input, batchSize, expected, in, false, false);
      }
    }
  }

  private static void check(byte[] input, int batchSize, Outcome expected, Supplier<InputStream> in, boolean whole,
      boolean full) throws Exception {
    Outcome batched = Allocations.atMost(ALLOCATION_ALLOWANCE + ALLOCATION_PER_BYTE * input.length,
        () -> batches(input, batchSize, in.get(), whole, full), () -> Hex.encode(input));
    assertEquals(expected, batched, () -> "batches of " + batchSize + (whole ? ", whole," : "") + " from " + Hex.encode(input));
  }

  /** The records handed out, each as its offset and seq, and the error that ended the input. */
  record Outcome(List<String> records, String error) {}

  /** What the whole input holds, as RecordFramer finds it, less the records of an unfinished batch. */
  private static Outcome expected(byte[] input, int batchSize) {
    RecordFramer framer = new RecordFramer();
    List<String> records = new ArrayList<>();
    String error = null;
    long lastSeq = -1;
    try {
      for (int start = 0; start < input.length; ) {
        int length = framer.frame(input, start, input.length, start);
        if (length < 0) {
          error = "truncated record at byte offset " + start + ": input ends at byte offset " + input.length
              + " inside it";
          break;
        }
        if (framer.seq() < lastSeq) {
          error = "byte offset " + start + ": seq " + framer.seq() + " after seq " + lastSeq
              + ": fanout's input must be in non-decreasing seq order";
          break;
        }
        lastSeq = framer.seq();
        records.add(start + " " + lastSeq);
        start += length;
      }
    } catch (RecordFormatException e) {
      error = e.getClass().getSimpleName() + ": " + e.getMessage();
    }
    if (error == null) return new Outcome(records, null);
    if (!error.startsWith("RecordFormatException") && !error.startsWith("Upstream")) {
      error = "RecordFormatException: " + error;
    }
    return new Outcome(records, error);
  }

  /** With {@code full}, a batch of fewer than batchSize records must be the last. */
  private static Outcome batches(byte[] input, int batchSize, InputStream in, boolean whole, boolean full)
      throws Exception {
    BatchSource source = new BatchSource(in, batchSize, whole);
    List<String> records = new ArrayList<>();
    int offset = 0;
    boolean lastBatch = false;
    try {
      for (Chunk batch = source.next(); batch != null; batch = source.next()) {
        assertTrue(!lastBatch, () -> "a batch after one of fewer than " + batchSize + " records");
        assertTrue(batch.records() <= batchSize, () -> "a batch of more than " + batchSize + " records");
        lastBatch = full && batch.records() < batchSize;
        assertEquals(Hex.encode(Arrays.copyOfRange(input, offset, offset + batch.bytes().length)),
            Hex.encode(batch.bytes()));
        offset = addRecords(batch, offset, records);
      }
      return new Outcome(records, null);
    } catch (RecordFormatException e) {
      return new Outcome(records, e.getClass().getSimpleName() + ": " + e.getMessage());
    }
  }

  /** Frames the batch's bytes on their own: whole records, as many as it says, its seqs the ones it says. */
  private static int addRecords(Chunk batch, int offset, List<String> records) throws RecordFormatException {
    RecordFramer framer = new RecordFramer();
    byte[] bytes = batch.bytes();
    int count = 0;
    long firstSeq = -1;
    for (int start = 0; start < bytes.length; count++) {
      int length = framer.frame(bytes, start, bytes.length, offset + start);
      assertTrue(length > 0, "a batch ends inside a record");
      if (count == 0) firstSeq = framer.seq();
      records.add(offset + start + " " + framer.seq());
      start += length;
    }
    assertEquals(List.of(batch.records(), batch.firstSeq(), batch.lastSeq()), List.of(count, firstSeq, framer.seq()));
    return offset + bytes.length;
  }
}
