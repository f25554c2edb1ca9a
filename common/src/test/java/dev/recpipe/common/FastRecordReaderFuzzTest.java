package dev.recpipe.common;

import static dev.recpipe.common.FastReaderDifferential.assertSameOutcomes;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Fuzzing {@link FastRecordReader} against {@link RecordReader} (docs/fuzzing.md): for any bytes, in
 * every way a stage reads values and every split of the input, the same records, values and errors
 * as the reference ({@link FastReaderDifferential}).
 *
 * <p>The normal test run replays the files under {@code FastRecordReaderFuzzTestInputs/} in the test
 * resources, and those the fuzz tests of RecordReader and RecordFramer keep; {@code JAZZER_FUZZ=1}
 * looks for new ones.
 */
class FastRecordReaderFuzzTest {
  @FuzzTest
  void fastReaderReadsWhatRecordReaderReads(byte[] input) throws IOException {
    assertSameOutcomes(input);
  }

  /** The inputs the other decoders' fuzz tests keep: abort marks, cuts, bignum seqs, length claims... */
  static Stream<Path> otherDecodersInputs() throws IOException, URISyntaxException {
    Stream<Path> all = Stream.empty();
    for (String dir : new String[] {"RecordReaderFuzzTestInputs", "RecordFramerFuzzTestInputs"}) {
      Path root = Path.of(FastRecordReaderFuzzTest.class.getResource(dir).toURI());
      all = Stream.concat(all, Files.walk(root).filter(Files::isRegularFile).sorted().toList().stream());
    }
    return all;
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("otherDecodersInputs")
  void otherDecodersInputsAreReadAsRecordReaderReadsThem(Path input) throws IOException {
    assertSameOutcomes(Files.readAllBytes(input));
  }
}
