package dev.recpipe.writer;

import dev.recpipe.common.RecordWriter;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

/** Record streams for tests, written by the real {@link RecordWriter}. */
final class Records {
  private Records() {}

  /** Records {@code [0, values[0]], [1, values[1]], ...}. */
  static byte[] of(Object... values) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    RecordWriter out = new RecordWriter(bytes);
    try {
      for (int seq = 0; seq < values.length; seq++) out.write(seq, values[seq]);
      out.flush();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return bytes.toByteArray();
  }

  /** A map that keeps its keys in the order given: {@code map("a", 1L, "b", 2L)}. */
  static Map<String, Object> map(Object... keysAndValues) {
    Map<String, Object> map = new LinkedHashMap<>();
    for (int i = 0; i < keysAndValues.length; i += 2) map.put((String) keysAndValues[i], keysAndValues[i + 1]);
    return map;
  }

  static byte[] concat(byte[]... parts) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    for (byte[] part : parts) bytes.writeBytes(part);
    return bytes.toByteArray();
  }

  static byte[] prefix(byte[] bytes, int length) {
    return Arrays.copyOf(bytes, length);
  }
}
