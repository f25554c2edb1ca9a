package dev.recpipe.reader;

import dev.recpipe.common.Utf8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.recpipe.common.RecpipeException;
import dev.recpipe.common.testing.Hex;
import dev.recpipe.common.testing.ThrottledInputStream;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Fuzzing {@code reader --lines} (docs/fuzzing.md): for any bytes, {@link TextLineParser} returns the
 * input split at its line feeds (a CR before a line feed dropped, no empty line after a final one),
 * whether the bytes arrive whole, one at a time or in random reads, and stops at the first line that
 * is not UTF-8 as the JDK's strict decoder sees it, with a {@link RecpipeException} naming the file,
 * the line and the byte offset; {@link Utf8} agrees with that decoder on any bytes.
 *
 * <p>The normal test run replays the files under {@code LineModeFuzzTestInputs/} in the test
 * resources; {@code JAZZER_FUZZ=1} looks for new ones.
 */
class LineModeFuzzTest {
  @FuzzTest
  void linesAreTheInputSplitAtLineFeeds(byte[] input) throws IOException {
    List<String> expected = reference(input);
    String what = Hex.encode(input);
    assertEquals(expected, lines(new ByteArrayInputStream(input)), what);
    assertEquals(expected, lines(ThrottledInputStream.oneByteAtATime(new ByteArrayInputStream(input))), what);
    assertEquals(expected,
        lines(ThrottledInputStream.randomChunks(new ByteArrayInputStream(input), 16, Arrays.hashCode(input))), what);
  }

  @FuzzTest
  void utf8AgreesWithTheJdkDecoder(byte[] input) {
    int invalid = Utf8.firstInvalid(input, 0, input.length);
    assertEquals(jdkFirstInvalid(input, 0, input.length), invalid, () -> Hex.encode(input));
    if (invalid >= 0) {
      String problem = Utf8.problemAt(input, invalid, input.length, "the end of the line");
      assertTrue(problem.startsWith("expected ") && problem.contains(", found "), problem);
    }
  }

  /** Each line as its number and bytes, then the error that ended the input, if any. */
  private static List<String> lines(InputStream in) throws IOException {
    TextLineParser parser = new TextLineParser(in, "lines.txt");
    List<String> lines = new ArrayList<>();
    try {
      while (parser.next()) {
        byte[] line = Arrays.copyOfRange(parser.bytes(), parser.start(), parser.start() + parser.length());
        lines.add(parser.lineNumber() + ": " + Hex.encode(line));
      }
    } catch (RecpipeException e) {
      lines.add("throws " + e.getMessage());
    }
    return lines;
  }

  /** The rules of {@link TextLineParser}'s class comment, the slow way, on the whole input. */
  private static List<String> reference(byte[] input) {
    List<String> lines = new ArrayList<>();
    int number = 0;
    for (int start = 0; start < input.length; ) {
      int lineFeed = indexOf(input, (byte) '\n', start);
      int next = lineFeed < 0 ? input.length : lineFeed + 1;
      int end = lineFeed < 0 ? input.length : lineFeed;
      if (lineFeed >= 0 && end > start && input[end - 1] == '\r') end--;
      number++;
      int invalid = jdkFirstInvalid(input, start, end);
      if (invalid >= 0) {
        lines.add("throws lines.txt:" + number + ": invalid UTF-8 at byte offset " + invalid + ": "
            + Utf8.problemAt(input, invalid, end, "the end of the line"));
        return lines;
      }
      lines.add(number + ": " + Hex.encode(Arrays.copyOfRange(input, start, end)));
      start = next;
    }
    return lines;
  }

  private static int indexOf(byte[] bytes, byte b, int from) {
    for (int i = from; i < bytes.length; i++) {
      if (bytes[i] == b) return i;
    }
    return -1;
  }

  /** Where the JDK's strict decoder first finds malformed input in {@code [from, to)}, or -1. */
  private static int jdkFirstInvalid(byte[] bytes, int from, int to) {
    CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
        .onMalformedInput(CodingErrorAction.REPORT)
        .onUnmappableCharacter(CodingErrorAction.REPORT);
    ByteBuffer in = ByteBuffer.wrap(bytes, from, to - from);
    CoderResult result = decoder.decode(in, CharBuffer.allocate(2 * (to - from) + 2), true);
    return result.isError() ? in.position() : -1;
  }
}
