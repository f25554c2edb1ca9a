package dev.recpipe.common;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.recpipe.common.testing.Hex;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** {@link Utf8} against the JDK's decoder, which follows the same RFC 3629 rules. */
class Utf8Test {
  @Test
  void asciiAndEmptyAreValid() {
    assertEquals(-1, Utf8.firstInvalid(new byte[0], 0, 0));
    assertEquals(-1, Utf8.firstInvalid("plain text\r\t".getBytes(StandardCharsets.US_ASCII), 0, 12));
  }

  @Test
  void looksLikeTextUpToTheFirstLineEnd() {
    assertTrue(looksLikeText("1,2,3\n\u0001\u0002"), "only the first line counts");
    assertTrue(looksLikeText("name,prix\tnote\r\ncafé,3\n"));
    assertTrue(looksLikeText("x"));
    assertTrue(looksLikeText("a".repeat(300) + "\u0000"), "only the first 256 bytes count");
    assertFalse(looksLikeText(""));
    assertFalse(looksLikeText("\n1,2\n"), "an empty first line");
    assertFalse(looksLikeText("1,\u00002"));
    assertFalse(looksLikeText("1,\u007f"));
    assertFalse(looksLikeText("1,\u001b[0m"));
    byte[] cafe = "café".getBytes(StandardCharsets.UTF_8);
    assertTrue(Utf8.looksLikeText(cafe, 0, cafe.length - 1), "cut short by the end of what was read");
    assertFalse(Utf8.looksLikeText(Hex.decode("61 c3 28 0a"), 0, 4));
    assertFalse(Utf8.looksLikeText(Hex.decode("82 00 01"), 0, 3));
    assertTrue(Utf8.looksLikeText(Hex.decode("ff 31 0a"), 1, 3), "from where it is told to look");
  }

  private static boolean looksLikeText(String text) {
    byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
    return Utf8.looksLikeText(bytes, 0, bytes.length);
  }

  @Test
  void onlyTheGivenRangeIsChecked() {
    byte[] bytes = Hex.decode("ff 61 c3 a9 ff");
    assertEquals(-1, Utf8.firstInvalid(bytes, 1, 4));
    assertEquals(2, Utf8.firstInvalid(bytes, 1, 3)); // the range cuts é in two
  }

  @Test
  void randomBytesAgreeWithTheJdkDecoder() {
    Random random = new Random(5);
    for (int i = 0; i < 200_000; i++) {
      byte[] bytes = randomBytes(random);
      assertEquals(jdkFirstInvalid(bytes), Utf8.firstInvalid(bytes, 0, bytes.length), Hex.encode(bytes));
    }
  }

  /** Mostly bytes near the edges of the UTF-8 ranges, where the mistakes would be. */
  private static byte[] randomBytes(Random random) {
    int[] interesting = {0x00, 0x41, 0x7f, 0x80, 0x8f, 0x90, 0x9f, 0xa0, 0xbf, 0xc0, 0xc1, 0xc2, 0xdf,
        0xe0, 0xe1, 0xec, 0xed, 0xee, 0xef, 0xf0, 0xf1, 0xf3, 0xf4, 0xf5, 0xff};
    byte[] bytes = new byte[random.nextInt(7)];
    for (int i = 0; i < bytes.length; i++) {
      bytes[i] = (byte) (random.nextInt(4) == 0 ? random.nextInt(256) : interesting[random.nextInt(interesting.length)]);
    }
    return bytes;
  }

  /** Where the JDK's strict decoder first finds malformed input, or -1. */
  private static int jdkFirstInvalid(byte[] bytes) {
    CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
        .onMalformedInput(CodingErrorAction.REPORT)
        .onUnmappableCharacter(CodingErrorAction.REPORT);
    ByteBuffer in = ByteBuffer.wrap(bytes);
    CoderResult result = decoder.decode(in, CharBuffer.allocate(2 * bytes.length + 2), true);
    if (result.isError()) return in.position();
    return -1;
  }
}
