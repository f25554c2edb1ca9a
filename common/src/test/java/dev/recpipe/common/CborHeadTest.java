package dev.recpipe.common;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.recpipe.common.testing.Hex;
import java.util.Arrays;
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
}
