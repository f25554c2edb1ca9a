package dev.recpipe.examples;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Generated CSV of integers, the same for a given seed, with what {@code reader | summer | writer}
 * must print for it worked out from reader.md, summer.md and writer.md alone: integers at int64's
 * edges, one past them and far beyond, a {@code +}, leading zeros, {@code -0}, spaces and tabs around
 * a number, quotes around it; rows of 1 to 20 fields; empty lines (LF, CRLF) that use no seq; LF or
 * CRLF row ends; a byte order mark; no final line end, or a final lone CR. A third of the files have
 * a bad field (not an integer, or a line end inside quotes) in a row, at a line and field known here.
 */
final class IntegerCsv {
  private static final BigInteger[] EDGES = {
    BigInteger.valueOf(Long.MAX_VALUE), BigInteger.valueOf(Long.MIN_VALUE),
    BigInteger.valueOf(Long.MAX_VALUE).add(BigInteger.ONE), BigInteger.valueOf(Long.MIN_VALUE).subtract(BigInteger.ONE),
    BigInteger.ONE.shiftLeft(64).subtract(BigInteger.ONE), BigInteger.ONE.shiftLeft(64), BigInteger.ONE.shiftLeft(64).negate(),
    BigInteger.ZERO,
  };
  private static final String[] BAD = {"x", "", "1 2", "\"1\n2\"", "1.5", "--1", "+", "0x1", "é", "1e3", "\"1\"x"};

  final byte[] bytes;
  /** What writer prints: {@code seq,sum} lines of the rows before the bad one, if any. */
  final String sums;
  /** {@code LINE:FIELD} of the bad field, or null when every row is good. */
  final String bad;

  private IntegerCsv(byte[] bytes, String sums, String bad) {
    this.bytes = bytes;
    this.sums = sums;
    this.bad = bad;
  }

  static IntegerCsv generate(long seed) {
    Random random = new Random(seed);
    int rows = List.of(0, 1, 2, random.nextInt(50), random.nextInt(3000)).get(random.nextInt(5));
    int width = 1 + random.nextInt(20);
    String end = random.nextInt(3) == 0 ? "\r\n" : "\n";
    int badRow = rows > 0 && random.nextInt(3) == 0 ? random.nextInt(rows) : -1;
    StringBuilder text = new StringBuilder(random.nextInt(10) == 0 ? "\uFEFF" : "");
    StringBuilder sums = new StringBuilder();
    String bad = null;
    int line = 1;
    for (int row = 0; row < rows && bad == null; row++) {
      while (random.nextInt(20) == 0) {
        text.append(random.nextBoolean() ? "\n" : "\r\n");
        line++;
      }
      int fields = random.nextInt(5) == 0 ? 1 + random.nextInt(20) : width;
      BigInteger sum = BigInteger.ZERO;
      List<String> texts = new ArrayList<>();
      for (int field = 0; field < fields; field++) {
        BigInteger value = integer(random);
        sum = sum.add(value);
        texts.add(spelled(random, value));
      }
      if (row == badRow) {
        int field = random.nextInt(fields);
        String spelling = BAD[random.nextInt(BAD.length)];
        texts.set(field, fields == 1 && spelling.isEmpty() ? "x" : spelling); // a lone empty field is an empty line
        bad = line + ":" + (field + 1);
      } else {
        sums.append(row).append(',').append(sum).append('\n');
      }
      text.append(String.join(",", texts));
      boolean last = row == rows - 1;
      if (!last || random.nextInt(5) > 0 || texts.equals(List.of(""))) {
        text.append(end);
        line++;
      } else if (random.nextBoolean()) {
        text.append('\r'); // the input's last byte: it ends the row as a CRLF would
      }
    }
    return new IntegerCsv(text.toString().getBytes(StandardCharsets.UTF_8), sums.toString(), bad);
  }

  private static BigInteger integer(Random random) {
    switch (random.nextInt(6)) {
      case 0:
        return EDGES[random.nextInt(EDGES.length)];
      case 1:
        return new BigInteger(70, random).subtract(BigInteger.ONE.shiftLeft(69));
      case 2:
        return new BigInteger(130, random).negate();
      default:
        return BigInteger.valueOf(random.nextInt(2001) - 1000);
    }
  }

  /** {@code value} as a field may spell it: with a sign, leading zeros, blanks around, in quotes. */
  private static String spelled(Random random, BigInteger value) {
    String digits = value.abs().toString();
    if (random.nextInt(10) == 0) digits = "00" + digits;
    String sign = value.signum() < 0 ? "-" : random.nextInt(10) == 0 ? "+" : value.signum() == 0 && random.nextInt(5) == 0 ? "-" : "";
    String field = sign + digits;
    if (random.nextInt(7) == 0) field = (random.nextBoolean() ? " " : "\t") + field;
    if (random.nextInt(7) == 0) field = field + (random.nextBoolean() ? "  " : " \t");
    return random.nextInt(5) == 0 ? "\"" + field + "\"" : field;
  }
}
