package dev.recpipe.summer;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.math.BigInteger;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * {@link IntegerSum#addAll}, the loop the fast path hands a record's integers to, against the exact
 * sum and against {@link IntegerSum#add(long)} one integer at a time: the overflow into a bignum at
 * every position of a row, and back.
 */
class IntegerSumTest {
  private static final long MAX = Long.MAX_VALUE;
  private static final long MIN = Long.MIN_VALUE;

  @Test
  void noIntegersIsZero() {
    assertSums(new long[] {5}, 0);
    assertSums(new long[0], 0);
  }

  @Test
  void onlyTheFirstCountIntegersAreAdded() {
    IntegerSum sum = new IntegerSum();
    sum.addAll(new long[] {1, 2, MAX}, 2);
    assertEquals("3", sum.toString());
  }

  @Test
  void overflowAtEachPositionOfTheRow() {
    for (int at = 1; at < 5; at++) {
      long[] row = {1, 1, 1, 1, 1};
      row[0] = MAX - at + 1; // the sum passes 2^63-1 at index `at`
      assertSums(row, row.length);
      for (int i = 0; i < row.length; i++) row[i] = -row[i] - (i == 0 ? 1 : 0);
      assertSums(row, row.length);
    }
  }

  @Test
  void beyond64BitsAndBackFitsALongAgain() {
    IntegerSum sum = new IntegerSum();
    sum.addAll(new long[] {MAX, MAX, MIN, MIN + 2}, 4);
    assertEquals(true, sum.fitsLong());
    assertEquals(0, sum.longValue());
  }

  @Test
  void afterABignumTheRestIsAddedAsBignums() {
    IntegerSum sum = new IntegerSum();
    sum.add(BigInteger.TWO.pow(70));
    sum.addAll(new long[] {MAX, 1}, 2);
    assertEquals(BigInteger.TWO.pow(70).add(BigInteger.valueOf(MAX)).add(BigInteger.ONE), sum.bigValue());
  }

  @Test
  void randomRowsOfEdgeValues() {
    long[] edges = {0, 1, -1, MAX, MIN, MAX - 1, MIN + 1, 1L << 62, -(1L << 62), 23, 24, -24, -25};
    Random random = new Random(12);
    for (int n = 0; n < 20_000; n++) {
      long[] row = new long[random.nextInt(12)];
      for (int i = 0; i < row.length; i++) {
        row[i] = random.nextBoolean() ? edges[random.nextInt(edges.length)] : random.nextLong();
      }
      assertSums(row, row.length);
    }
  }

  private static void assertSums(long[] row, int count) {
    BigInteger exact = BigInteger.ZERO;
    IntegerSum oneByOne = new IntegerSum();
    for (int i = 0; i < count; i++) {
      exact = exact.add(BigInteger.valueOf(row[i]));
      oneByOne.add(row[i]);
    }
    IntegerSum all = new IntegerSum();
    all.addAll(row, count);
    assertEquals(exact, all.bigValue(), () -> java.util.Arrays.toString(row));
    assertEquals(exact.bitLength() < 64, all.fitsLong());
    assertEquals(oneByOne.toString(), all.toString());
  }
}
