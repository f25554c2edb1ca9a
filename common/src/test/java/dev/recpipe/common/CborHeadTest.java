package dev.recpipe.common;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import dev.recpipe.common.testing.Hex;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The shortest head at every edge of every width (RFC 8949 §4.2.1), as bytes: the golden vectors of both writers of heads. */
class CborHeadTest {
  @ParameterizedTest
  @CsvSource({
    "0,                    0,  00",
    "0,                    23, 17",
    "0,                    24, 18 18",
    "0,                    255, 18 ff",
    "0,                    256, 19 01 00",
    "0,                    65535, 19 ff ff",
    "0,                    65536, 1a 00 01 00 00",
    "0,                    4294967295, 1a ff ff ff ff",
    "0,                    4294967296, 1b 00 00 00 01 00 00 00 00",
    "0,                    9223372036854775807, 1b 7f ff ff ff ff ff ff ff",
    "0,                    -1, 1b ff ff ff ff ff ff ff ff",
    "128,                  2, 82",
    "96,                   300, 79 01 2c",
    "32,                   -9223372036854775808, 3b 80 00 00 00 00 00 00 00",
  })
  void theShortestHead(int major, long argument, String hex) {
    byte[] bytes = new byte[CborHead.MAX_BYTES + 2];
    int end = CborHead.write(bytes, 1, major, argument);
    assertEquals(hex, Hex.encode(Arrays.copyOfRange(bytes, 1, end)));
    assertEquals(end - 2, CborHead.argumentBytes(argument));
  }

  /**
   * The head without a branch (a table by bit length, and the sign of 23 - argument) against the rule
   * as RFC 8949 states it, at 2^k - 1, 2^k, 2^k + 1 and -2^k (unsigned) for every k, and at 0 to
   * 40: the same length and the same bytes.
   */
  @Test
  void everyBitLengthAsTheRuleSays() {
    for (int k = 0; k < 64; k++) {
      for (long delta = -1; delta <= 1; delta++) check((1L << k) + delta);
      check(-(1L << k));
    }
    for (long argument = 0; argument <= 40; argument++) check(argument);
  }

  private static void check(long argument) {
    int expected = Long.compareUnsigned(argument, 24) < 0 ? 0
        : Long.compareUnsigned(argument, 0xff) <= 0 ? 1
        : Long.compareUnsigned(argument, 0xffff) <= 0 ? 2
        : Long.compareUnsigned(argument, 0xffffffffL) <= 0 ? 4 : 8;
    assertEquals(expected, CborHead.argumentBytes(argument), "argument " + Long.toUnsignedString(argument));
    byte[] head = new byte[1 + expected];
    head[0] = (byte) (0x40 | (expected == 0 ? (int) argument : expected == 1 ? 24 : expected == 2 ? 25 : expected == 4 ? 26 : 27));
    for (int i = 0; i < expected; i++) head[1 + i] = (byte) (argument >>> 8 * (expected - 1 - i));
    byte[] bytes = new byte[CborHead.MAX_BYTES];
    int end = CborHead.write(bytes, 0, 0x40, argument);
    assertArrayEquals(head, Arrays.copyOf(bytes, end), "argument " + Long.toUnsignedString(argument));
  }
}
