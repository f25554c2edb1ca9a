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

  /**
   * A record larger than the buffer goes out in parts, and a stage stopped before its last part must
   * leave the stream inside it, with no mark: one byte short of its end, a mark there is read as that
   * byte, and a byte string then decodes whole, ending in a byte the stage never wrote. The test above
   * stops only after text, where a mark inside a record still failed to decode: with the parts
   * written as whole records, it passed.
   */
  @Test
  void aByteStringStoppedAnyBytesShortOfItsEndGetsNoMarkInsideIt() throws IOException {
    for (int bufferSize = 16; bufferSize <= 48; bufferSize++) {
      for (int length = 1; length <= 3 * bufferSize; length++) {
        ByteArrayOutputStream sink = new ByteArrayOutputStream();
        AbortableOutput out = new AbortableOutput(sink);
        RecordWriter writer = new RecordWriter(out, bufferSize);
        writer.write(0, new byte[length]); // its last part still in the buffer, unless it all fits
        out.abort(0);
        assertFailsDownstream(sink.toByteArray(), "buffer " + bufferSize + ", " + length + " bytes");
      }
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

  /**
   * A Java stage may catch the exception of a value it can't emit and emit another in its place: the
   * record cut short must not stay in the buffer in front of it, whichever way the next one is
   * written (each has its own fast path), or the output reads as garbage, or the flush drops it.
   */
  @Test
  void aRecordWrittenAfterOneCutShortByAnExceptionFollowsTheWholeRecordsBefore() throws IOException {
    List<Next> nexts = List.of(
        writer -> writer.write(2, 3L),
        writer -> writer.writeInteger(2, 3),
        writer -> writer.writeIntegers(2, new long[] {3}, 1),
        writer -> writer.writeText(2, new byte[] {'z'}, 0, 1));
    List<String> expected = List.of("82 02 03", "82 02 03", "82 02 81 03", "82 02 61 7a");
    for (int i = 0; i < nexts.size(); i++) {
      ByteArrayOutputStream sink = new ByteArrayOutputStream();
      RecordWriter writer = new RecordWriter(sink);
      writer.writeInteger(0, 1);
      assertThrows(IllegalArgumentException.class, () -> writer.write(1, List.of(2L, new Object())));
      nexts.get(i).write(writer);
      writer.flush();
      assertEquals("82 00 01 " + expected.get(i), Hex.encode(sink.toByteArray()), "way " + i);
    }
  }

  /** Once part of the record cut short has gone out, nothing can follow it on the stream. */
  @Test
  void noRecordFollowsOneCutShortAfterPartOfItWentOut() throws IOException {
    ByteArrayOutputStream sink = new ByteArrayOutputStream();
    AbortableOutput out = new AbortableOutput(sink);
    RecordWriter writer = new RecordWriter(out, 16);
    writer.writeInteger(0, 1);
    assertThrows(IllegalArgumentException.class, () -> writer.write(1, List.of("x".repeat(40), new Object())));
    IllegalStateException e = assertThrows(IllegalStateException.class, () -> writer.writeInteger(2, 3));
    assertTrue(e.getMessage().contains("cut short"), e.getMessage());
    writer.flush();
    assertThrows(IllegalStateException.class, () -> writer.writeText(2, new byte[] {'z'}, 0, 1), "nor after a flush");
  }

  @FunctionalInterface
  private interface Next {
    void write(RecordWriter writer) throws IOException;
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
