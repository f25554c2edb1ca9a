package dev.recpipe.writer;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.exc.StreamReadException;
import dev.recpipe.common.RecordReader;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.SequenceInputStream;

/**
 * A record's value, token by token, as the formats read it: Jackson's parser, with text checked for
 * UTF-8 and map keys read exactly.
 *
 * <p>Jackson gets two things wrong for writer, so the formats ask this class for them instead of
 * asking the parser. Text: its UTF-8 decoder lets through overlong forms, surrogates and code
 * points past U+10FFFF, and what came of them was written as {@code ?} or as another character;
 * here such text is a {@link MalformedTextException}. Map keys: Jackson makes text of any key, and
 * not always the right text (a byte string's bytes decoded as UTF-8, 2^64-1 as {@code -1}); here a
 * key that is not text is read again from its bytes ({@link RetainedInput}) as a value, and written
 * as {@link KeyText} says.
 *
 * <p>Advance with {@link #nextToken()}, not the parser's own: it notes where each map key starts.
 */
final class ValueReader {
  /** A record {@code [0, ...]} around a key's bytes, to read the key as a value. */
  private static final byte[] RECORD_HEAD = {(byte) 0x82, 0x00};

  private final JsonParser parser;
  private final RetainedInput input;
  private final RawCbor raw;
  /** Added to this input's offsets to give offsets in writer's stdin: not 0 for a key read again. */
  private final long base;
  private long keyStart = -1;

  /** The parser stands on the value's first token; {@code input} is the stream it reads. */
  ValueReader(JsonParser parser, RetainedInput input, long base) {
    this.parser = parser;
    this.input = input;
    this.raw = new RawCbor(input);
    this.base = base;
  }

  JsonParser parser() {
    return parser;
  }

  JsonToken currentToken() {
    return parser.currentToken();
  }

  /** The next token; a key whose bytes are not UTF-8 is a {@link MalformedTextException}, as text is. */
  JsonToken nextToken() throws IOException {
    boolean keyNext = parser.currentToken() != JsonToken.FIELD_NAME && parser.getParsingContext().inObject();
    if (keyNext) keyStart = parser.currentLocation().getByteOffset();
    try {
      return parser.nextToken();
    } catch (StreamReadException e) {
      if (keyNext) raw.checkText(keyStart, base); // Jackson found a bad byte first: say it as for text
      throw e;
    }
  }

  /** The text string the parser stands on, checked: its bytes must be UTF-8. */
  String text() throws IOException {
    long start = parser.currentTokenLocation().getByteOffset();
    String text;
    try {
      text = parser.getText();
    } catch (StreamReadException e) {
      raw.checkText(start, base);
      throw e;
    }
    raw.checkText(start, base);
    return text;
  }

  /** The map key the parser stands on, as the text of a JSON key ({@link KeyText}). */
  String key() throws IOException {
    int type = raw.majorType(keyStart);
    if (type == RawCbor.TEXT) {
      String name = parser.currentName();
      raw.checkText(keyStart, base);
      return name;
    }
    if (raw.isStringReference(keyStart)) return parser.currentName();
    if (raw.isPlainInteger(keyStart)) return raw.integerText(keyStart);
    return KeyText.of(readAgain(keyStart, parser.currentLocation().getByteOffset()));
  }

  /** The item from {@code from} to {@code to}, read again on its own, as the value of a record. */
  private ValueReader readAgain(long from, long to) throws IOException {
    RetainedInput item = new RetainedInput(new SequenceInputStream(
        new ByteArrayInputStream(RECORD_HEAD), new ByteArrayInputStream(input.copy(from, to))));
    RecordReader record = new RecordReader(item);
    record.next();
    return new ValueReader(record.parser(), item, base + from - RECORD_HEAD.length);
  }
}
