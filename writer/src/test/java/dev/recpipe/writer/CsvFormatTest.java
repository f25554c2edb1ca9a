package dev.recpipe.writer;

import static dev.recpipe.writer.Records.map;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.recpipe.common.testing.Hex;
import dev.recpipe.common.testing.ToolRun;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The default format: {@code seq,value} lines, RFC 4180 quoting. */
class CsvFormatTest {
  private static String csv(byte[] records) {
    ToolRun run = ToolRun.of(new WriterCommand(), records);
    assertEquals("", run.stderr());
    assertEquals(0, run.status());
    return run.stdout();
  }

  @Test
  void sumsAreExactlyWhatAwkPrintsForTheSourceRows() {
    // awk -F, '{s=0;for(i=1;i<=NF;i++)s+=$i;print NR-1","s}' on "1,2,3\n4,5,6\n"
    ToolRun run = ToolRun.of(new WriterCommand(), Hex.decode("82 00 06 82 01 0f"));
    assertEquals(0, run.status());
    assertEquals("0,6\n1,15\n", run.stdout());
    assertEquals("", run.stderr());
  }

  @Test
  void integersInPlainDecimal() {
    assertEquals("0,0\n1,-1\n2,9223372036854775807\n3,-9223372036854775808\n4,1000000\n",
        csv(Records.of(0L, -1L, Long.MAX_VALUE, Long.MIN_VALUE, 1_000_000L)));
  }

  @Test
  void arrayValueIsSpreadOverFieldsAfterSeq() {
    assertEquals("0,1,2,3\n1,-4,5\n2\n",
        csv(Records.of(List.of(1L, 2L, 3L), List.of(-4L, 5L), List.of())));
  }

  @Test
  void bignumsInPlainDecimal() {
    BigInteger twoTo64 = BigInteger.ONE.shiftLeft(64);
    assertEquals(
        "0,18446744073709551616\n1,-18446744073709551617\n2,123456789012345678901234567890\n"
            + "3,18446744073709551615\n4,-18446744073709551616\n5,1,18446744073709551616\n",
        csv(Records.of(
            twoTo64,
            twoTo64.negate().subtract(BigInteger.ONE),
            new BigInteger("123456789012345678901234567890"),
            twoTo64.subtract(BigInteger.ONE),
            twoTo64.negate(),
            List.of(1L, twoTo64))));
  }

  @Test
  void integersFromGoldenVectorsInAnyEncoding() {
    // docs/FORMAT.md, "Read, but never written": non-shortest integers, a bignum holding 5
    assertEquals("0,6\n1,5\n", csv(Hex.decode("82 18 00 19 00 06  82 01 c2 41 05")));
  }

  @Test
  void indefiniteLengthArraysAreAccepted() {
    assertEquals("0,0,\"[1,2]\"\n", csv(Hex.decode("82 00 9f 00 9f 01 02 ff ff")));
    assertEquals("0,1,2\n", csv(Hex.decode("9f 00 9f 01 02 ff ff")));
  }

  @Test
  void textAsIsUnlessItNeedsQuotes() {
    assertEquals("0,plain\n1,with space\n2,tab\there\n3,\n", csv(Records.of("plain", "with space", "tab\there", "")));
  }

  @Test
  void textWithDelimiterQuoteOrLineBreakIsQuoted() {
    assertEquals(
        "0,\"a,b\"\n1,\"say \"\"hi\"\"\"\n2,\"line1\nline2\"\n3,\"cr\r\"\n4,\"\"\"\"\n",
        csv(Records.of("a,b", "say \"hi\"", "line1\nline2", "cr\r", "\"")));
  }

  @Test
  void textIsUtf8() {
    String text = "é€\uD83D\uDE00";
    assertEquals("0," + text + "\n", csv(Records.of(text)));
    assertEquals("0," + text + "\n", new String(ToolRun.of(new WriterCommand(), Records.of(text)).stdoutBytes(), StandardCharsets.UTF_8));
  }

