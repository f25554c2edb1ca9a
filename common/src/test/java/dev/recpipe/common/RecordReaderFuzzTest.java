package dev.recpipe.common;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.junit.FuzzTest;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import dev.recpipe.common.testing.Allocations;
import dev.recpipe.common.testing.Hex;
import dev.recpipe.common.testing.ThrottledInputStream;
import dev.recpipe.common.testing.Values;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/**
 * Fuzzing {@link RecordReader} (docs/fuzzing.md): whatever the bytes, it reads records or fails with a
 * {@link RecordFormatException} naming a byte offset inside the input; never another exception, never
 * a different answer because the bytes arrived one at a time, and never memory out of proportion to
 * the input, whatever length a head claims. Each input is read in every way a stage reads values.
 *
 * <p>The normal test run replays the files under {@code RecordReaderFuzzTestInputs/} in the test
 * resources; {@code JAZZER_FUZZ=1} looks for new ones.
 */
class RecordReaderFuzzTest {
  /**
   * What one read of an input may allocate, parser buffers and all, before counting the input: far
   * more than a read of any input takes, far less than a length field can claim (up to 2^64).
   */
  private static final long ALLOCATION_ALLOWANCE = 8 << 20;
  /** And per input byte, for the values a read builds: a text string's chars, a list's slots. */
  private static final long ALLOCATION_PER_BYTE = 256;

  @FuzzTest
  void anyBytesAreReadOrRejectedWithAnOffset(byte[] input) throws Exception {
    for (Way way : Way.values()) {
      Outcome whole = read(input, way, () -> new ByteArrayInputStream(input));
      Outcome oneByteAtATime =
          read(input, way, () -> ThrottledInputStream.oneByteAtATime(new ByteArrayInputStream(input)));
      assertEquals(whole, oneByteAtATime, () -> way + " of " + Hex.encode(input));
    }
  }

  /** The records read, each as its offset, seq and value, and the error that ended the reading. */
  record Outcome(List<String> records, String error) {}

  private static Outcome read(byte[] input, Way way, Supplier<InputStream> in) throws Exception {
    return Allocations.atMost(ALLOCATION_ALLOWANCE + ALLOCATION_PER_BYTE * input.length,
        () -> readAll(input, way, new RecordReader(in.get())),
        () -> way + " of " + input.length + " bytes: " + Hex.encode(input));
  }

  private static Outcome readAll(byte[] input, Way way, RecordReader reader) throws IOException {
    List<String> records = new ArrayList<>();
    try {
      while (reader.next()) {
        long offset = reader.recordOffset();
        assertTrue(offset >= 0 && offset < input.length, () -> "record at " + offset + " in " + Hex.encode(input));
        records.add(offset + " " + reader.seq() + " " + way.read(reader));
      }
      return new Outcome(records, null);
    } catch (RecordFormatException e) {
      assertNamesAnOffsetInside(e, input);
      return new Outcome(records, e.getClass().getSimpleName() + ": " + e.getMessage());
    }
  }

  static void assertNamesAnOffsetInside(RecordFormatException e, byte[] input) {
    long offset = e.byteOffset();
    assertTrue(offset >= 0 && offset <= input.length, () -> e + " for " + Hex.encode(input));
    assertTrue(e.getMessage().contains("byte offset " + offset), () -> e + " for " + Hex.encode(input));
  }

  /** The ways a stage reads a value, after {@link RecordReader#next()}. */
  enum Way {
    /** Leaves it to the next call to {@code next()} to skip, as fanout and merge-like stages do. */
    SKIP {
      @Override
      String read(RecordReader reader) {
        return "";
      }
    },
    /** As a Java object, as {@code Stage}s with {@code Value.read()} do. */
    OBJECT {
      @Override
      String read(RecordReader reader) throws IOException {
        return Values.render(reader.readValue());
      }
    },
    /** As summer does: an array of integers, streamed. */
    INTEGERS {
      @Override
      String read(RecordReader reader) throws IOException {
        StringBuilder sum = new StringBuilder();
        reader.readIntegers(new IntegerSink() {
          @Override
          public void add(long value) {
            sum.append(value).append(' ');
          }

          @Override
          public void add(BigInteger value) {
            sum.append(value).append(' ');
          }
        });
        return sum.toString();
      }
    },
    /** As a stage on {@code reader --lines} records does. */
    TEXT {
      @Override
      String read(RecordReader reader) throws IOException {
        return reader.readText();
      }
    },
    /** Token by token through {@link RecordReader#parser()}, as writer does. */
    TOKENS {
      @Override
      String read(RecordReader reader) throws IOException {
        try {
          return tokens(reader.parser());
        } catch (IOException e) {
          throw reader.translate(e);
        }
      }
    };

    abstract String read(RecordReader reader) throws IOException;
  }

  /** The value's tokens with their text, leaving the parser on its last token. */
  private static String tokens(JsonParser parser) throws IOException {
    StringBuilder text = new StringBuilder();
    int depth = 0;
    for (JsonToken token = parser.currentToken(); ; token = parser.nextToken()) {
      if (token.isStructStart()) depth++;
      if (token.isStructEnd()) depth--;
      text.append(token).append(token.isScalarValue() ? "=" + parser.getText() : "").append(' ');
      if (depth == 0) return text.toString();
    }
  }

}
