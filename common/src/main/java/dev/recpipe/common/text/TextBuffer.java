package dev.recpipe.common.text;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Text on its way out, as UTF-8 bytes in a growable array.
 *
 * <p>Why not a {@code BufferedWriter} or {@code BufferedOutputStream}: numbers are encoded as
 * digits straight into the array, with no {@code String} per number, and a line half written when
 * an error strikes can be taken back with {@link #truncate(int)}, so the stream only ever receives
 * whole lines. Like okio's {@code Buffer}, it is also the scratch space a field is rendered into
 * before it is quoted.
 */
public final class TextBuffer {
  private static final byte[] LONG_MIN = "-9223372036854775808".getBytes();

  /** The two digits of 0 to 99, so digits come out two per division. */
  private static final byte[] DIGIT_TENS = new byte[100];
  private static final byte[] DIGIT_ONES = new byte[100];

  static {
    for (int i = 0; i < 100; i++) {
      DIGIT_TENS[i] = (byte) ('0' + i / 10);
      DIGIT_ONES[i] = (byte) ('0' + i % 10);
    }
  }

  private byte[] bytes;
  private int size;

  public TextBuffer(int initialCapacity) {
    if (initialCapacity < 1) throw new IllegalArgumentException("initialCapacity < 1: " + initialCapacity);
    this.bytes = new byte[initialCapacity];
  }

  public int size() {
    return size;
  }

  public byte byteAt(int index) {
    return bytes[index];
  }

  /** Drops everything written after the first {@code newSize} bytes. */
  public void truncate(int newSize) {
    if (newSize < 0 || newSize > size) throw new IllegalArgumentException("newSize out of range: " + newSize);
    size = newSize;
  }

  public void clear() {
    size = 0;
  }

  /** The buffered bytes, decoded. */
  public String toUtf8String() {
    return new String(bytes, 0, size, StandardCharsets.UTF_8);
  }

  /** Writes the buffered bytes to {@code out} and empties the buffer. Does not flush {@code out}. */
  public void writeTo(OutputStream out) throws IOException {
    out.write(bytes, 0, size);
    size = 0;
  }

  public void writeByte(int b) {
    require(1);
    bytes[size++] = (byte) b;
  }

  public void write(byte[] source) {
    write(source, 0, source.length);
  }

  public void write(byte[] source, int offset, int length) {
    require(length);
    System.arraycopy(source, offset, bytes, size, length);
    size += length;
  }

  /** Appends bytes {@code from} to {@code to} of another buffer. */
  public void write(TextBuffer source, int from, int to) {
    write(source.bytes, from, to - from);
  }

  /** Appends text known to be ASCII, such as the text of a number. */
  public void writeAscii(String text) {
    int length = text.length();
    require(length);
    for (int i = 0; i < length; i++) bytes[size++] = (byte) text.charAt(i);
  }

  public void writeUtf8(String text) {
    writeUtf8(text, 0, text.length());
  }

  /**
   * Appends chars {@code from} to {@code to} of {@code text}. A lone surrogate has no UTF-8 form: it
   * is refused, not written as {@code ?} as the JDK would. Text from the input can't hold one
   * (the decoder refuses text that is not UTF-8), so one here is a bug to hear about.
   */
  public void writeUtf8(String text, int from, int to) {
    require(3 * (to - from));
    for (int i = from; i < to; i++) {
      char c = text.charAt(i);
      if (c < 0x80) {
        bytes[size++] = (byte) c;
      } else if (c < 0x800) {
        bytes[size++] = (byte) (0xc0 | c >> 6);
        bytes[size++] = (byte) (0x80 | c & 0x3f);
      } else if (!Character.isSurrogate(c)) {
        putThreeBytes(c);
      } else if (Character.isHighSurrogate(c) && i + 1 < to && Character.isLowSurrogate(text.charAt(i + 1))) {
        putCodePoint(Character.toCodePoint(c, text.charAt(++i)));
      } else {
        throw new IllegalArgumentException("a lone surrogate at char " + i + ": not text");
      }
    }
  }

  private void putThreeBytes(char c) {
    bytes[size++] = (byte) (0xe0 | c >> 12);
    bytes[size++] = (byte) (0x80 | c >> 6 & 0x3f);
    bytes[size++] = (byte) (0x80 | c & 0x3f);
  }

  private void putCodePoint(int codePoint) {
    bytes[size++] = (byte) (0xf0 | codePoint >> 18);
    bytes[size++] = (byte) (0x80 | codePoint >> 12 & 0x3f);
    bytes[size++] = (byte) (0x80 | codePoint >> 6 & 0x3f);
    bytes[size++] = (byte) (0x80 | codePoint & 0x3f);
  }

  /** Appends {@code value} in plain decimal, the digits computed straight into the buffer. */
  public void writeDecimal(long value) {
    if (value == Long.MIN_VALUE) {
      write(LONG_MIN);
      return;
    }
    require(20);
    if (value < 0) {
      bytes[size++] = '-';
      value = -value;
    }
    int end = size + digitCount(value);
    int at = end;
    while (value >= 100) {
      int pair = (int) (value % 100);
      value /= 100;
      bytes[--at] = DIGIT_ONES[pair];
      bytes[--at] = DIGIT_TENS[pair];
    }
    if (value >= 10) {
      bytes[--at] = DIGIT_ONES[(int) value];
      bytes[--at] = DIGIT_TENS[(int) value];
    } else {
      bytes[--at] = (byte) ('0' + value);
    }
    size = end;
  }

  private static int digitCount(long nonNegative) {
    int count = 1;
    for (long limit = 10; count < 19 && nonNegative >= limit; limit *= 10) count++;
    return count;
  }

  private void require(int more) {
    if (bytes.length - size >= more) return;
    long wanted = Math.max((long) size + more, 2L * bytes.length);
    if (wanted > Integer.MAX_VALUE - 8) throw new OutOfMemoryError("a line longer than 2 GiB");
    bytes = Arrays.copyOf(bytes, (int) wanted);
  }
}
