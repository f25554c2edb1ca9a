package dev.recpipe.common;

import java.io.ByteArrayOutputStream;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;

/**
 * Writes random record streams of valid CBOR, with every major type in every encoding RFC 8949
 * allows, and knows what each record holds: the value as {@link RecordReader#readValue()} must read
 * it (docs/FORMAT.md), its seq and its offset. Some streams end with a record that every decoder must
 * refuse, planted where the generator knows: an item recpipe does not read, a record of the wrong
 * shape, a seq out of range, malformed bytes, a cut, an abort mark.
 *
 * <p>Integers cover every head width and the edges of each (23, 24, 255, 256, ..., 2^64-1, -2^64);
 * bignums come with leading zeros, empty, in chunks; text is UTF-8 of 1 to 4 bytes a character, in
 * chunks that end between characters; floats are half, single and double, NaN, infinities and -0.0
 * included; tags have any number up to 2^64-1, on any item, map keys included; decimal fractions and
 * bignum tags on the wrong items, which are read as those items.
 */
final class GeneratedStreams {
  private static final BigInteger TWO_TO_64 = BigInteger.ONE.shiftLeft(64);
  private static final long[] EDGES = {
    0, 1, 23, 24, 255, 256, 65535, 65536, 0xffffffffL, 0x100000000L, Long.MAX_VALUE, Long.MIN_VALUE, -1L};
  private static final long[] TAGS = {
    0, 1, 5, 6, 21, 24, 32, 55799, 0xffffL, 0x10000L, 0x7fffffffL, 0x80000000L, 0xffffffffL, 0x100000000L,
    Long.MAX_VALUE, Long.MIN_VALUE, -1L};

  /** One generated stream: its bytes, the records a decoder reads in it, and how it must end. */
  record Stream(byte[] bytes, List<Expected> records, Ending ending) {}

  /** A record as a decoder must find it: where it starts, its seq, its value as readValue reads it. */
  record Expected(long offset, long seq, Object value) {}

  /**
   * How the stream must end: cleanly (null), or with an error whose message starts with {@code
   * prefix} (it names the offset the generator planted it at) and contains {@code contains}.
   */
  record Ending(String prefix, String contains) {}

  private final Random random;
  private ByteArrayOutputStream out;
  private int budget;
  /** The ending planted in the value being written, once it is. */
  private Ending planted;
  private long seq;

  GeneratedStreams(Random random) {
    this.random = random;
  }

  Stream next() {
    out = new ByteArrayOutputStream();
    List<Expected> records = new ArrayList<>();
    int count = random.nextInt(8) == 0 ? 0 : 1 + random.nextInt(random.nextBoolean() ? 3 : 30);
    long previous = -1;
    for (int i = 0; i < count; i++) {
      long start = out.size();
      long seq = previous >= 0 && random.nextInt(4) == 0 ? previous : seq();
      records.add(new Expected(start, seq, record(seq)));
      previous = seq;
    }
    Ending ending = random.nextInt(3) == 0 ? badRecord(records) : null;
    return new Stream(out.toByteArray(), records, ending);
  }

  /** One valid record {@code [seq, value]}, on its own. */
  byte[] oneRecord(long seq) {
    out = new ByteArrayOutputStream();
    record(seq);
    return out.toByteArray();
  }

  /** A seq from 0 to 2^63-1, at the edges often. */
  private long seq() {
    switch (random.nextInt(5)) {
      case 0:
        return EDGES[random.nextInt(EDGES.length)] & Long.MAX_VALUE;
      case 1:
        return random.nextInt(30);
      case 2:
        return Long.MAX_VALUE - random.nextInt(3);
      default:
        return random.nextLong() >>> 1 + random.nextInt(63);
    }
  }

  /** Writes a valid record {@code [seq, value]}, and returns its value. */
  private Object record(long seq) {
    this.seq = seq;
    boolean indefinite = random.nextInt(6) == 0;
    if (indefinite) {
      out.write(0x9f);
    } else {
      head(4, 2);
    }
    writeSeq(seq);
    budget = 1 + random.nextInt(random.nextBoolean() ? 6 : 50);
    Object value = item(0);
    if (indefinite) out.write(0xff);
    return value;
  }

