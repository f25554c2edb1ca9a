package dev.recpipe.examples;

import static dev.recpipe.examples.Shell.bash;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import dev.recpipe.common.RecordReader;
import dev.recpipe.common.RecordWriter;
import dev.recpipe.examples.Shell.Result;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * examples/python/recpipe.py, the module for writing stages in Python, and the examples written on
 * it, held to the wire format and to the Java tools: values encoded byte for byte as {@link
 * RecordWriter} encodes them (the golden vectors of docs/FORMAT.md, and thousands of generated
 * values), and stages that behave as the Java tools do in real pipelines: under fanout, failing,
 * signalled, cut short by {@code | head}.
 */
@Timeout(300)
class PythonStageIT {
  private static final Path PYTHON = Shell.ROOT.resolve("examples/python");
  private static final String SUMMER = "python3 '" + PYTHON.resolve("summer.py") + "'";
  private static final String MEAN_MAX = "python3 '" + PYTHON.resolve("mean_max.py") + "'";
  private static final String WORDS = "python3 '" + PYTHON.resolve("words.py") + "'";
  private static final HexFormat HEX = HexFormat.of();

  @TempDir static Path shared;
  @TempDir Path dir;

  @BeforeAll
  static void makeInputs() throws Exception {
    String max = Long.toString(Long.MAX_VALUE - 1);
    Result made = bash(shared, "gencsv 20000 5 51 > rows.csv && reader rows.csv > rows.rec && summer < rows.rec > rows.sums"
        + " && gencsv 5000 8 52 --min -" + max + " --max " + max + " > big.csv"
        + " && gencsv 30000 40 53 --min -" + max + " --max " + max + " | reader > wide.rec");
    assertEquals(0, made.status(), made.stderr());
    Files.writeString(shared.resolve("values.py"), PYTHON_VALUES);
    Files.writeString(shared.resolve("one_byte.py"), PYTHON_ONE_BYTE_AT_A_TIME);
  }

  // ---- the codec: the wire format, byte for byte as the Java tools write it

  @Test
  void everyGoldenVectorOfTheFormatPageDecodesAndEncodesAsRecordWriterDoes() throws Exception {
    List<String> canonical = vectors("## Golden vectors", "Read, but never written");
    List<String> readOnly = vectors("Read, but never written", "A stream is the records");
    assertTrue(canonical.size() >= 13 && readOnly.size() >= 3, canonical + " " + readOnly);
    List<String> all = new ArrayList<>(canonical);
    all.addAll(readOnly);
    Files.writeString(dir.resolve("vectors.txt"), String.join("\n", all) + "\n");
    Files.writeString(dir.resolve("reencode.py"), """
        import sys
        sys.path.insert(0, sys.argv[1])
        import recpipe
        for line in sys.stdin:
            print(recpipe.encode(recpipe.decode(bytes.fromhex(line))).hex())
        """);
    Result result = bash(dir, "python3 reencode.py '" + PYTHON + "' < vectors.txt");
    assertEquals(0, result.status(), result.stderr());
    List<String> python = result.stdout().lines().toList();
    for (int i = 0; i < all.size(); i++) {
      byte[] bytes = HEX.parseHex(all.get(i).replace(" ", ""));
      String java = HEX.formatHex(reencodedByRecordWriter(bytes));
      assertEquals(java, python.get(i), "vector " + all.get(i) + ": Python's encoding and RecordWriter's");
      if (i < canonical.size()) assertEquals(HEX.formatHex(bytes), python.get(i), "a canonical vector comes back as it was");
    }
    // and as a stream: the identity stage on the vectors back to back writes RecordWriter's bytes
    byte[] stream = HEX.parseHex(String.join("", all).replace(" ", ""));
    Files.write(dir.resolve("vectors.rec"), stream);
    assertArrayEquals(reencodedByRecordWriter(stream), stdoutBytes(identityStage() + " < vectors.rec"));
  }

  @Test
  void generatedValuesAreEncodedByteForByteAsRecordWriterEncodesThem() throws Exception {
    // 4000 values of every kind Java reads back the same: nested arrays and maps, integers at every
    // width's edges and beyond 2^64, floats of every kind (NaNs with payloads, -0.0, subnormals),
    // text in every plane, bytes, decimals
    Result made = bash(dir, "python3 '" + shared.resolve("values.py") + "' '" + PYTHON + "' 61 4000 records > values.rec");
    assertEquals(new Result(0, "", ""), made);
    byte[] python = Files.readAllBytes(dir.resolve("values.rec"));
    assertRecordsEncodedAsRecordWriterDoes(python);
    // what they mean, not only their form: writer reads them as the values Python made
    Result read = bash(dir, "writer -f jsonl < values.rec | python3 '" + shared.resolve("values.py") + "' '" + PYTHON + "' 61 4000 check");
    assertEquals(new Result(0, "same, 4000 values\n", ""), read);
  }

  @Test
  void everyValueTheModuleWritesReadsBackAsItself() throws Exception {
    // the kinds Java has no type for too: tags, simple values, undefined, keys that are not text
    Result result = bash(dir, "python3 '" + shared.resolve("values.py") + "' '" + PYTHON + "' 62 4000 roundtrip");
    assertEquals(new Result(0, "same, 4000 values\n", ""), result);
  }

  @Test
  void aStageFedOneByteAtATimeWritesWhatItWritesFedWhole() throws Exception {
    // values of every kind, and long rows: records cut at every byte, strings longer than a chunk
    Result result = bash(dir, "python3 '" + shared.resolve("values.py") + "' '" + PYTHON + "' 63 300 records > values.rec"
        + " && { cat values.rec; head -n 300 '" + shared.resolve("big.csv") + "' | reader; } > in.rec"
        + " && python3 '" + shared.resolve("one_byte.py") + "' '" + PYTHON + "' < in.rec | cmp - in.rec"
        + " && " + identityStage() + " < in.rec | cmp - in.rec && echo same");
    assertEquals(new Result(0, "same\n", ""), result);
  }

