package dev.recpipe.common;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.recpipe.common.testing.Hex;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

class AbortableOutputTest {
  private final ByteArrayOutputStream sink = new ByteArrayOutputStream();
  private final AbortableOutput out = new AbortableOutput(sink);

  @Test
  void abortBetweenRecordsWritesTheMark() throws IOException {
    out.write(Hex.decode("82 00 01"));
    assertTrue(out.abort(0));
    assertEquals("82 00 01 ff", Hex.encode(sink.toByteArray()));
  }

  @Test
  void abortBeforeAnyOutputWritesTheMark() {
    assertTrue(out.abort(0));
    assertEquals("ff", Hex.encode(sink.toByteArray()));
  }

  @Test
  void abortInsideARecordWritesNothingSoTheOutputEndsTruncated() throws IOException {
    // 82 00 62 61: a text string of 2 bytes with 1 written; an ff here would complete it
    out.writePartial(Hex.decode("82 00 62 61"), 0, 4);
    assertFalse(out.abort(0));
    assertEquals("82 00 62 61", Hex.encode(sink.toByteArray()));
  }

  @Test
  void theRestOfARecordBringsTheOutputBackToABoundary() throws IOException {
    out.writePartial(Hex.decode("82 00 62 61"), 0, 4);
    out.write(Hex.decode("62"));
    assertTrue(out.abort(0));
    assertEquals("82 00 62 61 62 ff", Hex.encode(sink.toByteArray()));
  }

  @Test
  void afterCompleteNoMarkIsWrittenAndLaterWritesAreDropped() throws IOException {
    out.write(Hex.decode("82 00 01"));
    out.complete();
    assertFalse(out.abort(0));
    out.write(Hex.decode("82 01 02"));
    assertEquals("82 00 01", Hex.encode(sink.toByteArray()));
  }

  @Test
  void theMarkIsWrittenOnceAndWritesAfterItAreDropped() throws IOException {
    assertTrue(out.abort(0));
    assertFalse(out.abort(0));
    out.write(Hex.decode("82 01 02"));
    assertEquals("ff", Hex.encode(sink.toByteArray()));
  }

  @Test
  void aTextOutputGetsNoMark() {
    out.carriesRecords(false);
    assertFalse(out.abort(0));
    assertEquals("", Hex.encode(sink.toByteArray()));
  }

  @Test
  void aTerminalGetsNoMark() {
    AbortableOutput terminal = new AbortableOutput(sink, () -> true);
    assertFalse(terminal.abort(0));
    assertEquals("", Hex.encode(sink.toByteArray()));
  }

  @Test
  void aDownstreamThatIsGoneIsNotAnError() {
    AbortableOutput broken = new AbortableOutput(new OutputStream() {
      @Override
      public void write(int b) throws IOException {
        throw new IOException("Broken pipe");
      }
    });
    assertFalse(broken.abort(0));
  }

  @Test
  @Timeout(10)
  void aWriteBlockedForeverDoesNotHoldTheAbortLongerThanItsWait() throws Exception {
    CountDownLatch writing = new CountDownLatch(1);
    CountDownLatch never = new CountDownLatch(1);
    AbortableOutput blocked = new AbortableOutput(new OutputStream() {
      @Override
      public void write(int b) {}

      @Override
      public void write(byte[] bytes, int offset, int length) {
        writing.countDown();
        try {
          never.await(); // a downstream that has stopped reading
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
      }
    });
    Thread writer = new Thread(() -> {
      try {
        blocked.write(Hex.decode("82 00 01"));
      } catch (IOException e) {
        throw new AssertionError(e);
      }
    });
    writer.setDaemon(true);
    writer.start();
    writing.await();
    assertFalse(blocked.abort(100));
    never.countDown();
  }
}