  private void writeSeq(long seq) {
    if (random.nextInt(6) != 0) {
      head(0, seq);
      return;
    }
    head(6, 2);
    byte[] magnitude = BigInteger.valueOf(seq).toByteArray();
    int sign = magnitude[0] == 0 ? 1 : 0; // the sign byte toByteArray adds
    int zeros = random.nextInt(3);
    byte[] padded = new byte[zeros + magnitude.length - sign];
    System.arraycopy(magnitude, sign, padded, zeros, magnitude.length - sign);
    string(2, padded);
  }

  /** Writes a valid data item and returns what readValue reads for it. */
  private Object item(int depth) {
    budget--;
    boolean leaf = budget <= 0 || depth >= 8;
    switch (random.nextInt(leaf ? 9 : 14)) {
      case 0:
        return unsigned(EDGES[random.nextInt(EDGES.length)] >>> random.nextInt(2) * random.nextInt(64));
      case 1:
        return negative(random.nextBoolean() ? EDGES[random.nextInt(EDGES.length)] : random.nextInt(1000));
      case 2:
        return bignum();
      case 3:
        byte[] bytes = bytes();
        string(2, bytes);
        return bytes;
      case 4:
        return text();
      case 5:
        return floatingPoint();
      case 6:
        return simple();
      case 7:
        return decimalFraction();
      case 8:
        return taggedLeaf(depth);
      case 9:
      case 10:
        return array(depth);
      case 11:
      case 12:
        return map(depth);
      default:
        return taggedItem(depth);
    }
  }

  private Object unsigned(long n) {
    head(0, n);
    return n >= 0 ? (Object) n : unsignedBig(n);
  }

  /** -1 - n, n unsigned. */
  private Object negative(long n) {
    head(1, n);
    return n >= 0 ? (Object) (-1 - n) : unsignedBig(n).add(BigInteger.ONE).negate();
  }

  private static BigInteger unsignedBig(long n) {
    return BigInteger.valueOf(n).and(TWO_TO_64.subtract(BigInteger.ONE));
  }

  /** Tag 2 or 3 on a byte string, in any head and with leading zeros or none. */
  private Object bignum() {
    boolean negative = random.nextBoolean();
    head(6, negative ? 3 : 2);
    byte[] magnitude = new byte[random.nextInt(4) == 0 ? 0 : random.nextInt(20)];
    random.nextBytes(magnitude);
    if (magnitude.length > 0 && random.nextInt(4) == 0) magnitude[0] = 0;
    string(2, magnitude);
    BigInteger value = new BigInteger(1, magnitude);
    return integer(negative ? value.add(BigInteger.ONE).negate() : value);
  }

  /** As readValue gives an integer: a Long where it fits. */
  private static Object integer(BigInteger value) {
    return value.bitLength() < 64 ? (Object) value.longValue() : value;
  }

  private String text() {
    String text = randomText();
    byte[] utf8 = text.getBytes(StandardCharsets.UTF_8);
    if (random.nextInt(4) != 0) {
      head(3, utf8.length);
      out.writeBytes(utf8);
      return text;
    }
    out.write(0x7f);
    int at = 0;
    int[] codePoints = text.codePoints().toArray();
    while (at < codePoints.length || random.nextInt(5) == 0) {
      int end = at + random.nextInt(codePoints.length - at + 1);
      byte[] chunk = new String(codePoints, at, end - at).getBytes(StandardCharsets.UTF_8);
      head(3, chunk.length);
      out.writeBytes(chunk);
      at = end;
    }
    out.write(0xff);
    return text;
  }

  /** Characters of 1, 2, 3 and 4 bytes in UTF-8, controls and NUL included. */
  private String randomText() {
    StringBuilder text = new StringBuilder();
    for (int n = length(); n > 0; n--) {
      switch (random.nextInt(6)) {
        case 0:
          text.appendCodePoint(0x80 + random.nextInt(0x780));
          break;
        case 1:
          int c = 0x800 + random.nextInt(0xf800);
          text.appendCodePoint(c >= 0xd800 && c < 0xe000 ? c - 0x800 : c);
          break;
        case 2:
          text.appendCodePoint(0x10000 + random.nextInt(0x100000));
          break;
        case 3:
          text.append((char) random.nextInt(0x20));
          break;
        default:
          text.append((char) (0x20 + random.nextInt(0x5f)));
      }
    }
    return text.toString();
  }

