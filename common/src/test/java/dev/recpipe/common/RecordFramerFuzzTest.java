package dev.recpipe.common;

import static dev.recpipe.common.RecordReaderFuzzTest.assertNamesAnOffsetInside;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.recpipe.common.testing.Hex;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.function.IntSupplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Fuzzing {@link RecordFramer} against {@link RecordReader} (docs/fuzzing.md): for any bytes, the
 * framer finds the whole records the reader finds, at the same offsets with the same seqs, however the
 * bytes arrive, and fails where the reader fails, an abort mark where the reader finds one, with a
 * {@link RecordFormatException} naming an offset inside the input. The reader frames with the framer
 * before Jackson decodes, so they differ only where the framer's mode for the reader checks more:
 * {@link #DOCUMENTED_DIFFERENCES}. The texts of their errors are not compared here (they are the
 * same: RecordFramerTest).
 *
 * <p>The normal test run replays the files under {@code RecordFramerFuzzTestInputs/} in the test
 * resources; {@code JAZZER_FUZZ=1} looks for new ones.
 */
class RecordFramerFuzzTest {
  /** Fills the buffer past the bytes on offer: a framer that read them would fail on it. */
  private static final byte RESERVED = 0x1c;
  /**
   * Where RecordReader is stricter: it refuses text that is not UTF-8, the framer in its mode for the
   * reader; fanout's framer passes text on unchecked (docs/FORMAT.md).
   */
  private static final List<Difference> DOCUMENTED_DIFFERENCES = List.of(
      new Difference(Side.READER, "text that is not UTF-8, which fanout does not check", "text that is not UTF-8"));

  @FuzzTest
  void framerFindsTheRecordsRecordReaderFinds(byte[] input) throws IOException {
    Outcome framed = frame(input, () -> input.length);
    Random chunks = new Random(Arrays.hashCode(input));
    assertEquals(framed, frame(input, () -> 1 + chunks.nextInt(16)), () -> "in chunks: " + Hex.encode(input));
    Outcome read = read(input);
    if (read.records().equals(framed.records()) && read.ending().equals(framed.ending())) return;
    Side stricter = stricter(read, framed);
    String error = (stricter == Side.READER ? read : framed).error();
    if (DOCUMENTED_DIFFERENCES.stream().anyMatch(d -> d.explains(stricter, error, input))) return;
    fail("RecordReader and RecordFramer disagree on " + Hex.encode(input) + ":\n  read:   " + read + "\n  framed: " + framed);
  }

  /**
   * The whole records found, as offset and seq, and how the input ended: null for a clean end, or the
   * error's type and message.
   */
  record Outcome(List<String> records, String error) {
    /** What kind of end: a clean one, an abort mark, or an error. */
    String ending() {
      if (error == null) return "end";
      return error.startsWith("UpstreamFailedException") ? "abort mark" : "error";
    }
  }

  enum Side { READER, FRAMER }

  /** A case where {@code stricter} rejects what the other accepts, known by its error text. */
  record Difference(Side stricter, String what, String errorText) {
    boolean explains(Side side, String error, byte[] input) {
      if (side != stricter || error == null || !error.contains(errorText)) return false;
      return !errorText.equals("unexpected break") || followsATagHead(input, offsetIn(error));
    }
  }

  /** The side that failed first: the one with fewer records, or with an error after the same ones. */
  private static Side stricter(Outcome read, Outcome framed) {
    int difference = read.records().size() - framed.records().size();
    if (difference != 0) return difference < 0 ? Side.READER : Side.FRAMER;
    return framed.error() == null ? Side.READER : Side.FRAMER;
  }

  private static int offsetIn(String error) {
    Matcher offset = Pattern.compile("byte offset (\\d+)").matcher(error);
    return offset.find() ? Integer.parseInt(offset.group(1)) : -1;
  }

  /** Whether the bytes just before {@code at} read as the head of a tag: c0-d7, or d8-db and 1, 2, 4 or 8 bytes. */
  private static boolean followsATagHead(byte[] input, int at) {
    if (at >= 1 && (input[at - 1] & 0xff) >= 0xc0 && (input[at - 1] & 0xff) <= 0xd7) return true;
    int[] argumentBytes = {1, 2, 4, 8};
    for (int i = 0; i < argumentBytes.length; i++) {
      int head = at - 1 - argumentBytes[i];
      if (head >= 0 && (input[head] & 0xff) == 0xd8 + i) return true;
    }
    return false;
  }

  /**
   * Records as RecordReader reads them, skipping values. A record counts once the reader is past its
   * end: when the next call to {@code next()} has moved on to the record after it, whatever it finds
   * there.
   */
  private static Outcome read(byte[] input) throws IOException {
    RecordReader reader = new RecordReader(new ByteArrayInputStream(input));
    List<String> records = new ArrayList<>();
    long offset = -1;
    String current = null;
    try {
      while (reader.next()) {
        if (current != null) records.add(current);
        offset = reader.recordOffset();
        current = offset + " " + reader.seq();
      }
      if (current != null) records.add(current);
      return new Outcome(records, null);
    } catch (RecordFormatException e) {
      assertNamesAnOffsetInside(e, input);
      if (current != null && reader.recordOffset() != offset) records.add(current);
      return new Outcome(records, e.getClass().getSimpleName() + ": " + e.getMessage());
    }
  }

  /**
   * Frames the input as a caller does when it arrives {@code chunk} bytes at a time: on -1 it makes
   * more bytes available and calls again from the same start, and at the end of the input, a record
   * still incomplete is a cut, named as RecordReader names it.
   */
  static Outcome frame(byte[] input, IntSupplier chunk) {
    RecordFramer framer = new RecordFramer();
    byte[] buffer = new byte[input.length];
    Arrays.fill(buffer, RESERVED);
    List<String> records = new ArrayList<>();
    int start = 0;
    int limit = 0;
    try {
      while (start < input.length) {
        int length = framer.frame(buffer, start, limit, start);
        if (length > 0) {
          assertTrue(length <= limit - start, () -> "a record past the bytes on offer in " + Hex.encode(input));
          records.add(start + " " + framer.seq());
          start += length;
        } else if (limit < input.length) {
          int more = Math.min(chunk.getAsInt(), input.length - limit);
          System.arraycopy(input, limit, buffer, limit, more);
          limit += more;
        } else {
          return new Outcome(records, "RecordFormatException: truncated record at byte offset " + start
              + ": input ends at byte offset " + input.length + " inside it");
        }
      }
      return new Outcome(records, null);
    } catch (RecordFormatException e) {
      assertNamesAnOffsetInside(e, input);
      return new Outcome(records, e.getClass().getSimpleName() + ": " + e.getMessage());
    }
  }
}
