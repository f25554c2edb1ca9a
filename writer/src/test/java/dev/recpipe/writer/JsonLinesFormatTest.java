package dev.recpipe.writer;

import static dev.recpipe.writer.Records.map;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.recpipe.common.testing.Hex;
import dev.recpipe.common.testing.ToolRun;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@code --format jsonl}: one {@code {"seq":N,"value":...}} object per line. */
class JsonLinesFormatTest {
  private static String jsonl(byte[] records) {
    ToolRun run = ToolRun.of(new WriterCommand(), records, "-f", "jsonl");
    assertEquals("", run.stderr());
    assertEquals(0, run.status());
    return run.stdout();
  }

  @Test
  void integersAndArrays() {
    assertEquals("{\"seq\":0,\"value\":[1,2,3]}\n{\"seq\":1,\"value\":6}\n{\"seq\":2,\"value\":[]}\n",
        jsonl(Records.of(List.of(1L, 2L, 3L), 6L, List.of())));
  }

  @Test
  void bignumsArePlainJsonNumbers() {
    assertEquals("{\"seq\":0,\"value\":[18446744073709551616,-18446744073709551617]}\n",
        jsonl(Records.of(List.of(BigInteger.ONE.shiftLeft(64), BigInteger.ONE.shiftLeft(64).negate().subtract(BigInteger.ONE)))));
  }

  @Test
  void stringEscapes() {
    assertEquals("{\"seq\":0,\"value\":\"q\\\" b\\\\ n\\n r\\r t\\t b\\b f\\f \\u0001\\u001f / é€\uD83D\uDE00\"}\n",
        jsonl(Records.of("q\" b\\ n\n r\r t\t b\b f\f \u0001\u001f / é€\uD83D\uDE00")));
  }

  @Test
  void scalarTypes() {
    assertEquals("{\"seq\":0,\"value\":[null,true,false,2.0,0.1,1.0E20,273.15,\"AAEC/w==\"]}\n",
        jsonl(Records.of(Arrays.asList(null, true, false, 2.0, 0.1, 1e20, new BigDecimal("273.15"),
            new byte[] {0, 1, 2, (byte) 0xff}))));
  }

  @Test
  void nonFiniteFloatsAreNull() {
    assertEquals("{\"seq\":0,\"value\":[null,null,null]}\n{\"seq\":1,\"value\":null}\n",
        jsonl(Records.of(List.of(Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY), Double.NaN)));
  }

  @Test
  void mapsAndNesting() {
    assertEquals("{\"seq\":0,\"value\":{\"a\":1,\"b\":[1,[2,{}],{\"c\\\"\":null}],\"d\":[]}}\n",
        jsonl(Records.of(map("a", 1L, "b", List.of(1L, List.of(2L, map()), map("c\"", null)), "d", List.of()))));
  }

  @Test
  void deepNesting() {
    Object value = 1L;
    for (int i = 0; i < 100; i++) value = List.of(value);
    assertEquals("{\"seq\":0,\"value\":" + "[".repeat(100) + "1" + "]".repeat(100) + "}\n", jsonl(Records.of(value)));
  }

  @Test
  void indefiniteLengthArraysAreAccepted() {
    assertEquals("{\"seq\":0,\"value\":[1,2]}\n", jsonl(Hex.decode("9f 00 9f 01 02 ff ff")));
  }

  @Test
  void indefiniteLengthMapsAndStrings() {
    // [0, {_ "a": (_ "b", "c")}]
    assertEquals("{\"seq\":0,\"value\":{\"a\":\"bc\"}}\n", jsonl(Hex.decode("82 00 bf 61 61 7f 61 62 61 63 ff ff")));
  }
}