  private Object floatingPoint() {
    switch (random.nextInt(3)) {
      case 0:
        int half = random.nextInt(4) == 0 ? new int[] {0x7c00, 0xfc00, 0x7e00, 0x8000, 0x0001, 0x7bff}[random.nextInt(6)]
            : random.nextInt(0x10000);
        out.write(0xf9);
        out.write(half >> 8);
        out.write(half);
        return half(half);
      case 1:
        int single = random.nextInt(4) == 0 ? Float.floatToRawIntBits(
            new float[] {Float.NaN, Float.POSITIVE_INFINITY, -0.0f, Float.MIN_VALUE}[random.nextInt(4)]) : random.nextInt();
        out.write(0xfa);
        for (int shift = 24; shift >= 0; shift -= 8) out.write(single >>> shift);
        return (double) Float.intBitsToFloat(single);
      default:
        long bits = random.nextInt(4) == 0 ? Double.doubleToRawLongBits(
            new double[] {Double.NaN, Double.NEGATIVE_INFINITY, -0.0, Double.MIN_VALUE}[random.nextInt(4)])
            : random.nextLong();
        out.write(0xfb);
        for (int shift = 56; shift >= 0; shift -= 8) out.write((int) (bits >>> shift));
        return Double.longBitsToDouble(bits);
    }
  }

  /** IEEE 754 half precision, RFC 8949 Appendix D. */
  private static double half(int bits) {
    int exponent = bits >> 10 & 0x1f;
    int mantissa = bits & 0x3ff;
    double value;
    if (exponent == 0) {
      value = Math.scalb((double) mantissa, -24);
    } else if (exponent == 31) {
      value = mantissa == 0 ? Double.POSITIVE_INFINITY : Double.NaN;
    } else {
      value = Math.scalb((double) (mantissa | 0x400), exponent - 25);
    }
    return (bits & 0x8000) != 0 ? -value : value;
  }

  private Object simple() {
    int b = 0xf4 + random.nextInt(4);
    out.write(b);
    return b == 0xf4 ? Boolean.FALSE : b == 0xf5 ? Boolean.TRUE : null;
  }

  /** Tag 4 on {@code [exponent, mantissa]}: a BigDecimal of mantissa × 10^exponent. */
  private Object decimalFraction() {
    head(6, 4);
    head(4, 2);
    long exponent = random.nextBoolean() ? random.nextInt(41) - 20
        : new long[] {Integer.MAX_VALUE, -Integer.MAX_VALUE, 0}[random.nextInt(3)];
    if (exponent >= 0) {
      head(0, exponent);
    } else {
      head(1, -1 - exponent);
    }
    Object mantissa = random.nextBoolean() ? bignum()
        : random.nextBoolean() ? unsigned(random.nextLong() >>> random.nextInt(64)) : negative(random.nextLong());
    BigInteger unscaled = mantissa instanceof Long l ? BigInteger.valueOf(l) : (BigInteger) mantissa;
    return new BigDecimal(unscaled, (int) -exponent);
  }

  /** A tag on a leaf: any tag on any leaf, or a bignum tag on other than a byte string, read as the leaf. */
  private Object taggedLeaf(int depth) {
    if (random.nextBoolean()) {
      head(6, 2 + random.nextInt(3)); // 2, 3 or 4: on these, the item they tag
      switch (random.nextInt(4)) {
        case 0:
          return unsigned(random.nextInt(100));
        case 1:
          return text();
        case 2:
          return simple();
        default:
          return floatingPoint();
      }
    }
    head(6, tag());
    return item(depth);
  }

  /** Any tag on any item, containers and tags included. */
  private Object taggedItem(int depth) {
    switch (random.nextInt(4)) {
      case 0:
        // Tag 4 on an array that is no [exponent, mantissa]: read as the array
        head(6, 4);
        return notADecimalFraction(depth);
      case 1:
        // Tag 2 or 3 on a tag: the tag nearest the item counts
        head(6, 2 + random.nextInt(2));
        head(6, tag());
        return item(depth);
      default:
        head(6, tag());
        return item(depth);
    }
  }

