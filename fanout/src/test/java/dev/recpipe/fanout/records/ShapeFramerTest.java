package dev.recpipe.fanout.records;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.recpipe.common.RecordFormatException;
import dev.recpipe.common.RecordFramer;
import dev.recpipe.common.testing.Hex;
import java.io.ByteArrayOutputStream;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * {@link ShapeFramer} against {@link RecordFramer}, the reference: it frames the two common shapes in
 * every head width (so the fast path is taken, not only the fallback), never a record cut short, and
 * whatever it takes, among generated records and every one-byte change of them, the general framer
 * takes too, with the same length and seq.
 */
class ShapeFramerTest {
  private static final long[] EDGES = {0, 1, 23, 24, 255, 256, 65535, 65536, 0xffffffffL, 0x100000000L,
      Long.MAX_VALUE - 1, Long.MAX_VALUE};

  @Test
  void takesBothShapesInEveryHeadWidthAsTheGeneralFramerDoes() throws Exception {
    for (long seq : EDGES) {
      for (long value : EDGES) {
        assertSameAndTaken(record(seq, integer(0, value)));
        assertSameAndTaken(record(seq, integer(1, value))); // -1 - value
        assertSameAndTaken(record(seq, array(integer(0, value), integer(1, value), integer(0, 7))));
      }
    }
    assertSameAndTaken(record(5, new byte[] {(byte) 0x80})); // an empty array
    byte[][] items = new byte[23][];
    for (int i = 0; i < items.length; i++) items[i] = integer(i % 2, EDGES[i % EDGES.length]);
    assertSameAndTaken(record(5, array(items)));
  }

  @Test
  void leavesEveryOtherShapeToTheGeneralFramerAndSaysWhenOneOfItsOwnIsCut() throws Exception {
    ShapeFramer shapes = new ShapeFramer();
    String[] others = {
        "9f 00 01 ff", // an indefinite record
        "83 00 01 02", // three elements
        "82 1c 01", "82 00 1c", "82 00 81 1f", // reserved and indefinite heads
        "82 1b 80 00 00 00 00 00 00 00 01", // a seq past 2^63-1
        "82 c2 41 05 01", // a bignum seq
        "82 00 98 18" + " 00".repeat(24), // an array of 24 items
        "82 00 61 61", "82 00 f6", "82 00 a0", "82 00 82 00 61 61", "82 00 82 00 80", // text, null, a map, nested
        "ff"};
    for (String other : others) {
      byte[] bytes = Hex.decode(other);
      assertEquals(ShapeFramer.OTHER, shapes.frame(bytes, 0, bytes.length), other);
    }
    byte[][] wholes = {record(Long.MAX_VALUE, array(integer(0, 1L << 40), integer(1, 3))),
        record(Long.MAX_VALUE, integer(1, 1L << 40)), record(7, array(integer(0, 300), integer(0, 1L << 62)))};
    for (byte[] whole : wholes) {
      for (int cut = 0; cut < whole.length; cut++) {
        assertEquals(ShapeFramer.CUT, shapes.frame(whole, 0, cut), Hex.encode(whole) + " cut at " + cut);
      }
      assertEquals(whole.length, shapes.frame(whole, 0, whole.length), Hex.encode(whole));
    }
  }

  @Test
  void whatItCallsCutTheGeneralFramerAlsoNeedsMoreOf() throws Exception {
    Random random = new Random(13);
    int cuts = 0;
    for (int i = 0; i < 5_000; i++) {
      byte[] bytes = randomRecord(random);
      if (random.nextBoolean()) {
        int at = random.nextInt(bytes.length);
        bytes[at] = (byte) (random.nextBoolean() ? random.nextInt(256) : bytes[at] ^ 1 << random.nextInt(8));
      }
      for (int end = 0; end <= bytes.length; end++) {
        if (new ShapeFramer().frame(bytes, 0, end) != ShapeFramer.CUT) continue;
        cuts++;
        byte[] prefix = java.util.Arrays.copyOf(bytes, end);
        try {
          assertEquals(-1, new RecordFramer().frame(prefix, 0, end, 0), () -> "cut, but framed: " + Hex.encode(prefix));
        } catch (RecordFormatException e) {
          throw new AssertionError("cut, but the general framer refuses " + Hex.encode(prefix) + ": " + e.getMessage());
        }
      }
    }
    assertTrue(cuts > 10_000, "too few cuts: " + cuts);
  }

