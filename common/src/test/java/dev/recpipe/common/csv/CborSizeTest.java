package dev.recpipe.common.csv;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.recpipe.common.RecordWriter;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** CborSize counts the bytes RecordWriter writes, at every edge of every encoding. */
class CborSizeTest {
  @Test
  void textAtEveryHeadLength() throws IOException {
    for (int length : new int[] {0, 1, 23, 24, 255, 256, 65535, 65536, 1 << 20}) {
      assertEquals(written("x".repeat(length)), CborSize.text(length), "length " + length);
    }
  }

  @Test
  void integersAtTheEdges() throws IOException {
    List<Object> values = new ArrayList<>();
    for (long edge : new long[] {0, 23, 24, 255, 256, 65535, 65536, 0xffffffffL, 0x100000000L, Long.MAX_VALUE}) {
      values.addAll(List.of(edge, -edge, -1 - edge));
    }
    values.add(Long.MIN_VALUE);
    BigInteger twoTo64 = BigInteger.ONE.shiftLeft(64);
    for (BigInteger big : new BigInteger[] {twoTo64.subtract(BigInteger.ONE), twoTo64, twoTo64.negate(),
        twoTo64.negate().subtract(BigInteger.ONE), BigInteger.ONE.shiftLeft(71), BigInteger.TEN.pow(1000).negate(), BigInteger.ONE}) {
      values.add(big);
    }
    for (Object value : values) assertEquals(written(value), CborSize.of(value), "value " + value);
  }

  @Test
  void nullFloatsAndDecimals() throws IOException {
    for (Object value : Arrays.asList(null, 1.5, 0.1, -0.0, 1e300, new BigDecimal("3.14159265358979323846"),
        new BigDecimal("1e400"), new BigDecimal("-1e-400"), new BigDecimal("123456789012345678901234567890.5"))) {
      assertEquals(written(value), CborSize.of(value), "value " + value);
    }
  }

  @Test
  void randomTypedValues() throws IOException {
    Random random = new Random(7);
    for (int i = 0; i < 10_000; i++) {
      String text = (random.nextBoolean() ? "-" : "") + new BigInteger(1 + random.nextInt(100), random)
          + (random.nextBoolean() ? "." + random.nextInt(1000) : "") + (random.nextBoolean() ? "e" + (random.nextInt(700) - 350) : "");
      Object value = TypedFields.numberOf(text.getBytes(), 0, text.length());
      assertEquals(written(value), CborSize.of(value), text);
    }
  }

  /** The value's bytes in a record {@code [0, value]}, less the record's own two. */
  private static long written(Object value) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    RecordWriter writer = new RecordWriter(out);
    writer.write(0, value);
    writer.flush();
    return out.size() - 2;
  }
}