  /** Any tag number but those recpipe acts on (2, 3, 4) or refuses (25, 256), in any head width. */
  private long tag() {
    long tag = random.nextBoolean() ? TAGS[random.nextInt(TAGS.length)] : random.nextLong() >>> random.nextInt(64);
    return tag >= 2 && tag <= 4 || tag == 25 || tag == 256 ? 6 : tag;
  }

  private List<Object> array(int depth) {
    int count = count();
    boolean indefinite = open(4, count);
    List<Object> list = new ArrayList<>();
    for (int i = 0; i < count; i++) list.add(item(depth + 1));
    if (indefinite) out.write(0xff);
    return list;
  }

  /** An array that is no decimal fraction [exponent, mantissa], with tag 4 on it or not. */
  private List<Object> notADecimalFraction(int depth) {
    List<Object> list = new ArrayList<>();
    switch (random.nextInt(3)) {
      case 0: // indefinite
        out.write(0x9f);
        list.add(unsigned(random.nextInt(30)));
        list.add(unsigned(random.nextInt(30)));
        out.write(0xff);
        return list;
      case 1: // not two elements
        int count = random.nextBoolean() ? random.nextInt(2) : 3 + random.nextInt(3);
        head(4, count);
        for (int i = 0; i < count; i++) list.add(item(depth + 1));
        return list;
      default: // an exponent that is not an integer
        head(4, 2);
        list.add(text());
        list.add(item(depth + 1));
        return list;
    }
  }

  private Map<String, Object> map(int depth) {
    int count = count();
    boolean indefinite = open(5, count);
    Map<String, Object> map = new LinkedHashMap<>();
    Set<String> keys = new HashSet<>();
    for (int i = 0; i < count; i++) {
      String key = key(keys);
      map.put(key, item(depth + 1));
    }
    if (indefinite) out.write(0xff);
    return map;
  }

  /** A text or integer key, tagged or not, none that reads as another of the map's keys. */
  private String key(Set<String> keys) {
    while (true) {
      ByteArrayOutputStream saved = out;
      out = new ByteArrayOutputStream();
      if (random.nextInt(5) == 0) head(6, random.nextBoolean() ? 2 + random.nextInt(3) : tag());
      String key;
      switch (random.nextInt(3)) {
        case 0:
          key = text();
          break;
        case 1:
          key = String.valueOf(unsigned(random.nextBoolean() ? EDGES[random.nextInt(EDGES.length)] : random.nextInt(30)));
          break;
        default:
          key = String.valueOf(negative(random.nextBoolean() ? EDGES[random.nextInt(EDGES.length)] : random.nextInt(30)));
      }
      ByteArrayOutputStream written = out;
      out = saved;
      if (keys.add(key)) {
        out.writeBytes(written.toByteArray());
        return key;
      }
    }
  }

  /** Writes the head of an array or map of {@code count} items, or one time in four, of indefinite length. */
  private boolean open(int major, int count) {
    boolean indefinite = random.nextInt(4) == 0;
    if (indefinite) {
      out.write(major << 5 | 31);
    } else {
      head(major, count);
    }
    return indefinite;
  }

  private int count() {
    return random.nextInt(random.nextInt(6) == 0 ? 30 : 5);
  }

  /**
   * Writes a record each decoder must refuse, after the records, and returns how the stream must end;
   * for a cut, cuts the last record (or writes one to cut).
   */
  private Ending badRecord(List<Expected> records) {
    long start = out.size();
    long seq = seq();
    switch (random.nextInt(8)) {
      case 0: {
        if (records.isEmpty() || random.nextBoolean()) {
          records.add(new Expected(start, seq, record(seq)));
        }
        Expected last = records.remove(records.size() - 1);
        byte[] bytes = out.toByteArray();
        int cut = (int) last.offset() + 1 + random.nextInt(bytes.length - (int) last.offset() - 1);
        out = new ByteArrayOutputStream();
        out.write(bytes, 0, cut);
        return new Ending("truncated record at byte offset " + last.offset() + ": input ends at byte offset "
            + cut + " inside it", "");
      }
      case 1:
        out.write(AbortMark.BYTE);
        return new Ending("input ends with an abort mark at byte offset " + start, "");
      case 2:
        return wrongShape(start, seq);
      case 3:
        return seqOutOfRange();
      default:
        return plantedInValue(seq);
    }
  }

