package dev.recpipe.common.csv;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.recpipe.common.testing.ThrottledInputStream;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Random short inputs made of the bytes that matter to CSV, parsed by the fast parser (whole and one
 * byte at a time) and by {@link ReferenceParser}: they must agree on every row and every message.
 */
class DifferentialTest {
  private static final byte[] ALPHABET = "1190-+\",,;\r\n\n \ta\u00ef\u00bb\u00bf".getBytes(StandardCharsets.ISO_8859_1);

  @Test
  void commaDelimited() throws IOException {
    compare((byte) ',', 1);
  }

  @Test
  void semicolonDelimited() throws IOException {
    compare((byte) ';', 2);
  }

  @Test
  void tabDelimited() throws IOException {
    compare((byte) '\t', 3);
  }

  @Test
  void spaceDelimited() throws IOException {
    compare((byte) ' ', 4);
  }

  private static void compare(byte delimiter, long seed) throws IOException {
    Random random = new Random(seed);
    CsvFormat format = CsvFormat.DEFAULT.withDelimiter(delimiter);
    for (int i = 0; i < 20_000; i++) {
      byte[] input = randomInput(random);
      String what = "input " + HexFormat.ofDelimiter(" ").formatHex(input);
      List<String> expected = ReferenceParser.parse(input, delimiter);
      assertEquals(expected, CsvRows.parseUntilError(new ByteArrayInputStream(input), format), what);
      assertEquals(expected,
          CsvRows.parseUntilError(ThrottledInputStream.oneByteAtATime(new ByteArrayInputStream(input)), format), what);
    }
  }

  private static byte[] randomInput(Random random) {
    byte[] input = new byte[random.nextInt(24)];
    for (int i = 0; i < input.length; i++) input[i] = ALPHABET[random.nextInt(ALPHABET.length)];
    if (random.nextInt(8) == 0 && input.length >= 3) {
      input[0] = (byte) 0xef;
      input[1] = (byte) 0xbb;
      input[2] = (byte) 0xbf;
    }
    if (random.nextInt(4) == 0) input = withLongDigitRun(input, random);
    return input;
  }

  /** Digit runs around 19 digits, where a {@code long} ends, and which random bytes seldom make. */
  private static byte[] withLongDigitRun(byte[] input, Random random) {
    byte[] digits = new byte[17 + random.nextInt(5)];
    for (int i = 0; i < digits.length; i++) digits[i] = (byte) (i == 0 ? '9' : '0' + random.nextInt(10));
    int at = random.nextInt(input.length + 1);
    byte[] longer = new byte[input.length + digits.length];
    System.arraycopy(input, 0, longer, 0, at);
    System.arraycopy(digits, 0, longer, at, digits.length);
    System.arraycopy(input, at, longer, at + digits.length, input.length - at);
    return longer;
  }
}
