package dev.recpipe.writer;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.recpipe.common.RecordWriter;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Records whose value is an integer (summer's output) or a text ({@code reader --lines}') are written
 * without a parser (LineWriter's fast paths): every format writes the very bytes, and fails with the
 * very message, of its parser path, which is the reference here ({@code new LineWriter(format, out,
 * false)}). Over generated streams of integers at every width and sign edge and of texts with what
 * each format must quote, escape or refuse (delimiters, quotes, line ends, tabs, control characters,
 * characters beyond the BMP, U+FFFD, the empty text), with equal seqs, and with other values mixed
 * in, which hand the rest of the stream to the parser.
 */
class FastPathTest {
  private static final long[] INTEGERS = {0, 1, 23, 24, 255, 256, 65535, 65536, 0xffffffffL, 0x100000000L,
    Long.MAX_VALUE, -1, -24, -25, -256, -257, -65536, -65537, -0x100000000L, -0x100000001L, Long.MIN_VALUE};
  private static final String[] TEXTS = {"", "a", "a,b", "a\tb", "say \"hi\"", "line\nbreak", "cr\r", "\u0001\u001f",
    "caf\u00e9", "\ud83d\ude00", "\ufffd", " padded ", "=1+2", "\\", "x".repeat(300)};

  @ParameterizedTest
  @EnumSource(OutputFormat.class)
  void fastPathsWriteWhatTheParserPathWrites(OutputFormat format) throws IOException {
    for (int seed = 0; seed < 300; seed++) {
      byte[] input = stream(new Random(seed), seed % 3);
      String seedText = "seed " + seed;
      assertEquals(run(format, input, false), run(format, input, true), seedText);
    }
  }

  /** Kind 0: integers; 1: texts; 2: both, with bignums and arrays here and there. */
  private static byte[] stream(Random random, int kind) throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    RecordWriter writer = new RecordWriter(bytes);
    int records = 1 + random.nextInt(2000);
    long seq = random.nextInt(3) == 0 ? Long.MAX_VALUE - records : random.nextInt(1000);
    for (int i = 0; i < records; i++) {
      int pick = random.nextInt(kind == 2 ? 60 : 10);
      Object value;
      if (kind == 1 || (kind == 2 && pick % 2 == 1)) {
        value = pick == 1 && kind == 1 && random.nextInt(50) > 0 ? "plain " + i : TEXTS[random.nextInt(TEXTS.length)];
      } else if (pick == 0) {
        value = INTEGERS[random.nextInt(INTEGERS.length)];
      } else if (kind == 2 && pick == 2) {
        value = BigInteger.TWO.pow(64).add(BigInteger.valueOf(i));
      } else if (kind == 2 && pick == 4) {
        value = List.of((long) i, "x");
      } else {
        value = random.nextLong() >> random.nextInt(64);
      }
      writer.write(seq, value);
      seq += random.nextInt(3) == 0 ? 0 : 1; // equal neighbours too
    }
    writer.flush();
    return bytes.toByteArray();
  }

  /** What writer writes, and the message it fails with, if it does. */
  private static String run(OutputFormat format, byte[] input, boolean fastPaths) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    String failure = "";
    try {
      new LineWriter(format.newLineFormat(), out, fastPaths).writeAll(new ByteArrayInputStream(input));
    } catch (IOException e) {
      failure = "\nfailed: " + e.getMessage();
    }
    return out.toString(StandardCharsets.UTF_8) + failure;
  }
}
