package dev.recpipe.fanout.deal;

import dev.recpipe.fanout.records.Chunk;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import dev.recpipe.common.Limits;
import dev.recpipe.common.RecordFormatException;
import dev.recpipe.common.RecordWriter;
import dev.recpipe.common.UpstreamFailedException;
import dev.recpipe.common.testing.Hex;
import dev.recpipe.common.testing.ThrottledInputStream;
import dev.recpipe.fanout.testing.TextRecord;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.Test;

class BatchSourceTest {
  /** Whole batches were asked for (-b), or the input is there already: batches of exactly batchSize, however it arrives. */
  @Test
  void batchesHoldExactlyBatchSizeRecordsWhenAskedOrTheInputIsThereHoweverItArrives() throws IOException {
    byte[] input = records(1000);
    for (boolean whole : new boolean[] {true, false}) {
      for (InputStream slow : List.of(new ByteArrayInputStream(input),
          ThrottledInputStream.oneByteAtATime(new ByteArrayInputStream(input)),
          ThrottledInputStream.randomChunks(new ByteArrayInputStream(input), 100, 7))) {
        InputStream in = whole || slow instanceof ByteArrayInputStream ? slow : ThrottledInputStream.restThere(slow);
        assertWholeBatches(input, readAll(new BatchSource(in, 64, whole)));
      }
    }
  }

  private static void assertWholeBatches(byte[] input, List<Chunk> batches) throws IOException {
    assertEquals(16, batches.size());
    for (int i = 0; i < 15; i++) {
      assertEquals(64, batches.get(i).records());
      assertEquals(64L * i, batches.get(i).firstSeq());
      assertEquals(64L * i + 63, batches.get(i).lastSeq());
    }
    assertEquals(1000 - 15 * 64, batches.get(15).records());
    ByteArrayOutputStream joined = new ByteArrayOutputStream();
    for (Chunk batch : batches) joined.write(batch.bytes());
    assertEquals(Hex.encode(input), Hex.encode(joined.toByteArray()));
  }

  /**
   * A slow producer: the records that have come are dealt without waiting for a full batch, which
   * might never come (a log followed; a command's output, a line now and then), and without reading
   * on, which would block: the batch is cut when nothing more is there yet.
   */
  @Test
  void recordsThatCameGoOutWithoutWaitingForAFullBatch() throws Exception {
    byte[] input = records(5);
    int firstThree = 3 * input.length / 5; // records(n) are all of one length
    CountDownLatch rest = new CountDownLatch(1);
    InputStream slow = new InputStream() {
      private int position;

      @Override
      public int read() {
        throw new UnsupportedOperationException();
      }

      @Override
      public int read(byte[] b, int off, int len) {
        if (position == firstThree) await(rest);
        if (position == input.length) return -1;
        int n = Math.min(len, (position < firstThree ? firstThree : input.length) - position);
        System.arraycopy(input, position, b, off, n);
        position += n;
        return n;
      }

      @Override
      public int available() {
        return position < firstThree || rest.getCount() == 0 ? input.length - position : 0;
      }
    };
    BatchSource source = new BatchSource(slow, 64, false);
    Chunk first = assertTimeoutPreemptively(Duration.ofSeconds(10), source::next, "waited for records not yet sent");
    assertEquals(3, first.records());
    assertEquals(2L, first.lastSeq());
    rest.countDown();
    Chunk second = source.next();
    assertEquals(2, second.records());
    assertEquals(3L, second.firstSeq());
    assertNull(source.next());
  }

  private static void await(CountDownLatch latch) {
    try {
      latch.await();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  @Test
  void emptyInputHasNoBatches() throws IOException {
    assertNull(new BatchSource(new ByteArrayInputStream(new byte[0]), 10, true).next());
  }

  @Test
  void truncatedInputNamesTheOffset() throws IOException {
    BatchSource source = new BatchSource(new ByteArrayInputStream(Hex.decode("82 00 06 82 01 83 01")), 10, true);
    assertEquals("82 00 06", Hex.encode(source.next().bytes()), "the whole record before the cut one");
    RecordFormatException e = assertThrows(RecordFormatException.class, source::next);
    assertEquals("truncated record at byte offset 3: input ends at byte offset 7 inside it", e.getMessage());
  }

  @Test
  void abortMarkMeansAnUpstreamFailure() throws IOException {
    BatchSource source = new BatchSource(new ByteArrayInputStream(Hex.decode("82 00 06 ff")), 10, true);
    assertEquals("82 00 06", Hex.encode(source.next().bytes()), "the records before the mark");
    assertThrows(UpstreamFailedException.class, source::next);
    assertThrows(UpstreamFailedException.class, source::next, "and again: the input stays failed");
  }

  @Test
  void abortMarkFirstIsAnErrorAtOnce() {
    BatchSource source = new BatchSource(new ByteArrayInputStream(Hex.decode("ff")), 10, true);
    assertThrows(UpstreamFailedException.class, source::next);
  }

  @Test
  void seqsGoingBackwardsAreRefused() throws IOException {
    BatchSource source = new BatchSource(new ByteArrayInputStream(Hex.decode("82 05 06 82 04 06")), 10, true);
    assertEquals(1, source.next().records());
    RecordFormatException e = assertThrows(RecordFormatException.class, source::next);
    assertEquals("byte offset 3: seq 4 after seq 5: fanout's input must be in non-decreasing seq order", e.getMessage());
  }

  @Test
  void aRecordAtTheLimitIsDealtAndOneBytePastItIsRefused() throws IOException {
    byte[] atTheLimit = TextRecord.ofLength(Limits.MAX_RECORD_BYTES);
    Chunk batch = new BatchSource(new ByteArrayInputStream(atTheLimit), 10, true).next();
    assertEquals(Limits.MAX_RECORD_BYTES, batch.bytes().length);
    byte[] past = TextRecord.ofLength(Limits.MAX_RECORD_BYTES + 1);
    RecordFormatException e = assertThrows(RecordFormatException.class,
        () -> new BatchSource(new ByteArrayInputStream(past), 10, true).next());
    assertEquals("byte offset 0: a record larger than 8 MiB (8388608 bytes), the limit", e.getMessage());
  }

  @Test
  void aBatchIsCutShortAtTheRecordLimitInBytesSoMemoryStaysBounded() throws IOException {
    ByteArrayOutputStream input = new ByteArrayOutputStream();
    for (int i = 0; i < 5; i++) input.write(TextRecord.ofLength(3 << 20)); // 3 MiB each: three pass the limit
    BatchSource source = new BatchSource(new ByteArrayInputStream(input.toByteArray()), 256, true);
    assertEquals(3, source.next().records());
    assertEquals(2, source.next().records());
    assertNull(source.next());
  }

  static byte[] records(int count) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    RecordWriter writer = new RecordWriter(out);
    for (int seq = 0; seq < count; seq++) writer.writeIntegers(seq, new long[] {seq, -seq, 1L << (seq % 60)}, 3);
    writer.flush();
    return out.toByteArray();
  }

  private static List<Chunk> readAll(BatchSource source) throws IOException {
    List<Chunk> batches = new ArrayList<>();
    for (Chunk batch = source.next(); batch != null; batch = source.next()) batches.add(batch);
    return batches;
  }
}
