package dev.recpipe.fanout.pipes;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.recpipe.fanout.testing.Umask;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The two ways to named pipes behave alike in every way fanout relies on: the JDK's pipe channels
 * (the way bin/recpipe runs fanout, and these tests' JVM, whose surefire options open the JDK's
 * internals as bin/recpipe does) and jnr's (the fallback, and fanout deal and merge).
 */
class FifosTest {
  @TempDir Path dir;

  static List<Fifos> ways() {
    JdkFifos jdk = JdkFifos.ifOpen();
    assertNotNull(jdk, "the JDK's internals are not open to this JVM: fanout/pom.xml's surefire argLine");
    return List.of(jdk, JnrFifos.INSTANCE);
  }

  @Test
  void fanoutsOwnPipesTakeTheJdksWayWhereItIsOpen() {
    assertEquals("jdk", Fifos.forOwnPipes().name());
    assertEquals("jnr", Fifos.forAnyPath().name()); // deal and merge: regular files too, which epoll refuses
  }

  @ParameterizedTest
  @MethodSource("ways")
  void aPipeIsMadeForItsOwnerAloneWhateverTheUmask(Fifos fifos) throws Exception {
    for (int mask : new int[] {0, 0277, 0777}) {
      Path pipe = dir.resolve(fifos.name() + "-" + mask);
      Umask.under(mask, () -> make(fifos, pipe));
      assertTrue(Files.readAttributes(pipe, java.nio.file.attribute.BasicFileAttributes.class).isOther(), pipe + " is not a named pipe");
      assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(pipe)));
    }
  }

  @ParameterizedTest
  @MethodSource("ways")
  void makingAPipeWhereAFileIsFailsNamingThePath(Fifos fifos) throws Exception {
    Path taken = Files.createFile(dir.resolve("taken"));
    IOException e = assertThrows(IOException.class, () -> fifos.mkfifo(taken.toString()));
    assertEquals(taken + ": File exists", e.getMessage());
  }

  @ParameterizedTest
  @MethodSource("ways")
  void openingWhatIsNotThereFailsNamingThePath(Fifos fifos) {
    String missing = dir.resolve("missing").toString();
    IOException e = assertThrows(IOException.class, () -> fifos.openForReading(missing));
    assertEquals(missing + ": No such file or directory", e.getMessage());
  }

  @ParameterizedTest
  @MethodSource("ways")
  void theWriteEndOfAPipeNobodyReadsIsRefusedNotWaitedFor(Fifos fifos) throws Exception {
    String pipe = make(fifos, dir.resolve("p"));
    IOException e = assertThrows(Fifos.NoReaderException.class, () -> fifos.openForWriting(pipe));
    assertEquals(pipe + ": No such device or address", e.getMessage());
  }

  @ParameterizedTest
  @MethodSource("ways")
  void bytesGoThroughUnderTheSelectorAndTheEndIsMinusOne(Fifos fifos) throws Exception {
    String pipe = make(fifos, dir.resolve("p"));
    try (Selector selector = fifos.openSelector();
        FifoChannel reader = fifos.openForReading(pipe);
        FifoChannel writer = fifos.openForWriting(pipe)) {
      ByteBuffer into = ByteBuffer.allocate(64);
      assertEquals(0, reader.read(into), "nothing written yet: 0 bytes, not the end");
      SelectionKey readable = reader.register(selector, SelectionKey.OP_READ, "r");
      SelectionKey writable = writer.register(selector, SelectionKey.OP_WRITE, "w");
      assertEquals(1, selector.selectNow());
      assertTrue(selector.selectedKeys().contains(writable));
      selector.selectedKeys().clear();
      writable.interestOps(0);

      assertEquals(5, writer.write(ByteBuffer.wrap("hello".getBytes())));
      assertEquals(1, selector.select(5_000));
      assertTrue(selector.selectedKeys().contains(readable));
      selector.selectedKeys().clear();
      assertEquals(5, reader.read(into));
      assertEquals("hello", new String(into.array(), 0, into.position()));

      writer.close();
      assertEquals(1, selector.select(5_000), "the writer's close wakes the reader");
      assertEquals(-1, reader.read(into));
    }
  }

  @ParameterizedTest
  @MethodSource("ways")
  void aFullPipeTakesNothingMoreAndSaysSoWithZero(Fifos fifos) throws Exception {
    String pipe = make(fifos, dir.resolve("p"));
    try (FifoChannel probe = fifos.openForReading(pipe); FifoChannel writer = fifos.openForWriting(pipe)) {
      byte[] block = new byte[1 << 20];
      Arrays.fill(block, (byte) 7);
      ByteBuffer source = ByteBuffer.wrap(block);
      int first = writer.write(source);
      assertTrue(first > 0 && first < block.length, "a partial write: " + first);
      assertEquals(0, writer.write(source), "a full pipe: 0 bytes written, no exception");
      assertEquals(first, probe.unreadBytes(), "the bytes written and not read");
      ByteBuffer some = ByteBuffer.allocate(1000);
      assertEquals(1000, probe.read(some));
      assertEquals(first - 1000, probe.unreadBytes());
    }
  }

  @ParameterizedTest
  @MethodSource("ways")
  void writingToAPipeWhoseReaderHasGoneFailsWithBrokenPipe(Fifos fifos) throws Exception {
    String pipe = make(fifos, dir.resolve("p"));
    FifoChannel reader = fifos.openForReading(pipe);
    try (FifoChannel writer = fifos.openForWriting(pipe)) {
      reader.close();
      IOException e = assertThrows(IOException.class, () -> writer.write(ByteBuffer.wrap(new byte[] {1})));
      assertEquals("Broken pipe", e.getMessage());
    }
  }

  @ParameterizedTest
  @MethodSource("ways")
  void theWriteEndOpensOnceSomebodyReadsAndNotBefore(Fifos fifos) throws Exception {
    String pipe = make(fifos, dir.resolve("p"));
    AtomicBoolean waiting = new AtomicBoolean(true);
    CompletableFuture<FifoChannel> opened = CompletableFuture.supplyAsync(() -> {
      try {
        return fifos.openForWritingWhenRead(pipe, waiting::get);
      } catch (IOException | InterruptedException e) {
        throw new IllegalStateException(e);
      }
    });
    Thread.sleep(50);
    assertTrue(!opened.isDone(), "opened before anybody reads");
    try (FifoChannel reader = fifos.openForReading(pipe); FifoChannel writer = opened.get(10, TimeUnit.SECONDS)) {
      assertEquals(3, writer.write(ByteBuffer.wrap(new byte[] {1, 2, 3})));
      ByteBuffer into = ByteBuffer.allocate(3);
      assertEquals(3, reader.read(into));
      assertArrayEquals(new byte[] {1, 2, 3}, into.array());
    }
    assertNull(fifos.openForWritingWhenRead(pipe, () -> false), "given up: null");
  }

  private static String make(Fifos fifos, Path path) throws IOException {
    fifos.mkfifo(path.toString());
    return path.toString();
  }
}
