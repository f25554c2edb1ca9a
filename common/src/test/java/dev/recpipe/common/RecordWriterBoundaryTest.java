package dev.recpipe.common;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.recpipe.common.testing.Hex;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * What a stage stopped at any moment leaves downstream, given that {@link RecordWriter} tells its
 * {@link AbortableOutput} where records end: never a valid, complete-looking stream.
 */
class RecordWriterBoundaryTest {
  @Test
  void stoppedAtAnyPointTheOutputNeverReadsAsComplete() throws IOException {
    Random random = new Random(20261130);
    for (int trial = 0; trial < 2000; trial++) {
      ByteArrayOutputStream sink = new ByteArrayOutputStream();
      AbortableOutput out = new AbortableOutput(sink);
      RecordWriter writer = new RecordWriter(out, 16 + random.nextInt(64));
      int records = random.nextInt(30);
      for (int seq = 0; seq < records; seq++) writer.write(seq, "x".repeat(random.nextInt(100)));
      out.abort(0);
      assertFailsDownstream(sink.toByteArray(), "trial " + trial);
    }
  }

  @Test
  void recordsSmallerThanHalfTheBufferAlwaysGoOutWholeSoTheStopIsMarked() throws IOException {
    Random random = new Random(7);
    for (int trial = 0; trial < 1000; trial++) {
      ByteArrayOutputStream sink = new ByteArrayOutputStream();
      AbortableOutput out = new AbortableOutput(sink);
      RecordWriter writer = new RecordWriter(out, 64);
      int records = random.nextInt(50);
      for (int seq = 0; seq < records; seq++) writer.write(seq, "y".repeat(random.nextInt(28)));
      assertTrue(out.abort(0), "trial " + trial);
      byte[] bytes = sink.toByteArray();
      assertEquals(0xff, bytes[bytes.length - 1] & 0xff);
      assertThrows(UpstreamFailedException.class, () -> readAll(bytes));
    }
  }

  @Test
  void flushAfterARecordCutShortByAnExceptionWritesOnlyTheWholeRecords() throws IOException {
    ByteArrayOutputStream sink = new ByteArrayOutputStream();
    RecordWriter writer = new RecordWriter(sink);
    writer.writeInteger(0, 1);
    assertThrows(IllegalArgumentException.class, () -> writer.write(1, List.of(2L, new Object())));
    writer.flush();
    assertEquals("82 00 01", Hex.encode(sink.toByteArray()));
    writer.writeInteger(2, 3);
    writer.flush();
    assertEquals("82 00 01 82 02 03", Hex.encode(sink.toByteArray()));
  }

  private static void assertFailsDownstream(byte[] bytes, String what) {
    try {
      readAll(bytes);
      fail(what + ": a stopped stage's output read as complete: " + Hex.encode(bytes));
    } catch (IOException expected) {
      // the abort mark, or a record cut short: either way the stage downstream fails
    }
  }

  private static void readAll(byte[] bytes) throws IOException {
    RecordReader reader = new RecordReader(new ByteArrayInputStream(bytes));
    while (reader.next()) reader.readValue();
  }
}