  @Test
  void nonCanonicalFormsAreReadAndWrittenCanonical() throws Exception {
    // half floats, indefinite strings, arrays and maps, integers longer than needed, a bignum with
    // leading zeros, a simple value in two bytes, undefined, an unknown tag
    String in = "8200f93e00" + "8201f97c00" + "82027f6161626263ff" + "82035f4101420203ff" + "8204bf616101ff"
        + "82051b0000000000000005" + "8206c24400000100" + "8207f820" + "8208f7" + "8209d9d9f78101" + "820af93555"
        // [11, [{"k": "ab"}, 1000([1, 2, 3]), [], {}]], indefinite lengths in and around definite ones
        + "820b9fa1616b7f61616162ffd903e88301020380bfffff";
    String canonical = "8200fa3fc00000" + "8201fa7f800000" + "820263616263" + "820343010203" + "8204a1616101"
        + "820505" + "8206190100" + "8207f820" + "8208f7" + "8209d9d9f78101" + "820afa3eaaa000"
        + "820b84a1616b626162d903e88301020380a0";
    Files.write(dir.resolve("in.rec"), HEX.parseHex(in));
    assertEquals(canonical, HEX.formatHex(stdoutBytes(identityStage() + " < in.rec")));
    // cut at every byte: where each record ends is found by a scan of its heads, then it is decoded
    assertEquals(canonical, HEX.formatHex(stdoutBytes("python3 '" + shared.resolve("one_byte.py") + "' '" + PYTHON + "' < in.rec")));
  }

  @Test
  void aSeqWrittenAsABignumIsReadAsTheJavaStagesReadIt() throws Exception {
    // FORMAT.md: a seq is an unsigned integer, major type 0 or a bignum (tag 2 on a byte string,
    // definite or in chunks, its head in any length, with leading zeros), up to 2^63-1
    String in = "82c2410581" + "01" + "82c25f4106ff8102" + "82d802410781" + "03" + "82da000000024004"
        + "82c249007fffffffffffffff8105";
    Files.write(dir.resolve("in.rec"), HEX.parseHex(in));
    assertEquals("82058101" + "82068102" + "82078103" + "820004" + "821b7fffffffffffffff8105",
        HEX.formatHex(stdoutBytes(identityStage() + " < in.rec")));
    assertArrayEquals(reencodedByRecordWriter(HEX.parseHex(in)), stdoutBytes(identityStage() + " < in.rec"));
  }

