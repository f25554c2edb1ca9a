package dev.recpipe.fanout.testing;

import java.util.Arrays;

/** Records of an exact size, for the record limit's edges. */
public final class TextRecord {
  private TextRecord() {}

  /** [0, "xxx..."], {@code length} bytes in all: 7 bytes of heads (82 00 7a n n n n) and the text. */
  public static byte[] ofLength(int length) {
    byte[] record = new byte[length];
    Arrays.fill(record, (byte) 'x');
    int text = length - 7;
    byte[] heads = {(byte) 0x82, 0, 0x7a, (byte) (text >>> 24), (byte) (text >>> 16), (byte) (text >>> 8), (byte) text};
    System.arraycopy(heads, 0, record, 0, heads.length);
    return record;
  }
}
