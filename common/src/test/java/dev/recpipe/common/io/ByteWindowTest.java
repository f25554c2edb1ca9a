package dev.recpipe.common.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.recpipe.common.RecpipeException;
import dev.recpipe.common.testing.ThrottledInputStream;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.Channels;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class ByteWindowTest {
  private static final byte[] INPUT = input(300_000);

  @Test
  void consumingAsReadGivesBackTheStreamHoweverItArrives() throws IOException {
    for (InputStream in : throttled(INPUT)) {
      ByteWindow window = new ByteWindow(ByteWindow.READ_SIZE, 0);
      ByteArrayOutputStream copy = new ByteArrayOutputStream();
      Random sizes = new Random(3);
      while (window.read(in, "test") > 0) {
        int take = Math.min(window.available(), 1 + sizes.nextInt(70_000));
        assertEquals(copy.size(), window.offset(window.position()), "offsets count from the stream's start");
        copy.write(window.bytes(), window.position(), take);
        window.consume(take);
      }
      copy.write(window.bytes(), window.position(), window.available());
      assertArrayEquals(INPUT, copy.toByteArray());
    }
  }

  @Test
  void unconsumedBytesAreKeptAndTheWindowGrowsOnlyForThem() throws IOException {
    ByteWindow window = new ByteWindow(1 << 20, 0);
    InputStream in = new ByteArrayInputStream(INPUT);
    while (window.available() < 200_000) window.read(in, "test");
    assertTrue(window.bytes().length < 400_000, () -> "grew to " + window.bytes().length);
    assertArrayEquals(java.util.Arrays.copyOf(INPUT, window.available()),
        java.util.Arrays.copyOfRange(window.bytes(), window.position(), window.limit()));
  }

  @Test
  void aWindowAtCapacityRefusesToReadMore() throws IOException {
    ByteWindow window = new ByteWindow(ByteWindow.READ_SIZE, 0);
    InputStream in = new ByteArrayInputStream(INPUT);
    while (window.available() < ByteWindow.READ_SIZE) window.read(in, "test");
    assertEquals(ByteWindow.READ_SIZE, window.available());
    assertThrows(IllegalStateException.class, () -> window.read(in, "test"));
    window.consume(1); // one byte consumed: room for one more
    assertEquals(1, window.read(in, "test"));
  }

  @Test
  void theReserveStaysFreeForASentinel() throws IOException {
    ByteWindow window = new ByteWindow(ByteWindow.READ_SIZE, 1);
    InputStream in = new ByteArrayInputStream(INPUT);
    while (window.available() < ByteWindow.READ_SIZE) {
      window.read(in, "test");
      window.bytes()[window.limit()] = '\n'; // never out of bounds
    }
    assertEquals(ByteWindow.READ_SIZE + 1, window.bytes().length);
  }

  @Test
  void channelsReadLikeStreamsAndAnEmptyOneEndsAtOnce() throws IOException {
    ByteWindow window = new ByteWindow(ByteWindow.READ_SIZE, 0, 1000);
    assertEquals(-1, window.read(Channels.newChannel(new ByteArrayInputStream(new byte[0]))));
    assertEquals(0, window.available());
    assertEquals(3, window.read(Channels.newChannel(new ByteArrayInputStream(new byte[] {1, 2, 3}))));
    window.consume(2);
    assertEquals(1002, window.offset(window.position()), "from the first offset given");
  }

  @Test
  void aFailingStreamIsNamed() {
    InputStream broken = new InputStream() {
      @Override
      public int read() throws IOException {
        throw new IOException("Input/output error");
      }
    };
    RecpipeException e = assertThrows(RecpipeException.class,
        () -> new ByteWindow(ByteWindow.READ_SIZE, 0).read(broken, "rows.csv"));
    assertEquals("rows.csv: Input/output error", e.getMessage());
  }

  @Test
  void positionMayNotLeaveTheWindow() {
    ByteWindow window = new ByteWindow(ByteWindow.READ_SIZE, 0);
    assertThrows(IndexOutOfBoundsException.class, () -> window.position(1));
    assertThrows(IndexOutOfBoundsException.class, () -> window.consume(-1));
  }

  private static List<InputStream> throttled(byte[] input) {
    return List.of(new ByteArrayInputStream(input),
        ThrottledInputStream.oneByteAtATime(new ByteArrayInputStream(input)),
        ThrottledInputStream.randomChunks(new ByteArrayInputStream(input), 100_000, 5));
  }

  private static byte[] input(int length) {
    byte[] bytes = new byte[length];
    new Random(1).nextBytes(bytes);
    return bytes;
  }
}