  /** Records the Java stages refuse, after a good record [0, [1]], as hex. */
  static Stream<Arguments> refusedRecords() {
    return Stream.of(
        arguments("a bignum seq beyond 2^63-1", "82c249010000000000000000" + "00"),
        arguments("a negative bignum seq", "82c340" + "00"),
        arguments("a bignum seq on an integer", "82c201" + "00"),
        arguments("a seq with another tag", "82c601" + "00"),
        arguments("a bignum, not a record", "c24105"),
        arguments("a decimal fraction, not a record", "c4820001"),
        arguments("a third element that is a tag", "830100c240"),
        arguments("an undefined seq", "82f700"),
        arguments("a third element that is undefined", "830100f7"),
        arguments("a break inside a record", "8201ff"),
        arguments("a reserved head inside a record", "82011c"),
        arguments("text that is not UTF-8", "820162c0af"),
        arguments("a chunk of another kind", "82017f61614162ff"),
        arguments("a map key with no value", "8201bf6161ff"),
        arguments("a simple value in two bytes below 32", "8201f818"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("refusedRecords")
  void aRecordTheJavaStagesRefuseIsRefusedWhereTheyRefuseItAndInTheirWords(String name, String bad) throws Exception {
    Files.write(dir.resolve("bad.rec"), HEX.parseHex("82008101" + bad));
    String java = bash(dir, "writer > /dev/null < bad.rec").stderr().replaceFirst("^writer:", "identity.py:");
    Result python = bash(dir, identityStage() + " < bad.rec | od -An -tx1");
    assertEquals(" 82 00 81 01 ff\n", python.stdout(), python.stderr());
    // invalid CBOR: the same place, record seq included, and the same kind of error, in words of its own
    String invalid = ": invalid CBOR: ";
    String expected = java.contains(invalid) ? java.substring(0, java.indexOf(invalid) + invalid.length()) : java;
    assertTrue(python.stderr().startsWith(expected), "Java: " + java + "Python: " + python.stderr());
  }

  @Test
  void recordsWithinTheFormatsLimitsAreReadAsTheJavaStagesReadThem() throws Exception {
    // FORMAT.md: arrays and maps 1000 deep, the record's own array included; tags do not count;
    // a record of 8 MiB. Canonical, so the identity stage writes them back byte for byte.
    Files.writeString(dir.resolve("deep.py"), """
        import sys
        out = sys.stdout.buffer
        out.write(b"\\x82\\x00" + b"\\x81" * 999 + b"\\x01")
        out.write(b"\\x82\\x01" + b"\\xa1\\x61\\x61" * 999 + b"\\x01")
        out.write(b"\\x82\\x02" + b"\\xc6" * 5000 + b"\\x01")
        out.write(b"\\x82\\x03\\x5a\\x00\\x7f\\xff\\xf9" + b"\\x00" * (8388608 - 7))
        """);
    Result result = bash(dir, "python3 deep.py > deep.rec && writer -f jsonl < deep.rec | wc -l"
        + " && " + identityStage() + " < deep.rec | cmp - deep.rec && echo same");
    assertEquals(new Result(0, "4\nsame\n", ""), result);
  }

  /** Records beyond the format's limits, the first byte's offset 4, after a good record [0, [1]]: how to make them in bash. */
  static Stream<Arguments> recordsBeyondTheLimits() {
    String good = "printf '\\x82\\x00\\x81\\x01'; ";
    return Stream.of(
        arguments("arrays 1001 deep", good + "printf '\\x82\\x01'; printf '\\x81%.0s' {1..1000}; printf '\\x01'"),
        arguments("maps 1001 deep", good + "printf '\\x82\\x01'; printf '\\xa1\\x61\\x61%.0s' {1..1000}; printf '\\x01'"),
        arguments("a text string claiming 9,000,000 bytes, and bytes without end",
            good + "printf '\\x82\\x01\\x7a\\x00\\x89\\x54\\x40'; head -c 200000000 /dev/zero"),
        arguments("an array claiming 9,000,000 elements", good + "printf '\\x82\\x01\\x9a\\x00\\x89\\x54\\x40'; head -c 200000000 /dev/zero"),
        arguments("a map claiming 4,194,305 pairs", good + "printf '\\x82\\x01\\xba\\x00\\x40\\x00\\x01'; head -c 200000000 /dev/zero"),
        arguments("a byte string one byte too long for the record", good + "printf '\\x82\\x01\\x5a\\x00\\x7f\\xff\\xfa'; head -c 8388602 /dev/zero"),
        arguments("an indefinite-length array without end", good + "printf '\\x82\\x01\\x9f'; head -c 200000000 /dev/zero"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("recordsBeyondTheLimits")
  void aRecordBeyondTheFormatsLimitsIsRefusedAsTheJavaStagesRefuseItNotReadIntoMemory(String name, String make) throws Exception {
    Result java = bash(dir, "{ " + make + "; } | writer > /dev/null");
    assertEquals(1, java.status(), java.stderr());
    // the stage may stop reading before the end of the input: the input's status is 0 or 141
    Result python = bash(dir, "{ " + make + "; } | timeout 30 " + identityStage() + " | od -An -tx1; echo \"${PIPESTATUS[1]}\"");
    assertEquals(new Result(0, " 82 00 81 01 ff\n1\n", java.stderr().replaceFirst("^writer:", "identity.py:")), python);
  }

  // ---- summer.py: the Java summer's bytes and messages

  @ParameterizedTest
  @ValueSource(strings = {"rows.rec", "wide.rec"})
  void summerPyWritesSummersBytesAloneAndUnderFanout(String file) throws Exception {
    Result result = bash(shared, SUMMER + " < " + file + " | cmp - <(summer < " + file + ")"
        + " && fanout -n 2 " + SUMMER + " < " + file + " | cmp - <(summer < " + file + ") && echo same");
    assertEquals(new Result(0, "same\n", ""), result);
  }

  /** Bad input after a good record [0, [1]], as hex; invalid CBOR, which Jackson words its own way, apart. */
  static Stream<Arguments> badInputs() {
    return Stream.of(
        arguments("cut in the middle", "820181"),
        arguments("an abort mark", "ff"),
        arguments("not a record", "01"),
        arguments("a map, not a record", "a0"),
        arguments("an empty array", "80"),
        arguments("one element", "8101"),
        arguments("three elements", "83018080"),
        arguments("three elements, in an indefinite array", "9f018080ff"),
        arguments("nothing in an indefinite array", "9fff"),
        arguments("a negative seq", "822080"),
        arguments("a null seq", "82f600"),
        arguments("a seq beyond 2^63-1", "821b8000000000000000"),
        arguments("a text, not a row", "820163616263"),
        arguments("an integer, not a row", "8201c24101"),
        arguments("a boolean in the row", "82018201f5"),
        arguments("a float in the row", "820181f93c00"),
        arguments("an array in the row", "820181820102"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("badInputs")
  void summerPyFailsOnBadInputWithSummersWordsAndBytes(String name, String bad) throws Exception {
    Files.write(dir.resolve("bad.rec"), HEX.parseHex("82008101" + bad));
    Result java = bash(dir, "summer < bad.rec | od -An -tx1");
    Result python = bash(dir, SUMMER + " < bad.rec | od -An -tx1");
    assertEquals(java.stderr().replaceFirst("^summer:", "summer.py:"), python.stderr());
    // summer streams a record: it sums [1, [], x] before it finds the x; summer.py checks a record
    // whole first, and passes on nothing of one that is not a record
    String written = name.startsWith("three elements") ? " 82 00 01 ff\n" : java.stdout();
    assertEquals(new Result(0, written, python.stderr()), python);
  }

  @Test
  void summerPyNamesTheByteThatIsNotCborAndTheCutOfARecordSpanningManyReads() throws Exception {
    Files.write(dir.resolve("bad.rec"), HEX.parseHex("820081018201811c"));
    Result result = bash(dir, SUMMER + " < bad.rec | od -An -tx1");
    assertEquals(new Result(0, " 82 00 01 ff\n", "summer.py: byte offset 7 (record seq 1): invalid CBOR: reserved additional information 28\n"),
        result);
    // a record of 400 KB cut 10 bytes before its end, after 5 whole ones
    Result cut = bash(shared, "{ head -c $(( $(stat -c %s wide.rec) - 10 )) wide.rec; } > '" + dir + "/cut.rec'"
        + " && " + SUMMER + " < '" + dir + "/cut.rec' | cmp - <(summer < '" + dir + "/cut.rec' 2> /dev/null)");
    assertEquals(0, cut.status(), cut.stdout() + cut.stderr());
    Result java = bash(dir, "summer < cut.rec > /dev/null");
    assertEquals(java.stderr().replaceFirst("^summer:", "summer.py:"), cut.stderr());
    assertTrue(cut.stderr().startsWith("summer.py: truncated record at byte offset "), cut.stderr());
  }

  // ---- stages on run(): results, fanout, failures, signals, pipes

  @ParameterizedTest
  @ValueSource(strings = {"rows.csv", "big.csv"})
  void meanMaxUnderFanoutEqualsItsSerialRunAndExactArithmetic(String file) throws Exception {
    Files.writeString(dir.resolve("check.py"), PYTHON_MEAN_MAX_CHECK);
    Result result = bash(shared, "reader " + file + " | fanout -n 2 -b 10 " + MEAN_MAX + " | writer > '" + dir + "/fanout.csv'"
        + " && reader " + file + " | " + MEAN_MAX + " | writer | cmp - '" + dir + "/fanout.csv'"
        + " && python3 '" + dir + "/check.py' " + file + " < '" + dir + "/fanout.csv'");
    assertEquals(new Result(0, "same, " + (file.equals("rows.csv") ? 20000 : 5000) + " rows\n", ""), result);
  }

  @Test
  void aGeneratorStageWritesEachResultWithItsRecordsSeqAndFanoutKeepsThemTogether() throws Exception {
    Files.writeString(dir.resolve("text.py"), """
        import random
        random.seed(71)
        words = ["a", "bb", "naïve", "café", "日本語", "x" * 30, "z9"]
        for i in range(5000):
            line = random.choice(["", " ", "\\t"])
            for _ in range(random.choice([0, 0, 1, 2, 5, 12])):
                line += random.choice(words) + random.choice([" ", "  ", "\\t", " \\t "])
            print(line if random.random() < 0.5 else line.rstrip(" \\t"))
        """);
    Result result = bash(dir, "python3 text.py > text.txt"
        + " && reader --lines text.txt | fanout -n 2 -b 3 " + WORDS + " | writer -f tsv > words.tsv"
        + " && cmp words.tsv <(awk -F'[ \\t]+' '{ for (i = 1; i <= NF; i++) if ($i != \"\") print NR - 1 \"\\t\" $i }' text.txt)"
        + " && reader --lines text.txt | " + WORDS + " | writer -f tsv | cmp - words.tsv && wc -l < words.tsv");
    assertEquals(0, result.status(), result.stderr());
    assertTrue(Integer.parseInt(result.stdout().trim()) > 10000, result.stdout());
  }

  @ParameterizedTest
  @ValueSource(ints = {1, 777, 20000})
  void aFailingFunctionStopsTheStageAfterTheRecordsBeforeWithTheMarkAndTheRecordsSeq(int failingRecord) throws Exception {
    Files.writeString(dir.resolve("fail.py"), stage("""
        count = 0
        def total(row):
            global count
            count += 1
            if count == %d:
                raise ValueError("planted failure")
            return sum(row)
        recpipe.run(total)
        """.formatted(failingRecord)));
    Files.writeString(dir.resolve("out.csv"), "good\n");
    Result result = bash(dir, "cp '" + shared.resolve("rows.rec") + "' in.rec && python3 fail.py < in.rec > stage.out; echo $?"
        + " && reader '" + shared.resolve("rows.csv") + "' | python3 fail.py | writer -o out.csv; echo \"${PIPESTATUS[*]}\"");
    long seq = failingRecord - 1;
    long offset = recordOffset(Files.readAllBytes(dir.resolve("in.rec")), seq);
    String message = "fail.py: record seq " + seq + " (byte offset " + offset + "): ValueError: planted failure\n";
    // reader's status: 0, or 141 when the stage stopped reading before it had written everything
    assertTrue(result.stdout().matches("1\n(0|141) 1 1\n"), result.stdout());
    assertTrue(result.stderr().startsWith(message), result.stderr());
    assertFalse(result.stderr().contains("Traceback"), result.stderr());
    assertEquals("good\n", Files.readString(dir.resolve("out.csv")), "writer -o kept the file");
    assertWholeRecordsThenTheMark(Files.readAllBytes(dir.resolve("stage.out")), seq);
    byte[] sums = stdoutBytes("summer < in.rec");
    byte[] out = Files.readAllBytes(dir.resolve("stage.out"));
    assertArrayEquals(Arrays.copyOf(sums, out.length - 1), Arrays.copyOf(out, out.length - 1), "the sums of the records before");

    Result verbose = bash(dir, "RECPIPE_VERBOSE=1 python3 fail.py < in.rec > /dev/null");
    assertTrue(verbose.stderr().startsWith(message + "Traceback (most recent call last):\n"), verbose.stderr());
    assertTrue(verbose.stderr().endsWith("ValueError: planted failure\n"), verbose.stderr());
    assertEquals(verbose.stderr(), bash(dir, "python3 fail.py --verbose < in.rec > /dev/null").stderr());
  }

  @Test
  void aResultWithNoCborFormAndAnErrorOfTheStagesOwnAreReportedAsTheFunctionsFailure() throws Exception {
    Files.writeString(dir.resolve("set.py"), stage("recpipe.run(lambda row: set(row) if row[0] > 3 else row)"));
    Files.writeString(dir.resolve("own.py"), stage("""
        def check(row):
            if len(row) > 1:
                raise recpipe.Error("expected one integer, found " + str(len(row)))
            return row
        recpipe.run(check, name="own")
        """));
    Result result = bash(dir, "printf '1\\n2\\n7\\n' | reader | python3 set.py | od -An -tx1;"
        + " printf '1\\n2,3\\n' | reader | python3 own.py | od -An -tx1");
    assertEquals(" 82 00 81 01 82 01 81 02 ff\n 82 00 81 01 ff\n", result.stdout());
    assertEquals("set.py: record seq 2 (byte offset 8): cannot write a Python set as CBOR: {7}\n"
        + "own: record seq 1 (byte offset 4): expected one integer, found 2\n", result.stderr());
  }

  @ParameterizedTest
  @ValueSource(ints = {0, 3})
  void aFunctionThatExitsTheProcessEndsTheOutputWithTheMarkAfterTheResultsBefore(int status) throws Exception {
    // a stage that stops before the end of its input has not succeeded, whatever status it gives:
    // as System.exit in a Java stage's function, sys.exit ends the output with the mark
    Files.writeString(dir.resolve("exit.py"), stage("""
        def total(row):
            if row[0] == 3:
                sys.exit(%d)
            return sum(row)
        recpipe.run(total)
        """.formatted(status)));
    Files.writeString(dir.resolve("out.csv"), "good\n");
    Result result = bash(dir, "printf '1\\n2\\n3\\n4\\n' | reader > in.rec && python3 exit.py < in.rec | od -An -tx1;"
        + " printf '1\\n2\\n3\\n4\\n' | reader | python3 exit.py | writer -o out.csv; echo \"${PIPESTATUS[*]}\"");
    assertEquals(" 82 00 01 82 01 02 ff\n0 0 " + status + " 1\n", result.stdout(), result.stderr());
    assertEquals("good\n", Files.readString(dir.resolve("out.csv")), "writer -o kept the file");
  }

  @Test
  void anAbortMarkFromUpstreamIsReportedAndPassedOn() throws Exception {
    Result result = bash(dir, "printf '1,2\\n3,x\\n' | reader | " + MEAN_MAX + " | writer; echo \"exit statuses: ${PIPESTATUS[*]}\"");
    assertEquals("0,1.5,2\nexit statuses: 0 1 1 1\n", result.stdout());
    assertEquals("reader: stdin:2:2: expected an integer, found \"x\"\n"
        + "mean_max.py: input ends with an abort mark at byte offset 5: an earlier stage failed\n"
        + "writer: input ends with an abort mark at byte offset 9: an earlier stage failed\n", result.stderr());
  }

  /**
   * The signals that stop a stage with the mark, and the status each gives, 128 + its number: the
   * Java tools' (Tool's STOP_SIGNALS), every signal whose default ends a process outright but SIGSEGV,
   * SIGBUS, SIGILL and SIGFPE. Those past SIGHUP, SIGINT and SIGTERM ended the Python stage by that
   * default, with no mark: a CPU time limit (ulimit -t, SIGXCPU) or a SIGUSR1 in the middle of the
   * run, and writer -o put the rows before it in place, exit 0 (8,936 of 20,000).
   */
  private static final Map<String, Integer> STOP_STATUS = Map.ofEntries(Map.entry("TERM", 143), Map.entry("INT", 130),
      Map.entry("HUP", 129), Map.entry("USR1", 138), Map.entry("USR2", 140), Map.entry("ALRM", 142), Map.entry("XCPU", 152),
      Map.entry("VTALRM", 154), Map.entry("PROF", 155), Map.entry("IO", 157), Map.entry("PWR", 158), Map.entry("STKFLT", 144),
      Map.entry("ABRT", 134), Map.entry("TRAP", 133), Map.entry("SYS", 159), Map.entry("QUIT", 131),
      Map.entry("RTMIN", 162), Map.entry("RTMIN+3", 165), Map.entry("RTMAX", 192));

  /** Ways a signal can find the stage: waiting for input, busy in its function, blocked writing. */
  static Stream<Arguments> signalled() {
    List<Arguments> cases = new ArrayList<>();
    for (String signal : List.of("TERM", "INT", "HUP")) {
      cases.add(arguments("waiting for input", signal));
      cases.add(arguments("busy in its function", signal));
    }
    cases.add(arguments("blocked writing", "TERM"));
    // and SIGQUIT (Ctrl-\, which the JVM answers with a thread dump, the run going on): its default
    // ended the Python stage with a core dump and no mark, writer -o putting the rows before in place
    for (String signal : List.of("USR1", "USR2", "ALRM", "XCPU", "VTALRM", "PROF", "IO", "PWR", "STKFLT", "ABRT", "TRAP", "SYS", "QUIT")) {
      cases.add(arguments("waiting for input", signal));
    }
    cases.add(arguments("busy in its function", "XCPU"));
    // the real-time signals, which end a process by default too: the Java tools can't catch them
    // (GUARANTEES.md's limits), Python can, and its stage ended with no mark, writer -o putting the rows in place
    for (String signal : List.of("RTMIN", "RTMIN+3", "RTMAX")) cases.add(arguments("waiting for input", signal));
    return cases.stream();
  }

  @ParameterizedTest(name = "SIG{1}, {0}")
  @MethodSource("signalled")
  void aSignalToThePythonStageAloneEndsItsOutputWithTheMarkAfterWholeRecords(String when, String signal) throws Exception {
    Path tmp = Files.createDirectory(dir.resolve("tmp"));
    Files.writeString(dir.resolve("out.csv"), "good\n");
    Files.writeString(dir.resolve("slow.py"), stage("""
        import time
        def total(row):
            time.sleep(0.0002)
            return sum(row)
        recpipe.run(total)
        """));
    String input = when.equals("waiting for input") ? "cat rows.rec; echo $BASHPID > \"$D/up.pid\"; exec sleep 60" : "cat wide.rec";
    String stage = when.equals("busy in its function") ? "python3 \"$D/slow.py\"" : SUMMER;
    // the test JVM starts its processes with SIGQUIT ignored, which a stage keeps ignored, as it
    // should (a script's background job); a terminal's Ctrl-\ reaches a stage at its default
    if (signal.equals("QUIT")) stage = "env --default-signal=QUIT " + stage;
    // blocked writing: a downstream that reads nothing until the stage has been signalled
    String downstream = when.equals("blocked writing")
        ? "{ while [ ! -e \"$D/go\" ]; do sleep 0.05; done; exec tee \"$D/stage.out\"; }"
        : "tee \"$D/stage.out\"";
    // the signal goes once the stage has written all it can (waiting for input), its first results
    // (busy), or after a second of filling the pipe to the stalled downstream (blocked writing)
    String ready = switch (when) {
      case "waiting for input" -> "[ \"$(stat -c %s \"$D/stage.out\" 2>/dev/null)\" = " + Files.size(shared.resolve("rows.sums")) + " ]";
      case "blocked writing" -> "[ $i -ge 20 ]";
      default -> "[ -s \"$D/stage.out\" ]";
    };
    String script = "D='" + dir + "'; set -m; "
        + "{ { " + input + "; } | { echo $BASHPID > \"$D/stage.pid\"; exec " + stage + "; }"
        + " | " + downstream + " | writer -o \"$D/out.csv\"; echo \"${PIPESTATUS[*]}\" > \"$D/statuses\"; } &"
        + " job=$!;"
        + " for i in $(seq 400); do [ -s \"$D/stage.pid\" ] && " + ready + " && break; sleep 0.05; done;"
        + " kill -" + signal + " $(cat \"$D/stage.pid\"); touch \"$D/go\";"
        + " for i in $(seq 200); do kill -0 $(cat \"$D/stage.pid\") 2>/dev/null || break; sleep 0.05; done;"
        + " [ -s \"$D/up.pid\" ] && kill $(cat \"$D/up.pid\") 2>/dev/null; wait $job";
    String stages = (PYTHON + "/summer.py|" + dir + "/slow.py").replace(".", "\\.");
    Result result = CleanRun.run(dir, tmp, shared, stages, script, Duration.ofSeconds(10));
    int status = STOP_STATUS.get(signal);
    List<String> statuses = List.of(Files.readString(dir.resolve("statuses")).trim().split(" "));
    assertEquals(List.of(String.valueOf(status), "0", "1"), statuses.subList(1, 4), "stage, tee, writer; stderr:\n" + result.stderr());
    assertEquals("good\n", Files.readString(dir.resolve("out.csv")), "writer -o kept the file");
    // blocked writing too: the stage waits for the downstream to take the rest of its write and the
    // mark (it gave up after 2 s, and this test took an output cut inside a record as a pass)
    assertWholeRecordsThenTheMark(Files.readAllBytes(dir.resolve("stage.out")), -1);
  }

  /**
   * A CPU time limit as a user sets it, {@code ulimit -t 2}: bash sets the soft and the hard limit
   * alike, and at the hard limit the kernel sends SIGKILL, with no SIGXCPU first. The stage ended 137
   * with no mark, and writer -o put the results before the kill in place, exit 0. recpipe.py now
   * lowers the soft limit a second below the hard one, as the Java tools' launcher does.
   */
  @Test
  void aCpuTimeLimitSetAsTheShellSetsItEndsThePythonStageWithTheMark() throws Exception {
    Path tmp = Files.createDirectory(dir.resolve("tmp"));
    Files.writeString(dir.resolve("out.csv"), "good\n");
    Files.writeString(dir.resolve("burn.py"), stage("""
        def burn(row):
            total = 0
            for i in range(20000):
                total += i
            return total
        recpipe.run(burn)
        """));
    Result result = CleanRun.run(dir, tmp, shared, (dir + "/burn.py").replace(".", "\\."), "D='" + dir + "';"
        + " cat rows.rec | (ulimit -t 2; exec python3 \"$D/burn.py\") | tee \"$D/stage.out\" | writer -o \"$D/out.csv\";"
        + " echo \"${PIPESTATUS[*]}\"");
    assertEquals("152 0 1", result.stdout().trim().replaceFirst("^\\S+ ", ""), "stage, tee, writer; stderr:\n" + result.stderr());
    assertEquals("good\n", Files.readString(dir.resolve("out.csv")), "writer -o kept the file");
    assertWholeRecordsThenTheMark(Files.readAllBytes(dir.resolve("stage.out")), -1);
  }

  /**
   * SIGTERM to a Python stage blocked writing to a downstream that is busy, not reading, for longer
   * than 2 s: the stage waits for room for the rest of its records and its abort mark for as long as
   * the downstream keeps the pipe open, as the Java tools do. It gave up after 2 s and exited; where
   * what it had written ended at a record's end, the downstream read a clean end: here, records of
   * 4,096 bytes, one to each of the pipe's pages, {@code writer -f lines -o} put 16 of the 23 lines in
   * place and exited 0. The stage's input stays open after its records, so it can't end well by
   * finishing first.
   */
  @Test
  void aSignalToAPythonStageWhoseDownstreamIsBusyStillEndsItsOutputWithTheMark() throws Exception {
    Path tmp = Files.createDirectory(dir.resolve("tmp"));
    Files.writeString(dir.resolve("out.txt"), "good\n");
    Files.writeString(dir.resolve("upper.py"), stage("recpipe.run(str.upper)"));
    // a record [seq < 24, text of 4,091 bytes] is 1 + 1 + 3 + 4,091 = 4,096 bytes: a pipe's page
    Files.writeString(dir.resolve("long.txt"), IntStream.range(0, 23)
        .mapToObj(i -> String.valueOf((char) ('a' + i)).repeat(4091) + "\n").collect(Collectors.joining()));
    String script = "D='" + dir + "'; { { reader --lines \"$D/long.txt\"; sleep 8; }"
        + " | { python3 \"$D/upper.py\" & echo $! > \"$D/up.pid\"; wait $!; }"
        + " | { sleep 5; writer -f lines -o \"$D/out.txt\"; }; echo \"${PIPESTATUS[*]}\"; } & pipeline=$!;"
        + " for i in $(seq 100); do [ -s \"$D/up.pid\" ] && break; sleep 0.1; done; sleep 1.5; kill -TERM $(cat \"$D/up.pid\");"
        + " wait $pipeline";
    Result result = CleanRun.run(dir, tmp, shared, dir.resolve("upper.py").toString().replace(".", "\\."), script);
    assertEquals("0 143 1\n", result.stdout(), result.stderr());
    assertTrue(result.stderr().matches("writer: input ends with an abort mark at byte offset 94208: an earlier stage failed\n"),
        result.stderr());
    assertEquals("good\n", Files.readString(dir.resolve("out.txt")), "writer -o kept the file");
  }

  @Test
  void aClosedStdoutEndsTheStageQuietlyWith141() throws Exception {
    // wide.rec's results fill any pipe: the stage is still writing when head has gone
    Result result = bash(shared, MEAN_MAX + " < wide.rec | head -c 10 > /dev/null; echo \"${PIPESTATUS[0]}\";"
        + MEAN_MAX + " < wide.rec | writer | head -n 1; echo \"${PIPESTATUS[*]}\"");
    assertEquals("", result.stderr());
    assertTrue(result.stdout().matches("141\n0,-?[0-9.E]+,-?[0-9]+\n141 141 0\n"), result.stdout());
  }

  @Test
  void printInTheFunctionGoesToStderrNotAmongTheRecords() throws Exception {
    Files.writeString(dir.resolve("chatty.py"), stage("""
        def total(row):
            print("row of", len(row))
            return sum(row)
        recpipe.run(total)
        """));
    Result result = bash(dir, "printf '1,2\\n3,4,5\\n' | reader | python3 chatty.py | writer");
    assertEquals(new Result(0, "0,3\n1,12\n", "row of 2\nrow of 3\n"), result);
  }

  /**
   * A message quotes what the stage's function raised, and the script's name: their control
   * characters are shown as the Java tools show them (common's ControlCharacters: C0 and DEL as
   * \xNN, C1 as a backslash, u and four hex digits), so the message stays one line and sends the
   * terminal no escape sequence. They went out raw: {@code ValueError("bad\nline\x1b[31m")} split
   * the line in two and turned the terminal red, and so did a script named so.
   */
  @Test
  void aMessageShowsTheControlCharactersItQuotesAndStaysOneLine() throws Exception {
    Files.writeString(dir.resolve("r\u001b[31m.py"), stage("""
        def fail(row):
            raise ValueError("bad\\nline\\x1b[31m red \\x85\\x7f")
        recpipe.run(fail)
        """));
    Result result = bash(dir, "printf '1\\n' | reader | python3 \"$(printf 'r\\033[31m.py')\" | od -An -tx1;"
        + " printf '1\\n' | reader | python3 \"$(printf 'r\\033[31m.py')\" >&-");
    assertEquals(new Result(1, " ff\n", "r\\x1b[31m.py: record seq 0 (byte offset 0): ValueError: bad\\x0aline\\x1b[31m"
        + " red \\u0085\\x7f\nr\\x1b[31m.py: stdout is closed\n"), result);
  }

  @Test
  void aStandardStreamTheStageWasStartedWithoutIsReported() throws Exception {
    // (a directory as stdin, which the Java tools report, Python itself refuses to start with)
    Result result = bash(shared, SUMMER + " <&- | od -An -tx1; echo \"${PIPESTATUS[0]}\"; " + SUMMER + " < rows.rec >&-; echo $?");
    assertEquals(new Result(0, " ff\n1\n1\n", "summer.py: stdin is closed\nsummer.py: stdout is closed\n"), result);
  }

  @Test
  void recordsAreNotWrittenToATerminalAsTheJavaToolsRefuseTo() throws Exception {
    // script(1) gives the commands a pseudo-terminal, as a person's shell has
    Result result = bash(shared, "script -qec \"" + SUMMER + " < rows.rec; echo status \\$?;"
        + SUMMER + " < rows.rec | head -c 2 | od -An -tx1\" /dev/null");
    assertEquals("summer.py: refusing to write records (binary CBOR) to a terminal: pipe them into another stage,"
        + " e.g. '| writer' to see them as text, or through '| cat' to force it\r\nstatus 1\r\n 82 00\r\n", result.stdout());
  }

  // ---- helpers

  /** A stage script, its lines after the module's import. */
  private static String stage(String body) {
    return "import sys\nsys.path.insert(0, '" + PYTHON + "')\nimport recpipe\n" + body;
  }

  private String identityStage() throws IOException {
    Files.writeString(dir.resolve("identity.py"), stage("recpipe.run(lambda value: value)"));
    return "python3 '" + dir.resolve("identity.py") + "'";
  }

  /** The hex strings in backquotes of the tables of docs/FORMAT.md between two headings. */
  private static List<String> vectors(String from, String to) throws IOException {
    String page = Files.readString(Shell.ROOT.resolve("docs/FORMAT.md"));
    String part = page.substring(page.indexOf(from), page.indexOf(to));
    List<String> found = new ArrayList<>();
    Matcher hex = Pattern.compile("(?m)^\\|.*?`((?:[0-9a-f]{2} )*[0-9a-f]{2})`").matcher(part);
    while (hex.find()) found.add(hex.group(1));
    return found;
  }

  /** Records read by RecordReader and written again by RecordWriter: recpipe's own encoding of them. */
  private static byte[] reencodedByRecordWriter(byte[] records) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    RecordWriter writer = new RecordWriter(out);
    RecordReader reader = new RecordReader(new ByteArrayInputStream(records));
    while (reader.next()) writer.write(reader.seq(), reader.readValue());
    writer.flush();
    return out.toByteArray();
  }

  /** Each record as RecordWriter writes it again: the first that differs is named, with both encodings. */
  private static void assertRecordsEncodedAsRecordWriterDoes(byte[] records) throws IOException {
    RecordReader reader = new RecordReader(new ByteArrayInputStream(records));
    List<Long> starts = new ArrayList<>();
    List<byte[]> java = new ArrayList<>();
    while (reader.next()) {
      starts.add(reader.recordOffset());
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      RecordWriter writer = new RecordWriter(out);
      writer.write(reader.seq(), reader.readValue());
      writer.flush();
      java.add(out.toByteArray());
    }
    starts.add((long) records.length);
    for (int i = 0; i < java.size(); i++) {
      byte[] python = Arrays.copyOfRange(records, starts.get(i).intValue(), starts.get(i + 1).intValue());
      assertEquals(HEX.formatHex(java.get(i)), HEX.formatHex(python), "record " + i + ": RecordWriter's bytes and Python's");
    }
    assertTrue(java.size() > 100, "records: " + java.size());
  }

  /** Where the record with {@code seq} starts, as RecordReader finds it. */
  private static long recordOffset(byte[] records, long seq) throws IOException {
    RecordReader reader = new RecordReader(new ByteArrayInputStream(records));
    while (reader.next()) {
      if (reader.seq() == seq) return reader.recordOffset();
    }
    throw new AssertionError("no record seq " + seq);
  }

  /**
   * {@code out} is whole records with seqs 0, 1, 2, ... (as many as {@code count}, unless it is -1)
   * and then the abort mark: a mark where a reader expects a record, never inside one.
   */
  private static void assertWholeRecordsThenTheMark(byte[] out, long count) throws IOException {
    assertTrue(out.length > 0 && (out[out.length - 1] & 0xff) == 0xff, "the output ends with the mark: " + out.length + " bytes");
    RecordReader reader = new RecordReader(new ByteArrayInputStream(out, 0, out.length - 1));
    long records = 0;
    while (reader.next()) {
      assertEquals(records++, reader.seq());
      reader.readValue();
    }
    if (count >= 0) assertEquals(count, records, "records before the mark");
  }

  private byte[] stdoutBytes(String command) throws Exception {
    Path out = Files.createTempFile(dir, "stdout", ".bin");
    Result result = bash(dir, command + " > '" + out + "'");
    assertEquals(0, result.status(), result.stderr());
    return Files.readAllBytes(out);
  }

  /**
   * {@code python3 values.py MODULE_DIR SEED COUNT MODE}: COUNT random values, the same for a seed.
   * {@code records}: the records [i, value] on stdout, of the kinds Java reads back the same (maps
   * keyed by text, no tags but decimals, no simple values). {@code check}: reads {@code writer -f
   * jsonl}'s lines of those records and compares each with its value. {@code roundtrip}: every kind,
   * keys of any kind too; each value encoded then decoded, alone and as a stream of records, must
   * be the value, type for type.
   */
  private static final String PYTHON_VALUES = """
      import base64, decimal, io, json, math, random, struct, sys
      sys.path.insert(0, sys.argv[1])
      import recpipe
      seed, count, mode = int(sys.argv[2]), int(sys.argv[3]), sys.argv[4]
      rng = random.Random(seed)
      java = mode != "roundtrip"
      EDGES = [0, 23, 24, 255, 256, 65535, 65536, 2**32 - 1, 2**32, 2**63 - 1, 2**63, 2**64 - 1, 2**64, 2**71, 2**128]
      LETTERS = [(0x20, 0x7e), (0xa0, 0x24f), (0x3040, 0x30ff), (0x4e00, 0x4fff), (0x1f300, 0x1f64f), (0x10000, 0x1000f)]

      def integer():
          r = rng.random()
          if r < 0.5:
              n = rng.choice(EDGES) + rng.choice([-1, 0, 0, 1])
          elif r < 0.75:
              n = rng.randrange(2**20)
          else:
              n = rng.getrandbits(rng.randrange(1, 300))
          return n if rng.random() < 0.5 else -n - 1

      def floating():
          r = rng.random()
          if r < 0.3:
              return rng.choice([0.0, -0.0, math.inf, -math.inf, math.nan, -math.nan, 1e23, 5e-324, 0.1, 1.5,
                                 3.4028234663852886e38, 3.4028235677973366e38, 1.401298464324817e-45, 7e-46,
                                 2.0**-149, 2.0**-150, 65504.0, 1e300, -2.5])
          if r < 0.6:  # every float32 exactly, NaNs with payloads included
              return struct.unpack(">f", rng.getrandbits(32).to_bytes(4, "big"))[0]
          return struct.unpack(">d", rng.getrandbits(64).to_bytes(8, "big"))[0]

      def text(long=True):
          n = rng.choice([0, 1, 5, 23, 24, 100, 300]) if rng.random() < 0.98 or not long else rng.choice([65535, 65536, 70000])
          low, high = rng.choice(LETTERS)
          return "".join(chr(rng.randint(low, high)) for _ in range(n))

      def blob():
          n = rng.choice([0, 1, 23, 24, 255, 256, 1000]) if rng.random() < 0.98 else 70000
          return rng.getrandbits(8 * n).to_bytes(n, "big") if n else b""

      def dec():
          mantissa = rng.getrandbits(rng.randrange(1, 120)) * rng.choice([1, -1])
          return decimal.Decimal(mantissa).scaleb(rng.randint(-30, 30), decimal.Context(prec=100))

      def key():  # Java reads text keys, of up to 50000 bytes; Python any key a dict can hold
          if java:
              return text(long=False)
          return rng.choice([lambda: text(long=False), integer, blob, lambda: (integer(), text(long=False)),
                             lambda: rng.random(), lambda: rng.choice([True, False, None])])()

      def value(depth=0):
          kinds = [integer, integer, floating, text, blob, dec, lambda: rng.choice([True, False, None])]
          if not java:
              kinds += [lambda: recpipe.Tagged(rng.choice([0, 1, 5, 24, 255, 256, 55799, 2**32, 2**64 - 1]), value(depth + 1)),
                        lambda: recpipe.Simple(rng.choice(list(range(20)) + list(range(32, 256)))),
                        lambda: recpipe.UNDEFINED]
          if depth < 3:  # lengths at the edge of a head's forms (23, 24) near the top only: values stay small
              sizes = [0, 1, 2, 3, 23, 24] if depth == 0 else [0, 1, 2, 3]
              kinds += [lambda: [value(depth + 1) for _ in range(rng.choice(sizes))],
                        lambda: tuple(value(depth + 1) for _ in range(rng.choice([0, 2]))),
                        lambda: {key(): value(depth + 1) for _ in range(rng.choice(sizes))}]
          return rng.choice(kinds)()

      def same(a, b):
          if type(a) is float:
              return type(b) is float and (a != a and b != b or a == b and math.copysign(1, a) == math.copysign(1, b))
          if type(a) in (list, tuple):
              return type(b) in (list, tuple) and len(a) == len(b) and all(same(x, y) for x, y in zip(a, b))
          if type(a) is dict:
              return (type(b) is dict and len(a) == len(b)
                      and all(same(k, l) and same(v, w) for (k, v), (l, w) in zip(a.items(), b.items())))
          if type(a) is recpipe.Tagged:
              return type(b) is recpipe.Tagged and a.tag == b.tag and same(a.value, b.value)
          if type(a) is decimal.Decimal:
              return type(b) is decimal.Decimal and a.as_tuple() == b.as_tuple()
          return type(a) is type(b) and a == b

      def as_written(a, b):
          # b: writer -f jsonl's value, read with decimals kept exact
          if type(a) is float:
              if a != a or a in (math.inf, -math.inf):
                  return b is None
              return type(b) is decimal.Decimal and same(a, float(b))
          if type(a) is decimal.Decimal:
              return type(b) in (int, decimal.Decimal) and decimal.Decimal(b) == a
          if type(a) in (bytes,):
              return b == base64.b64encode(a).decode()
          if type(a) in (list, tuple):
              return type(b) is list and len(a) == len(b) and all(as_written(x, y) for x, y in zip(a, b))
          if type(a) is dict:
              return (type(b) is dict and list(a) == list(b)
                      and all(as_written(v, w) for v, w in zip(a.values(), b.values())))
          return type(a) is type(b) and a == b

      values = [value() for _ in range(count)]
      if mode == "records":
          out = sys.stdout.buffer
          for i, v in enumerate(values):
              out.write(recpipe.encode_record(i, v))
      elif mode == "check":
          got = [json.loads(line, parse_float=decimal.Decimal) for line in sys.stdin]
          bad = [(i, v, g) for i, (v, g) in enumerate(zip(values, got)) if g["seq"] != i or not as_written(v, g["value"])]
          if bad or len(got) != count:
              sys.exit("differ: %d lines for %d values; first: %r" % (len(got), count, bad[:1]))
          print("same, %d values" % count)
      else:
          stream = b"".join(recpipe.encode_record(i, v) for i, v in enumerate(values))
          records = list(recpipe.Reader(io.BytesIO(stream)))
          bad = [(i, v) for i, v in enumerate(values)
                 if not same(v, recpipe.decode(recpipe.encode(v))) or records[i][0] != i or not same(v, records[i][1])]
          if bad or len(records) != count:
              sys.exit("differ: %d records for %d values; first: %r" % (len(records), count, bad[:1]))
          print("same, %d values" % count)
      """;

  /**
   * {@code python3 one_byte.py MODULE_DIR [SCRIPT FUNCTION]}: a stage, SCRIPT.py's FUNCTION (the
   * identity if none), run by recpipe.process on stdin read one byte at a time: every record is cut
   * everywhere it can be. ExamplesIT runs summer.py's function so.
   */
  static final String PYTHON_ONE_BYTE_AT_A_TIME = """
      import importlib, io, sys
      sys.path.insert(0, sys.argv[1])
      import recpipe
      fn = getattr(importlib.import_module(sys.argv[2]), sys.argv[3]) if len(sys.argv) > 3 else (lambda value: value)
      class OneByte(io.RawIOBase):
          def __init__(self, data):
              self.data, self.at = data, 0
          def readable(self):
              return True
          def readinto(self, buffer):
              if self.at == len(self.data) or not len(buffer):
                  return 0
              buffer[0] = self.data[self.at]
              self.at += 1
              return 1
      stdin = io.BufferedReader(OneByte(sys.stdin.buffer.read()), buffer_size=1)
      sys.exit(recpipe.process(fn, stdin, sys.stdout.buffer, sys.stderr))
      """;

  /**
   * {@code python3 check.py ROWS.csv < output}: mean_max's lines through writer checked with exact
   * arithmetic: the mean is the fraction sum/n rounded once to a double, which writer's text must
   * read back as; the max is the largest integer.
   */
  private static final String PYTHON_MEAN_MAX_CHECK = """
      import fractions, sys
      rows = [[int(n) for n in line.split(",")] for line in open(sys.argv[1])]
      got = [line.rstrip("\\n").split(",") for line in sys.stdin]
      bad = [(i, row, g) for i, (row, g) in enumerate(zip(rows, got))
             if g != [str(i), g[1], str(max(row))] or float(g[1]) != float(fractions.Fraction(sum(row), len(row)))]
      if bad or len(got) != len(rows):
          sys.exit("differ: %d rows, %d lines; first: %r" % (len(rows), len(got), bad[:1]))
      print("same, %d rows" % len(rows))
      """;
}