  private Ending wrongShape(long start, long seq) {
    switch (random.nextInt(4)) {
      case 0:
        head(6, tag());
        record(seq);
        return new Ending("byte offset " + start + ": ", "expected a record, an array [seq, value], found a tag");
      case 1: {
        out.write(0x83);
        writeSeq(seq);
        item(0);
        long third = out.size();
        item(0);
        return new Ending("byte offset " + third + " (record seq " + seq + "): ",
            "expected a record with exactly two elements [seq, value], found ");
      }
      case 2:
        out.write(0x81);
        writeSeq(seq);
        return new Ending("byte offset " + out.size() + " (record seq " + seq + "): ",
            "expected a record with exactly two elements [seq, value], found the end of an array");
      default:
        switch (random.nextInt(3)) {
          case 0:
            unsigned(random.nextInt(1000));
            break;
          case 1:
            text();
            break;
          default:
            map(7);
        }
        return new Ending("byte offset " + start + ": ", "expected a record, an array [seq, value], found ");
    }
  }

  private Ending seqOutOfRange() {
    head(4, 2);
    long at = out.size();
    switch (random.nextInt(4)) {
      case 0:
        long seq = Long.MIN_VALUE | random.nextLong();
        head(0, seq);
        item(0);
        return new Ending("byte offset " + at + ": ", "expected a seq from 0 to 2^63-1, found " + Long.toUnsignedString(seq));
      case 1:
        head(6, 2);
        string(2, BigInteger.ONE.shiftLeft(63).add(BigInteger.valueOf(random.nextInt(1000))).toByteArray());
        item(0);
        return new Ending("byte offset " + at + ": ", "expected a seq from 0 to 2^63-1, found a bignum beyond it");
      case 2:
        negative(random.nextInt(100));
        item(0);
        return new Ending("byte offset " + at + ": ", "expected an unsigned integer seq, found an integer");
      default:
        head(6, tag());
        head(0, random.nextInt(100));
        item(0);
        return new Ending("byte offset " + at + ": ", "expected an unsigned integer seq, found a tag");
    }
  }

  /** A record whose value holds, somewhere, one item recpipe refuses. */
  private Ending plantedInValue(long seq) {
    this.seq = seq;
    planted = null;
    head(4, 2);
    writeSeq(seq);
    budget = random.nextInt(20);
    plantIn(0);
    return planted;
  }

  /** Writes an item that holds the planted one, at some depth. */
  private void plantIn(int depth) {
    switch (depth >= 4 ? 3 : random.nextInt(5)) {
      case 0: { // in an array, among other items
        int count = 1 + count();
        int at = random.nextInt(count);
        head(4, count);
        for (int i = 0; i < count; i++) {
          if (i == at) plantIn(depth + 1);
          else item(depth + 1);
        }
        break;
      }
      case 1: { // as a map's value, or its key
        int count = 1 + count();
        int at = random.nextInt(count);
        boolean indefinite = random.nextBoolean();
        if (indefinite) out.write(0xbf);
        else head(5, count);
        Set<String> keys = new HashSet<>();
        for (int i = 0; i < count; i++) {
          if (i == at && random.nextBoolean()) {
            badKey();
            item(depth + 1);
          } else {
            key(keys);
            if (i == at) plantIn(depth + 1);
            else item(depth + 1);
          }
        }
        if (indefinite) out.write(0xff);
        break;
      }
      case 2:
        head(6, tag());
        plantIn(depth);
        break;
      default:
        badItem();
    }
  }

