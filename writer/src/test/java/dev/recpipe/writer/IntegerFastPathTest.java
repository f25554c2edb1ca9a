package dev.recpipe.writer;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.core.JsonParser;
import dev.recpipe.common.RecordReader;
import dev.recpipe.common.RecordWriter;
import dev.recpipe.common.text.TextBuffer;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.math.BigInteger;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Records whose value is an integer are written without a parser (LineWriter's fast path, summer's
 * output): every format writes the very bytes its parser path writes. The reference here is that
 * path, record by record through RecordReader, over generated streams of integers at every width and
 * sign edge, with other values (bignums, text, arrays, null) mixed in, which hand the rest of the
 * stream to the parser.
 */
class IntegerFastPathTest {
  private static final long[] EDGES = {0, 1, 23, 24, 255, 256, 65535, 65536, 0xffffffffL, 0x100000000L,
    Long.MAX_VALUE, -1, -24, -25, -256, -257, -65536, -65537, -0x100000000L, -0x100000001L, Long.MIN_VALUE};

  @ParameterizedTest
  @EnumSource(OutputFormat.class)
  void integersAreWrittenAsTheParserPathWritesThem(OutputFormat format) throws IOException {
    for (int seed = 0; seed < 200; seed++) {
      byte[] input = stream(new Random(seed), seed % 4 == 0);
      String seedText = "seed " + seed;
      assertEquals(reference(format, input), written(format, input), seedText);
    }
  }

  /** Integers, edges and random ones; with {@code mixed}, other values here and there after them. */
  private static byte[] stream(Random random, boolean mixed) throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    RecordWriter writer = new RecordWriter(bytes);
    int records = 1 + random.nextInt(3000);
    long seq = random.nextInt(3) == 0 ? Long.MAX_VALUE - records : random.nextInt(1000);
    for (int i = 0; i < records; i++) {
      int kind = random.nextInt(mixed ? 40 : 2);
      Object value;
      if (kind == 0) {
        value = EDGES[random.nextInt(EDGES.length)];
      } else if (kind == 2) {
        value = BigInteger.TWO.pow(64).add(BigInteger.valueOf(i));
      } else if (kind == 3) {
        value = "text " + i;
      } else if (kind == 4) {
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

  private static String written(OutputFormat format, byte[] input) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    new LineWriter(format.newLineFormat(), out).writeAll(new ByteArrayInputStream(input));
    return out.toString(java.nio.charset.StandardCharsets.UTF_8);
  }

  /** Every record through RecordReader's parser and the format's parser path. */
  private static String reference(OutputFormat format, byte[] input) throws IOException {
    LineFormat lines = format.newLineFormat();
    TextBuffer buffer = new TextBuffer(1024);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    RecordReader records = new RecordReader(new ByteArrayInputStream(input));
    while (records.next()) {
      JsonParser value = records.parser();
      lines.writeLine(records.seq(), value, buffer);
      buffer.writeTo(out);
    }
    return out.toString(java.nio.charset.StandardCharsets.UTF_8);
  }
}
