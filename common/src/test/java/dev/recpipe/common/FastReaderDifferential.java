package dev.recpipe.common;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;

import dev.recpipe.common.testing.Values;
import dev.recpipe.common.testing.Hex;
import dev.recpipe.common.testing.ThrottledInputStream;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Function;
import java.util.function.LongSupplier;

/**
 * Reads the same bytes through {@link RecordReader}, the reference, and {@link FastRecordReader},
 * in each way a stage reads values and in each split of the input, and checks that the two see the
 * same records (offset, seq, value) and end the same way (cleanly, or with the same exception and
 * message). The oracle of {@code FastRecordReaderTest}, its property test and its fuzz test.
 */
final class FastReaderDifferential {
  private FastReaderDifferential() {}

  /** The records read, each as its offset, seq and value, and how the reading ended (null: cleanly). */
  record Outcome(List<String> records, String error) {}

  /** The ways a stage reads a record's value, through the same calls on either reader. */
  enum Way {
    SKIP, OBJECT, INTEGERS, TEXT,
    /** Integers, except every third record as an object: a stage that reads what it finds. */
    MIXED,
    /** As writer reads: an integer within a long as such, any other value token by token from the parser. */
    STREAMED
  }

  /** How the input arrives. */
  enum Split {
    WHOLE(in -> in),
    ONE_BYTE(ThrottledInputStream::oneByteAtATime),
    RANDOM_CHUNKS(in -> ThrottledInputStream.randomChunks(in, 7, 42));

    final Function<InputStream, InputStream> apply;

    Split(Function<InputStream, InputStream> apply) {
      this.apply = apply;
    }
  }

  /**
   * Every way, every split: the fast reader's outcome is the reference's, read whole. Where the
   * reference itself may read the input otherwise in another split, the fast reader, which hands
   * RecordReader its input in reads of other sizes again, is held to it in the whole read only: that
   * is Jackson's bug, not the fast path's. jackson-dataformat-cbor 2.22 misreads an empty chunk of an
   * indefinite text that ends a read of its input: {@code 82 08 7f 61 61 60 61 62 ff 82 09 00} is
   * "ab", or "aab", or an error, by where the reads end. Such inputs are known by their bytes (an
   * {@code 7f}, then a {@code 60}), others by the reference's answers in the three splits.
   */
  static void assertSameOutcomes(byte[] input) throws IOException {
    for (Way way : Way.values()) {
      Outcome expected = reference(input, way, Split.WHOLE);
      boolean referenceDependsOnSplit = mayHoldAnEmptyTextChunk(input)
          || !expected.equals(reference(input, way, Split.ONE_BYTE))
          || !expected.equals(reference(input, way, Split.RANDOM_CHUNKS));
      for (Split split : Split.values()) {
        if (referenceDependsOnSplit && split != Split.WHOLE) continue;
        Reader fast = Reader.of(new FastRecordReader(split.apply.apply(new ByteArrayInputStream(input))));
        assertEquals(expected, outcome(fast, way), () -> way + ", " + split + ": " + describe(input));
      }
    }
  }

  /** An indefinite text ({@code 7f}), then an empty text ({@code 60}): see {@link #assertSameOutcomes}. */
  private static boolean mayHoldAnEmptyTextChunk(byte[] input) {
    boolean indefiniteText = false;
    for (byte b : input) {
      if (b == 0x7f) indefiniteText = true;
      if (b == 0x60 && indefiniteText) return true;
    }
    return false;
  }

  private static Outcome reference(byte[] input, Way way, Split split) throws IOException {
    return outcome(Reader.of(new RecordReader(split.apply.apply(new ByteArrayInputStream(input)))), way);
  }

  /** The outcome of reading all of {@code input} through the fast reader, in one way. */
  static Outcome fastOutcome(byte[] input, Way way) throws IOException {
    return outcome(Reader.of(new FastRecordReader(new ByteArrayInputStream(input))), way);
  }

  private static String describe(byte[] input) {
    if (input.length <= 512) return Hex.encode(input);
    return input.length + " bytes starting " + Hex.encode(Arrays.copyOf(input, 64));
  }

  private static Outcome outcome(Reader reader, Way way) throws IOException {
    List<String> records = new ArrayList<>();
    try {
      for (int i = 0; reader.next().call(); i++) {
        String value = read(reader, way == Way.MIXED ? (i % 3 == 2 ? Way.OBJECT : Way.INTEGERS) : way);
        records.add(reader.recordOffset().getAsLong() + " " + reader.seq().getAsLong() + " " + value);
      }
      return new Outcome(records, null);
    } catch (IOException | RuntimeException e) { // RecordFormatException, as a rule; any other must be the same too
      return new Outcome(records, e.getClass().getSimpleName() + ": " + e.getMessage());
    }
  }

  private static String read(Reader reader, Way way) throws IOException {
    switch (way) {
      case OBJECT:
        return Values.render(reader.readValue().call());
      case INTEGERS:
        StringBuilder integers = new StringBuilder();
        reader.readIntegers().read(new IntegerSink() { // which of the two calls, as well as the value
          @Override
          public void add(long value) {
            integers.append(value).append(' ');
          }

          @Override
          public void add(BigInteger value) {
            integers.append("big ").append(value).append(' ');
          }
        });
        return integers.toString();
      case TEXT:
        return reader.readText().call();
      case STREAMED:
        return reader.streamed().call();
      default:
        return "";
    }
  }

  /** The calls a stage makes, on either reader. */
  private record Reader(IoCall<Boolean> next, LongSupplier seq, LongSupplier recordOffset,
      IoCall<Object> readValue, IoSink readIntegers, IoCall<String> readText, IoCall<String> streamed) {
    static Reader of(RecordReader r) {
      return new Reader(r::next, r::seq, r::recordOffset, r::readValue, r::readIntegers, r::readText,
          () -> tokens(r.parser()));
    }

    static Reader of(FastRecordReader r) {
      return new Reader(r::next, r::seq, r::recordOffset, r::readValue, r::readIntegers, r::readText,
          () -> r.hasInteger() ? "long " + r.readInteger() : tokens(r.parser()));
    }
  }

  /** The value the parser stands on: an integer within a long as {@code long N}, else its tokens. */
  private static String tokens(JsonParser parser) throws IOException {
    if (parser.currentToken() == JsonToken.VALUE_NUMBER_INT && parser.getBigIntegerValue().bitLength() < 64) {
      return "long " + parser.getLongValue();
    }
    StringBuilder tokens = new StringBuilder();
    int depth = 0;
    do {
      JsonToken token = parser.currentToken();
      tokens.append(token).append(token.isScalarValue() ? " " + parser.getText() : "").append("; ");
      if (token.isStructStart()) depth++;
      if (token.isStructEnd()) depth--;
    } while (depth > 0 && parser.nextToken() != null);
    return tokens.toString();
  }

  private interface IoCall<T> {
    T call() throws IOException;
  }

  private interface IoSink {
    void read(IntegerSink sink) throws IOException;
  }
}
