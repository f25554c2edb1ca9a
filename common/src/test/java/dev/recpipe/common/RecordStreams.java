package dev.recpipe.common;

import dev.recpipe.common.testing.Hex;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Random;

/**
 * Generates record streams from a seed for the differential tests of {@link FastRecordReader}: mostly
 * the common shapes, written every way CBOR allows (shortest and longer heads, integers at each
 * encoding's edges, bignums of every size around the fast path's limits, text in every UTF-8 form,
 * well-formed or not), with the odd record of another shape, and streams spoiled at the end: cut
 * anywhere, an abort mark, a byte changed.
 */
final class RecordStreams {
  private static final long[] EDGES = {
    0, 1, 23, 24, 255, 256, 65535, 65536, 0xffffffffL, 0x100000000L, Long.MAX_VALUE, Long.MIN_VALUE, -1,
  };
  private static final String[] TEXTS = {
    "", "a", "line of text", "é", "€ and 𝄞", "\uFFFD", "tab\there",
  };
  /** Byte strings that are not well-formed UTF-8: overlong, surrogate, past U+10FFFF, cut, stray. */
  private static final String[] BAD_UTF8 = {"c0 80", "ed a0 80", "f4 90 80 80", "e2 82", "80", "ff", "61 fe 62"};

  private final Random random;
  private final ByteArrayOutputStream out = new ByteArrayOutputStream();

  RecordStreams(long seed) {
    this.random = new Random(seed);
  }

  /** A stream of up to {@code maxRecords} records, spoiled at its end one time in three. */
  byte[] stream(int maxRecords) {
    out.reset();
    int records = random.nextInt(maxRecords + 1);
    long seq = random.nextInt(3) == 0 ? edge() & Long.MAX_VALUE : 0;
    for (int i = 0; i < records; i++) record(seq++);
    return spoil(out.toByteArray());
  }

  private byte[] spoil(byte[] stream) {
    switch (random.nextInt(9)) {
      case 0:
        return Arrays.copyOf(stream, stream.length == 0 ? 0 : random.nextInt(stream.length));
      case 1:
        byte[] marked = Arrays.copyOf(stream, stream.length + 1);
        marked[stream.length] = (byte) 0xff;
        return marked;
      case 2:
        if (stream.length > 0) stream[random.nextInt(stream.length)] = (byte) random.nextInt(256);
        return stream;
      default:
        return stream;
    }
  }

  private void record(long seq) {
    int kind = random.nextInt(40);
    if (kind == 0) { // not an array of two: RecordReader's errors
      head(4, 1 + 2 * random.nextInt(2));
      head(0, seq);
      integers();
      return;
    }
    if (kind == 1) { // an indefinite record
      out.write(0x9f);
      head(0, seq);
      integers();
      out.write(0xff);
      return;
    }
    head(4, 2);
    if (kind == 2) { // a seq of another kind: negative, a bignum, a float
      int[][] seqs = {{0x20}, {0xc2, 0x41, 0x05}, {0x1b, 0x80, 0, 0, 0, 0, 0, 0, 0}, {0xf9, 0x3c, 0}};
      for (int b : seqs[random.nextInt(seqs.length)]) out.write(b);
    } else {
      head(0, seq);
    }
    if (kind < 5) {
      other();
    } else if (kind < 14) {
      text();
    } else {
      integers();
    }
  }

  private void integers() {
    int count = random.nextInt(4) == 0 ? random.nextInt(40) : random.nextInt(12);
    boolean indefinite = random.nextInt(30) == 0;
    if (indefinite) out.write(0x9f);
    else head(4, count);
    for (int i = 0; i < count; i++) integer();
    if (indefinite) out.write(0xff);
  }

