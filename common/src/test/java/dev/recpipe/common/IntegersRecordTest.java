package dev.recpipe.common;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.recpipe.common.testing.Hex;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * {@link RecordWriter#writeIntegers}' one pass, which stores each head's argument as 8 bytes and
 * steps over the ones it does not need, against the general path, {@code write(seq, List<Long>)},
 * a head at a time: the same bytes for integers of every width and at every edge, seqs of every
 * width, empty and long arrays, and buffers so small that records meet their end (where the one
 * pass makes room, or leaves the record to the general path).
 */
class IntegersRecordTest {
  private static final long[] EDGES = {
    0, 1, 23, 24, 255, 256, 65535, 65536, 0xffffffffL, 0x100000000L, Long.MAX_VALUE,
    -1, -24, -25, -256, -257, -65536, -65537, -0x100000000L, -0x100000001L, Long.MIN_VALUE,
  };

  @Test
  void goldenBytes() throws IOException {
    // [70000, [0, -1, 24, -25, 256, 4294967296, -9223372036854775808]]
    long[] values = {0, -1, 24, -25, 256, 0x100000000L, Long.MIN_VALUE};
    assertEquals("82 1a 00 01 11 70 87 00 20 18 18 38 18 19 01 00 1b 00 00 00 01 00 00 00 00 3b 7f ff ff ff ff ff ff ff",
        Hex.encode(writeIntegers(1024, 70000, values, values.length)));
  }

  @Test
  void everyEdgeAsEverySeqTheSameBytesAsTheGeneralPath() throws IOException {
    for (long seq : EDGES) {
      if (seq < 0) continue;
      for (long value : EDGES) {
        long[] values = {value, 7, value};
        assertArrayEquals(write(1024, seq, values, 3), writeIntegers(1024, seq, values, 3), "seq " + seq + ", value " + value);
      }
    }
  }

  @Test
  void randomRecordsTheSameBytesAsTheGeneralPath() throws IOException {
    Random random = new Random(12);
    for (int bufferSize : new int[] {16, 40, 97, 1024, 64 * 1024}) {
      for (int run = 0; run < 300; run++) {
        List<long[]> records = new ArrayList<>();
        for (int r = 0; r < 1 + random.nextInt(40); r++) records.add(randomValues(random));
        long firstSeq = random.nextBoolean() ? random.nextInt(300) : random.nextLong() >>> 1 + random.nextInt(63);
        assertArrayEquals(writeAll(bufferSize, firstSeq, records, false), writeAll(bufferSize, firstSeq, records, true),
            "buffer " + bufferSize + ", run " + run);
      }
    }
  }

  @Test
  void onlyTheFirstCountValuesAreWritten() throws IOException {
    long[] values = {1, 2, 3, 99};
    assertArrayEquals(write(1024, 5, new long[] {1, 2, 3}, 3), writeIntegers(1024, 5, values, 3));
    assertArrayEquals(write(1024, 5, new long[0], 0), writeIntegers(1024, 5, values, 0));
  }

  private static long[] randomValues(Random random) {
    long[] values = new long[random.nextInt(10) == 0 ? random.nextInt(300) : random.nextInt(12)];
    for (int i = 0; i < values.length; i++) {
      int kind = random.nextInt(4);
      values[i] = kind == 0 ? EDGES[random.nextInt(EDGES.length)]
          : kind == 1 ? random.nextLong()
          : random.nextLong() >> random.nextInt(64); // every width, either sign
    }
    return values;
  }

  private static byte[] writeAll(int bufferSize, long firstSeq, List<long[]> records, boolean onePass) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    RecordWriter writer = new RecordWriter(out, bufferSize);
    long seq = firstSeq;
    for (long[] values : records) {
      if (onePass) {
        writer.writeIntegers(seq++, values, values.length);
      } else {
        writer.write(seq++, boxed(values, values.length));
      }
    }
    writer.flush();
    return out.toByteArray();
  }

  private static byte[] writeIntegers(int bufferSize, long seq, long[] values, int count) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    RecordWriter writer = new RecordWriter(out, bufferSize);
    writer.writeIntegers(seq, values, count);
    writer.flush();
    return out.toByteArray();
  }

  private static byte[] write(int bufferSize, long seq, long[] values, int count) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    RecordWriter writer = new RecordWriter(out, bufferSize);
    writer.write(seq, boxed(values, count));
    writer.flush();
    return out.toByteArray();
  }

  private static List<Long> boxed(long[] values, int count) {
    List<Long> list = new ArrayList<>();
    for (int i = 0; i < count; i++) list.add(values[i]);
    return list;
  }
}