  @Test
  void textFieldsInsideAnArray() {
    assertEquals("0,a,\"b,c\",d\n", csv(Records.of(List.of("a", "b,c", "d"))));
  }

  @Test
  void nestedArrayOrMapIsOneFieldOfJsonText() {
    assertEquals("0,1,\"[2,3]\",\"{\"\"k\"\":\"\"v\"\"}\",[],{}\n",
        csv(Records.of(List.of(1L, List.of(2L, 3L), map("k", "v"), List.of(), map()))));
  }

  @Test
  void mapValueIsOneFieldOfJsonText() {
    assertEquals("0,\"{\"\"a\"\":1,\"\"b\"\":[1,\"\"x,y\"\"]}\"\n",
        csv(Records.of(map("a", 1L, "b", List.of(1L, "x,y")))));
  }

  @Test
  void mapWithIntegerKeysHasTextKeys() {
    assertEquals("0,\"{\"\"1\"\":2}\"\n", csv(Hex.decode("82 00 a1 01 02")));
  }

  @Test
  void nullIsAnEmptyFieldAndBooleansAreWords() {
    assertEquals("0,\n1,true\n2,false\n3,,true,false,\n",
        csv(Records.of(null, true, false, Arrays.asList(null, true, false, null))));
  }

  @Test
  void floatsAsShortestRoundTripDecimal() {
    assertEquals("0,2.0\n1,0.1\n2,-1.5\n3,1.0E20\n4,1.0E-7\n5,NaN\n6,Infinity\n7,-Infinity\n",
        csv(Records.of(2.0, 0.1, -1.5, 1e20, 1e-7, Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY)));
  }

  @Test
  void floatsAreShortestOnJava17Too() {
    // Java 17's Double.toString gives 9.999999999999999E22 and 2.82879384806159008E17 here
    assertEquals("0,1.0E23\n1,2.82879384806159E17\n", csv(Records.of(1e23, 2.82879384806159E17)));
  }

  @Test
  void halfAndSinglePrecisionFloatsAreReadAsTheirExactValue() {
    // f9 3c00 = half 1.0; fa 3dcccccd = single 0.1f, whose exact value is not 0.1
    assertEquals("0,1.0\n1,0.10000000149011612\n", csv(Hex.decode("82 00 f9 3c 00  82 01 fa 3d cc cc cd")));
  }

  @Test
  void decimalFractionsInPlainNotation() {
    assertEquals("0,273.15\n1,1000\n2,0.000001\n",
        csv(Records.of(new BigDecimal("273.15"), new BigDecimal("1E+3"), new BigDecimal("1E-6"))));
  }

  @Test
  void decimalFractionWithAHugeExponentInScientificNotation() {
    // 4([1000000, 1]) and 4([-1000000, 1]): plain text would be a million digits
    assertEquals("0,1E+1000000\n1,1E-1000000\n",
        csv(Hex.decode("82 00 c4 82 1a 00 0f 42 40 01  82 01 c4 82 3a 00 0f 42 3f 01")));
  }

  @Test
  void decimalFractionsArePlainForExponentsFromMinus1000To1000AsWriterMdSays() {
    // 4([1000, 1]), 4([1001, 1]), 4([-1000, 15]), 4([-1001, 15])
    String plain1000 = "1" + "0".repeat(1000);
    String plainMinus1000 = "0." + "0".repeat(998) + "15";
    assertEquals("0," + plain1000 + "\n1,1E+1001\n2," + plainMinus1000 + "\n3,1.5E-1000\n",
        csv(Records.of(new BigDecimal("1E+1000"), new BigDecimal("1E+1001"), new BigDecimal("15E-1000"),
            new BigDecimal("15E-1001"))));
  }

  @Test
  void byteStringsAsBase64() {
    assertEquals("0,AAEC/w==\n1,\n", csv(Records.of(new byte[] {0, 1, 2, (byte) 0xff}, new byte[0])));
  }

  @Test
  void largeSeqs() {
    assertEquals("4294967296\n", csv(Hex.decode("82 1b 00 00 00 01 00 00 00 00 80")));
  }
}