  private void integer() {
    int kind = random.nextInt(60);
    if (kind == 0) {
      bignum();
    } else if (kind == 1) {
      other();
    } else if (kind < 12) {
      long value = edge() + random.nextInt(3) - 1;
      if (value >= 0) head(0, value);
      else head(1, -1 - value);
    } else if (kind < 14) {
      head(random.nextInt(2), edge()); // up to 2^64-1 and down to -2^64
    } else {
      long value = random.nextInt(2_000_001) - 1_000_000;
      if (value >= 0) head(0, value);
      else head(1, -1 - value);
    }
  }

  /** Tag 2 or 3 on 0 to 70 bytes (the fast path takes 1 to 64), definite or not, or on another item. */
  private void bignum() {
    out.write(0xc2 + random.nextInt(2));
    int length = random.nextInt(4) == 0 ? random.nextInt(71) : 1 + random.nextInt(12);
    byte[] magnitude = new byte[length];
    random.nextBytes(magnitude);
    if (length > 0 && random.nextInt(4) == 0) magnitude[0] = 0; // a leading zero
    switch (random.nextInt(12)) {
      case 0:
        out.write(0x5f);
        head(2, length);
        out.writeBytes(magnitude);
        out.write(0xff);
        break;
      case 1:
        head(0, random.nextInt(30)); // a tag on an integer, which RecordReader reads as the integer
        break;
      default:
        head(2, length);
        out.writeBytes(magnitude);
    }
  }

  private void text() {
    int kind = random.nextInt(20);
    byte[] utf8;
    if (kind == 0) {
      utf8 = Hex.decode(BAD_UTF8[random.nextInt(BAD_UTF8.length)]);
    } else if (kind == 1) {
      utf8 = "x".repeat(random.nextInt(70_000)).getBytes(StandardCharsets.UTF_8); // across the 64 KiB window
    } else {
      utf8 = TEXTS[random.nextInt(TEXTS.length)].getBytes(StandardCharsets.UTF_8);
    }
    if (kind == 2) {
      // Indefinite: the text, then "!". No empty chunk: Jackson 2.22 misreads one that ends a read of
      // its input (the reference reads "7f 61 61 60 61 62 ff" as "aab", or fails, at some splits)
      out.write(0x7f);
      if (utf8.length > 0) head(3, utf8.length);
      out.writeBytes(utf8);
      out.writeBytes(Hex.decode("61 21 ff"));
      return;
    }
    head(3, utf8.length);
    out.writeBytes(utf8);
  }

  /** A value of another shape: a map, a float, a byte string, a simple value, nested arrays, a tag. */
  private void other() {
    String[] others = {"a1 61 6b 01", "fb 3f f0 00 00 00 00 00 00", "f9 3c 00", "43 01 02 03", "f6", "f5", "f0",
      "82 81 01 02", "c1 1a 5f 00 00 00", "1c", "a0", "80 80"};
    out.writeBytes(Hex.decode(others[random.nextInt(others.length)]));
  }

  private long edge() {
    long edge = EDGES[random.nextInt(EDGES.length)];
    return random.nextBoolean() ? edge : random.nextLong();
  }

  /**
   * An item head: the shortest one for {@code argument} (unsigned), or now and then a longer one,
   * which CBOR allows and recpipe reads.
   */
  private void head(int major, long argument) {
    int type = major << 5;
    int shortest = argument >= 0 && argument < 24 ? 0
        : Long.compareUnsigned(argument, 0xff) <= 0 ? 1
        : Long.compareUnsigned(argument, 0xffff) <= 0 ? 2
        : Long.compareUnsigned(argument, 0xffffffffL) <= 0 ? 3 : 4;
    int size = random.nextInt(12) == 0 ? shortest + random.nextInt(5 - shortest) : shortest;
    if (size == 0) {
      out.write(type | (int) argument);
      return;
    }
    int bytes = 1 << (size - 1);
    out.write(type | (23 + size));
    for (int i = bytes - 1; i >= 0; i--) out.write((int) (argument >>> (8 * i)));
  }
}
