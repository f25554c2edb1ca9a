package dev.recpipe.examples;

import java.nio.charset.StandardCharsets;
import java.util.Random;

/**
 * Text files that {@code reader --lines | writer -f lines} must give back byte for byte: lines of
 * ASCII and of 2-, 3- and 4-byte UTF-8 characters, some empty, some with a CR inside (not at the
 * end, where it would be part of a CRLF line end), every line ended by a LF.
 */
final class RandomLines {
  private RandomLines() {}

  static byte[] generate(int lines, long seed) {
    Random random = new Random(seed);
    StringBuilder text = new StringBuilder();
    for (int i = 0; i < lines; i++) {
      int length = random.nextInt(6) == 0 ? 0 : 1 + random.nextInt(random.nextInt(10) == 0 ? 500 : 30);
      for (int j = 0; j < length; j++) text.appendCodePoint(character(random, j == length - 1));
      text.append('\n');
    }
    return text.toString().getBytes(StandardCharsets.UTF_8);
  }

  private static int character(Random random, boolean last) {
    switch (random.nextInt(8)) {
      case 0:
        return 0x80 + random.nextInt(0x800 - 0x80); // 2 bytes
      case 1:
        int threeBytes = 0x800 + random.nextInt(0x10000 - 0x800);
        return Character.isSurrogate((char) threeBytes) ? 0xfffd : threeBytes;
      case 2:
        return 0x10000 + random.nextInt(0x110000 - 0x10000); // 4 bytes
      case 3:
        return last ? 'r' : '\r';
      default:
        int ascii = random.nextInt(0x80);
        return ascii == '\n' || ascii == '\r' ? ' ' : ascii;
    }
  }
}
