package dev.recpipe.common.testing;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Values as {@code RecordReader.readValue()} gives them, as text that two reads can compare with equals. */
public final class Values {
  private Values() {}

  /**
   * The value with its types told apart ({@code Long 5}, {@code BigInteger 5}), byte strings in hex,
   * text with its controls and non-ASCII characters escaped, doubles with their bits (so -0.0 is not
   * 0.0), map keys in order.
   */
  public static String render(Object value) {
    if (value instanceof byte[] bytes) return "h'" + Hex.encode(bytes) + "'";
    if (value instanceof List<?> list) {
      List<String> items = new ArrayList<>();
      for (Object item : list) items.add(render(item));
      return items.toString();
    }
    if (value instanceof Map<?, ?> map) {
      List<String> pairs = new ArrayList<>();
      for (Map.Entry<?, ?> pair : map.entrySet()) pairs.add(render(pair.getKey()) + ": " + render(pair.getValue()));
      return "{" + String.join(", ", pairs) + "}";
    }
    if (value instanceof String text) return quote(text);
    if (value instanceof Double d) return "Double " + Double.doubleToLongBits(d) + " " + d;
    return value == null ? "null" : value.getClass().getSimpleName() + " " + value;
  }

  private static String quote(String text) {
    StringBuilder quoted = new StringBuilder("\"");
    text.codePoints().forEach(c -> {
      if (c < 0x20 || c > 0x7e) quoted.append(String.format("\\u{%x}", c));
      else quoted.appendCodePoint(c);
    });
    return quoted.append('"').toString();
  }
}