  @Test
  void takesNothingTheGeneralFramerRefusesOrReadsOtherwise() throws Exception {
    Random random = new Random(12);
    int taken = 0;
    for (int i = 0; i < 20_000; i++) {
      byte[] bytes = randomRecord(random);
      int at = random.nextInt(bytes.length);
      bytes[at] = (byte) (random.nextBoolean() ? random.nextInt(256) : bytes[at] ^ 1 << random.nextInt(8));
      if (assertSameIfTaken(bytes)) taken++;
    }
    assertTrue(taken > 1000, "too few changed records were still of a common shape: " + taken);
  }

  private static byte[] randomRecord(Random random) {
    long seq = random.nextBoolean() ? EDGES[random.nextInt(EDGES.length)] : random.nextLong() & Long.MAX_VALUE;
    if (random.nextBoolean()) return record(seq, integer(random.nextInt(2), random.nextLong()));
    byte[][] items = new byte[random.nextInt(25)][];
    for (int i = 0; i < items.length; i++) items[i] = integer(random.nextInt(2), random.nextLong() >>> random.nextInt(64));
    return record(seq, array(items));
  }

  private static void assertSameAndTaken(byte[] record) throws RecordFormatException {
    assertTrue(assertSameIfTaken(record), () -> "not taken: " + Hex.encode(record));
  }

  /** Whether the shape framer took {@code bytes}; if it did, the general one frames them the same. */
  private static boolean assertSameIfTaken(byte[] bytes) {
    ShapeFramer shapes = new ShapeFramer();
    int length = shapes.frame(bytes, 0, bytes.length);
    if (length == ShapeFramer.OTHER || length == ShapeFramer.CUT) return false;
    RecordFramer general = new RecordFramer();
    try {
      assertEquals(general.frame(bytes, 0, bytes.length, 0), length, () -> Hex.encode(bytes));
    } catch (RecordFormatException e) {
      throw new AssertionError("taken, but the general framer refuses " + Hex.encode(bytes) + ": " + e.getMessage());
    }
    assertEquals(general.seq(), shapes.seq(), () -> Hex.encode(bytes));
    return true;
  }

  private static byte[] record(long seq, byte[] value) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.write(0x82);
    out.writeBytes(integer(0, seq));
    out.writeBytes(value);
    return out.toByteArray();
  }

  private static byte[] array(byte[]... items) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    if (items.length < 24) {
      out.write(0x80 + items.length);
    } else {
      out.write(0x98);
      out.write(items.length);
    }
    for (byte[] item : items) out.writeBytes(item);
    return out.toByteArray();
  }

  /** An integer head of major type {@code major} (0 or 1) on {@code argument}, unsigned, in the shortest width. */
  private static byte[] integer(int major, long argument) {
    int head = major << 5;
    if (argument >= 0 && argument < 24) return new byte[] {(byte) (head | argument)};
    int width = Long.compareUnsigned(argument, 0xff) <= 0 ? 1 : Long.compareUnsigned(argument, 0xffff) <= 0 ? 2
        : Long.compareUnsigned(argument, 0xffffffffL) <= 0 ? 4 : 8;
    byte[] bytes = new byte[1 + width];
    bytes[0] = (byte) (head | 24 + Integer.numberOfTrailingZeros(width));
    for (int i = 0; i < width; i++) bytes[width - i] = (byte) (argument >>> 8 * i);
    return bytes;
  }
}