  private void badKey() {
    long tagAt = out.size();
    long tag = random.nextInt(4) != 0 ? -1 : random.nextBoolean() ? 2 + random.nextInt(3) : tag();
    if (tag >= 0) head(6, tag);
    long at = out.size();
    String found;
    switch (random.nextInt(7)) {
      case 0:
        array(7);
        found = "an array";
        break;
      case 1:
        map(7);
        found = "a map";
        break;
      case 2:
        string(2, bytes());
        found = "a byte string";
        if (tag == 2 || tag == 3) { // a bignum, named from its tag on
          planted = unsupported(tagAt, "a map key that is a bignum (tag " + tag + "); recpipe reads map keys that"
              + " are text strings or integers from -2^64 to 2^64-1, not bignums");
          return;
        }
        break;
      case 3:
        floatingPoint();
        found = "a float";
        break;
      case 4:
        out.write(0xf4 + random.nextInt(2));
        found = "a boolean";
        break;
      case 5:
        out.write(0xf6 + random.nextInt(2));
        found = "null";
        break;
      default:
        writeUnassignedSimpleValue();
        found = "a simple value";
    }
    planted = unsupported(at, "a map key that is " + found + "; recpipe reads map keys that are text strings or integers");
  }

  private void badItem() {
    long at = out.size();
    switch (random.nextInt(5)) {
      case 0: {
        int value = writeUnassignedSimpleValue();
        planted = unsupported(at, "simple value " + value);
        break;
      }
      case 1: {
        long tag = random.nextBoolean() ? 25 : 256;
        head(6, tag);
        item(7);
        planted = unsupported(at, "tag " + tag + ", a string reference");
        break;
      }
      case 2: {
        head(6, 4);
        head(4, 2);
        at = out.size();
        boolean negative = random.nextBoolean();
        long magnitude = Integer.MAX_VALUE + (negative ? 0L : 1L) + (random.nextBoolean() ? 0 : random.nextInt(1000));
        head(negative ? 1 : 0, magnitude);
        item(7);
        planted = unsupported(at, "a decimal fraction (tag 4) with exponent "
            + (negative ? -1 - magnitude : magnitude));
        break;
      }
      case 3:
        out.write(0x1c + random.nextInt(3));
        planted = new Ending("byte offset " + at + " (record seq " + seq + "): ", "invalid CBOR: reserved additional information");
        break;
      default: // "unexpected break", or in an indefinite map "break after a map key, before its value"
        out.write(0xff);
        planted = new Ending("byte offset " + at + " (record seq " + seq + "): ", "invalid CBOR: ");
    }
  }

  private int writeUnassignedSimpleValue() {
    if (random.nextBoolean()) {
      int value = random.nextInt(20);
      out.write(0xe0 + value);
      return value;
    }
    int value = 32 + random.nextInt(224);
    out.write(0xf8);
    out.write(value);
    return value;
  }

  private Ending unsupported(long at, String what) {
    return new Ending("byte offset " + at + " (record seq " + seq + "): ", "unsupported CBOR: " + what);
  }

  /** A string, definite or in chunks of any size, heads of any width. */
  private void string(int major, byte[] content) {
    if (random.nextInt(4) != 0) {
      head(major, content.length);
      out.writeBytes(content);
      return;
    }
    out.write(major << 5 | 31);
    int at = 0;
    while (at < content.length || random.nextInt(4) == 0) {
      int chunk = random.nextInt(content.length - at + 1);
      head(major, chunk);
      out.write(content, at, chunk);
      at += chunk;
    }
    out.write(0xff);
  }

  private byte[] bytes() {
    byte[] bytes = new byte[length()];
    random.nextBytes(bytes);
    return bytes;
  }

  private int length() {
    return random.nextInt(10) == 0 ? random.nextInt(300) : random.nextInt(12);
  }

  /** A head with an unsigned argument, in its shortest form or, one time in four, a wider one. */
  private void head(int major, long argument) {
    int width = shortestWidth(argument);
    if (random.nextInt(4) == 0) width += random.nextInt(5 - width);
    if (width == 0) {
      out.write(major << 5 | (int) argument);
      return;
    }
    int bytes = 1 << (width - 1);
    out.write(major << 5 | (23 + width));
    for (int shift = (bytes - 1) * 8; shift >= 0; shift -= 8) out.write((int) (argument >>> shift));
  }

  /** 0: in the initial byte; 1, 2, 3, 4: in 1, 2, 4, 8 more bytes. */
  private static int shortestWidth(long argument) {
    if (argument >= 0 && argument < 24) return 0;
    if (argument >= 0 && argument <= 0xff) return 1;
    if (argument >= 0 && argument <= 0xffff) return 2;
    if (argument >= 0 && argument <= 0xffffffffL) return 3;
    return 4;
  }
}
