package dev.recpipe.writer;

import java.io.IOException;

/**
 * The text a map key that is not a text string becomes, since a JSON key must be a string. A key
 * is written as {@code -f lines} would write it as a value, except null, which is {@code null}: the
 * way Python's {@code json} writes {@code {1: "a", None: "b"}} as {@code {"1": "a", "null": "b"}}.
 *
 * <pre>{@code
 * 1, -1, 2^64 (a bignum)      ->  "1", "-1", "18446744073709551616"
 * 1.5, NaN                    ->  "1.5", "NaN"
 * h'0102' (a byte string)     ->  "AQI="            base64, as a byte-string value
 * true, false, null           ->  "true", "false", "null"
 * [1, "a"], {"k": 1}          ->  "[1,\"a\"]", "{\"k\":1}"   its JSON text, as jsonl writes it
 * }</pre>
 *
 * <p>Two keys may then have the same text ({@code 1} and {@code "1"}); they are written as they
 * come, both. Text keys are not this class's: they are written as they are.
 */
final class KeyText {
  private static final byte[] NULL = {'n', 'u', 'l', 'l'};

  private KeyText() {}

  /** The text of the key {@code key} stands on, read whole. */
  static String of(ValueReader key) throws IOException {
    TextBuffer text = new TextBuffer(32);
    switch (key.currentToken()) {
      case VALUE_NULL:
        text.write(NULL);
        break;
      case VALUE_STRING:
        text.writeUtf8(key.text());
        break;
      case START_ARRAY:
      case START_OBJECT:
        JsonText.writeValue(key, text);
        break;
      default:
        ScalarText.writePlain(key.parser(), text);
    }
    return text.toUtf8String();
  }
}
