package dev.recpipe.fanout.each;

import dev.recpipe.common.Limits;
import dev.recpipe.common.Utf8;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * What a process's stdout becomes in {@code fanout --each}: less one final newline (as the shell's
 * {@code $(...)} drops it, but only one), text if it is UTF-8, a byte string otherwise.
 *
 * <pre>{@code
 * OutputValue.of("12 a.csv\n".getBytes(UTF_8), n)   // "12 a.csv"
 * OutputValue.of(new byte[] {(byte) 0xff}, n)        // h'ff', a byte string
 * }</pre>
 */
final class OutputValue {
  /**
   * The most stdout may hold, a final newline not counted: what a record's value may be and still
   * fit, with its seq, in a record ({@link Limits#MAX_ROW_BYTES}, as for a line of reader's).
   */
  static final int MAX_BYTES = Limits.MAX_ROW_BYTES;

  private OutputValue() {}

  /** The value of {@code length} bytes of output in {@code bytes}: a String or a {@code byte[]}. */
  static Object of(byte[] bytes, int length) {
    int value = valueLength(bytes, length);
    if (Utf8.firstInvalid(bytes, 0, value) < 0) return new String(bytes, 0, value, StandardCharsets.UTF_8);
    return Arrays.copyOf(bytes, value);
  }

  /** How many of the {@code length} bytes of output are the value: all but one final newline. */
  static int valueLength(byte[] bytes, int length) {
    return length > 0 && bytes[length - 1] == '\n' ? length - 1 : length;
  }
}
