package dev.recpipe.writer;

import static dev.recpipe.writer.Records.map;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.recpipe.common.testing.Hex;
import dev.recpipe.common.testing.ThrottledInputStream;
import dev.recpipe.common.testing.ToolRun;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code --format lines}: each value alone on its line, no seq. */
class LinesFormatTest {
  private static String lines(byte[] records) {
    ToolRun run = ToolRun.of(new WriterCommand(), records, "-f", "lines");
    assertEquals("", run.stderr());
    assertEquals(0, run.status());
    return run.stdout();
  }

  @Nested
  class Text {
    @Test
    void textAsItIsWithNoSeq() {
      assertEquals("runs/a.csv\n\nwith, comma \"quoted\" \t tab\\\ncr\r\n",
          lines(Records.of("runs/a.csv", "", "with, comma \"quoted\" \t tab\\", "cr\r")));
    }

    @Test
    void textIsUtf8() {
      String text = "é€\uD83D\uDE00";
      byte[] out = ToolRun.of(new WriterCommand(), Records.of(text), "-f", "lines").stdoutBytes();
      assertEquals(Hex.encode((text + "\n").getBytes(StandardCharsets.UTF_8)), Hex.encode(out));
    }

    @Test
    void seqIsNotWritten() {
      assertEquals("6\n", lines(Hex.decode("82 1b 00 00 00 01 00 00 00 00 06")));
    }

    @Test
    void sameOutputOneByteAtATime() {
      byte[] records = Records.of("a", "", "é€", 7L, List.of("x\ny"));
      ToolRun trickled = ToolRun.of(new WriterCommand(),
          ThrottledInputStream.oneByteAtATime(new ByteArrayInputStream(records)), "-f", "lines");
      assertEquals("a\n\né€\n7\n[\"x\\ny\"]\n", trickled.stdout());
      assertEquals(0, trickled.status());
    }
  }

  @Nested
  class Scalars {
    @Test
    void integersInPlainDecimal() {
      assertEquals("0\n-1\n-9223372036854775808\n18446744073709551616\n",
          lines(Records.of(0L, -1L, Long.MIN_VALUE, BigInteger.ONE.shiftLeft(64))));
    }

    @Test
    void floatsAsInCsvNonFiniteIncluded() {
      assertEquals("2.0\n0.1\n1.0E20\nNaN\n-Infinity\n273.15\n",
          lines(Records.of(2.0, 0.1, 1e20, Double.NaN, Double.NEGATIVE_INFINITY, new BigDecimal("273.15"))));
    }

    @Test
    void booleansAreWords() {
      assertEquals("true\nfalse\n", lines(Records.of(true, false)));
    }

    @Test
    void nullIsAnEmptyLine() {
      assertEquals("1\n\n2\n", lines(Records.of(1L, null, 2L)));
    }

    @Test
    void byteStringsAsBase64() {
      assertEquals("AAEC/w==\n\n", lines(Records.of(new byte[] {0, 1, 2, (byte) 0xff}, new byte[0])));
    }
  }

  @Nested
  class ArraysAndMaps {
    @Test
    void compactJsonAsInJsonl() {
      assertEquals("[1,2,3]\n[]\n[\"a\\nb\",null,true,NaN-is-null]\n".replace("NaN-is-null", "null"),
          lines(Records.of(List.of(1L, 2L, 3L), List.of(), Arrays.asList("a\nb", null, true, Double.NaN))));
    }

    @Test
    void mapsAsJsonObjects() {
      assertEquals("{\"k\":[1,{\"n\":\"\\u0001\"}]}\n{}\n", lines(Records.of(map("k", List.of(1L, map("n", "\u0001"))), map())));
    }

    @Test
    void sameJsonAsJsonlWrites() {
      Object value = map("a", List.of(1L, "x,y", 2.5), "b", BigInteger.ONE.shiftLeft(70));
      String jsonl = ToolRun.of(new WriterCommand(), Records.of(value), "-f", "jsonl").stdout();
      assertEquals(jsonl.substring("{\"seq\":0,\"value\":".length(), jsonl.length() - 2) + "\n", lines(Records.of(value)));
    }
  }

  @Nested
  class NewlineInText {
    private final byte[] records = Records.of("a", "b\nc", "d"); // [1, "b\nc"] starts at byte offset 4

    @Test
    void isAnErrorAfterTheLinesBefore() {
      ToolRun run = ToolRun.of(new WriterCommand(), records, "-f", "lines");
      assertEquals(1, run.status());
      assertEquals("a\n", run.stdout());
      assertEquals("writer: record seq 1 (byte offset 4): -f lines cannot write text that contains a newline;"
          + " use -f jsonl\n", run.stderr());
    }

    @Test
    void aTrailingNewlineToo() {
      ToolRun run = ToolRun.of(new WriterCommand(), Records.of("line\n"), "-f", "lines");
      assertEquals(1, run.status());
      assertEquals("", run.stdout());
      assertEquals("writer: record seq 0 (byte offset 0): -f lines cannot write text that contains a newline;"
          + " use -f jsonl\n", run.stderr());
    }

    @Test
    void jsonlWritesIt() {
      assertEquals(0, ToolRun.of(new WriterCommand(), records, "-f", "jsonl").status());
    }

    @TempDir Path dir;

    @Test
    void leavesNoOutputFile() {
      Path out = dir.resolve("out.txt");
      ToolRun run = ToolRun.of(new WriterCommand(), records, "-f", "lines", "-o", out.toString());
      assertEquals(1, run.status());
      assertEquals("writer: record seq 1 (byte offset 4): -f lines cannot write text that contains a newline;"
          + " use -f jsonl\n", run.stderr());
      assertEquals(List.of(), files());
    }

    @Test
    void leavesAnExistingOutputFileAsItWas() throws IOException {
      Path out = Files.writeString(dir.resolve("out.txt"), "old\n");
      ToolRun run = ToolRun.of(new WriterCommand(), records, "-f", "lines", "-o", out.toString());
      assertEquals(1, run.status());
      assertEquals("old\n", Files.readString(out));
      assertEquals(List.of("out.txt"), files());
    }

    private List<String> files() {
      try (Stream<Path> listing = Files.list(dir)) {
        return listing.map(path -> path.getFileName().toString()).sorted().collect(Collectors.toList());
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
  }
}
