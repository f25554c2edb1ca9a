package dev.recpipe.common.csv;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * {@link IntegerText#parseBig} splits long digit strings in halves and joins their values: it gives
 * what {@code BigInteger}'s own decimal constructor gives, at every length around the places it
 * splits (256 digits, twice that, ...), with leading zeros in either half, signs and all.
 */
class IntegerTextTest {
  @Test
  void longIntegersAreWhatBigIntegerReadsAtEveryLengthAroundTheSplits() {
    Random random = new Random(7);
    for (int length = 1; length <= 4200; length += length < 600 ? 1 : 37) {
      for (String sign : new String[] {"", "-", "+"}) {
        String text = sign + digits(random, length);
        byte[] bytes = ("x" + text + "y").getBytes(StandardCharsets.US_ASCII);
        assertEquals(new BigInteger(text), IntegerText.parseBig(bytes, 1, bytes.length - 1), text);
      }
    }
  }

  /** Digits with long runs of zeros, so that a half may start with many of them. */
  private static String digits(Random random, int length) {
    StringBuilder digits = new StringBuilder(length);
    while (digits.length() < length) {
      char digit = random.nextInt(4) == 0 ? '0' : (char) ('0' + random.nextInt(10));
      int run = random.nextInt(8) == 0 ? random.nextInt(300) : 1;
      for (int i = 0; i < run && digits.length() < length; i++) digits.append(digit);
    }
    return digits.toString();
  }
}
