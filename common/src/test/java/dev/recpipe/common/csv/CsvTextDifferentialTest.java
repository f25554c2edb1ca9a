package dev.recpipe.common.csv;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Random short inputs made of the bytes that matter to CSV and to typed fields, run through
 * {@link CsvTextChecks}: the fast parser agrees with the reference on every row and message, in
 * every way of reading, and types every field as the reference does.
 */
class CsvTextDifferentialTest {
  private static final byte[] CSV_BYTES = "a\",,;\r\n\n \t\"\u00ef\u00bb\u00bf\u00c3\u00a9\u00ff".getBytes(StandardCharsets.ISO_8859_1);
  private static final byte[] NUMBER_BYTES = "0123456789019+-.eE".getBytes(StandardCharsets.ISO_8859_1);

  @Test
  void randomInputs() throws IOException {
    Random random = new Random(20261130);
    for (int i = 0; i < 2000; i++) CsvTextChecks.check(randomInput(random));
  }

  private static byte[] randomInput(Random random) {
    byte[] input = new byte[random.nextInt(28)];
    for (int i = 0; i < input.length; i++) {
      byte[] alphabet = random.nextBoolean() ? CSV_BYTES : NUMBER_BYTES;
      input[i] = alphabet[random.nextInt(alphabet.length)];
    }
    return input;
  }
}
