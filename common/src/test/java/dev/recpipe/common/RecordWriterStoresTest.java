package dev.recpipe.common;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/**
 * RecordWriter stores a head's 2, 4 or 8 argument bytes with plain byte stores until its first
 * {@code writeIntegers}, and through VarHandles after it: both write the same bytes, for every
 * argument length and its boundaries, in seqs and in values.
 */
class RecordWriterStoresTest {
  private static final long[] EDGES = {
    0, 23, 24, 255, 256, 65535, 65536, 0xffffffffL, 0x100000000L, Long.MAX_VALUE,
    -1, -24, -25, -256, -257, -65536, -65537, -0x100000000L, -0x100000001L, Long.MIN_VALUE,
  };

  @Test
  void byteStoresAndVarHandleStoresWriteTheSameBytes() throws IOException {
    for (long value : EDGES) {
      long seq = Math.abs(value == Long.MIN_VALUE ? Long.MAX_VALUE : value);
      assertArrayEquals(integerRecord(seq, value, false), integerRecord(seq, value, true), "seq " + seq + ", value " + value);
    }
  }

  /**
   * {@code [seq, value]}, {@code [seq, 1.5e300]} and {@code [seq, [value, 70000]]} as a writer writes
   * them that has or has not called writeIntegers before: the first two go through byte stores or
   * VarHandles, the third through VarHandles either way.
   */
  private static byte[] integerRecord(long seq, long value, boolean afterWriteIntegers) throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    RecordWriter writer = new RecordWriter(bytes);
    if (afterWriteIntegers) {
      writer.writeIntegers(0, new long[] {1}, 1);
      writer.flush();
      bytes.reset();
    }
    writer.writeInteger(seq, value);
    writer.write(seq, 1.5e300); // a double's 8 bytes
    writer.writeIntegers(seq, new long[] {value, 70000}, 2);
    writer.flush();
    return Arrays.copyOf(bytes.toByteArray(), bytes.size());
  }
}
