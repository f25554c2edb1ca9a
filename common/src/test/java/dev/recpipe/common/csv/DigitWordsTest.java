package dev.recpipe.common.csv;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * {@link DigitWords} against a byte at a time: every byte value in every place after every count of
 * digits (so the bytes next to {@code '0'} and {@code '9'}, and those with a digit's low nibble and
 * another high one, such as 0xb5), and random words of digits for the values.
 */
class DigitWordsTest {
  @Test
  void leadingDigitsStopsAtTheFirstByteThatIsNotADigit() {
    byte[] bytes = new byte[DigitWords.BYTES];
    Random random = new Random(1);
    for (int digits = 0; digits < DigitWords.BYTES; digits++) {
      for (int value = 0; value < 256; value++) {
        for (int i = 0; i < bytes.length; i++) bytes[i] = (byte) (i < digits ? '0' + random.nextInt(10) : random.nextInt(256));
        bytes[digits] = (byte) value;
        assertEquals(countDigits(bytes), DigitWords.leadingDigits(DigitWords.word(bytes, 0)), "byte " + value + " after " + digits + " digits");
      }
    }
  }

  @Test
  void eightDigitsAreEight() {
    assertEquals(8, DigitWords.leadingDigits(DigitWords.word("99999999".getBytes(), 0)));
    assertEquals(8, DigitWords.leadingDigits(DigitWords.word("00000000".getBytes(), 0)));
  }

  @Test
  void valueIsTheNumberOfTheFirstDigits() {
    Random random = new Random(2);
    byte[] bytes = new byte[DigitWords.BYTES + 3];
    for (int run = 0; run < 200_000; run++) {
      for (int i = 0; i < bytes.length; i++) bytes[i] = (byte) ('0' + random.nextInt(10));
      int at = random.nextInt(4);
      int digits = 1 + random.nextInt(DigitWords.BYTES);
      if (at + digits < bytes.length) bytes[at + digits] = (byte) random.nextInt(256); // anything after them
      long expected = Long.parseLong(new String(bytes, at, digits, java.nio.charset.StandardCharsets.US_ASCII));
      assertEquals(expected, DigitWords.value(DigitWords.word(bytes, at), digits), new String(bytes, at, digits));
    }
  }

  @Test
  void valueAtTheEdgesOfEachCount() {
    for (String digits : new String[] {"0", "9", "10", "99", "00000000", "99999999", "10000000", "00000001", "1234567", "07654321"}) {
      byte[] bytes = (digits + ",xxxxxxx").getBytes();
      assertEquals(Long.parseLong(digits), DigitWords.value(DigitWords.word(bytes, 0), digits.length()), digits);
    }
  }

  private static int countDigits(byte[] bytes) {
    int count = 0;
    while (count < bytes.length && bytes[count] >= '0' && bytes[count] <= '9') count++;
    return count;
  }
}
