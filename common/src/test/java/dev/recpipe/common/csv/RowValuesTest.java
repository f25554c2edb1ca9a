package dev.recpipe.common.csv;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.recpipe.common.Limits;
import dev.recpipe.common.RecordWriter;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RowValuesTest {
  private static final List<String> HEADER = List.of("name", "price", "count");

  @Test
  void arraysOfTextOrTypedFields() throws IOException {
    TextRow row = row("kiwi,0.5,,7\n");
    assertEquals(List.of("kiwi", "0.5", "", "7"), RowValues.text(null, false).valueOf(row, 0));
    assertEquals(Arrays.asList("kiwi", 0.5, null, 7L), RowValues.typed(null, false, CsvFormat.DEFAULT).valueOf(row, 0));
  }

  @Test
  void mapsKeyedByTheHeaderInItsOrder() throws IOException {
    Object value = RowValues.typed(HEADER, false, CsvFormat.DEFAULT).valueOf(row("kiwi,0.5,7\n"), 0);
    assertEquals(List.of("name", "price", "count"), List.copyOf(((Map<?, ?>) value).keySet()));
    assertEquals(Map.of("name", "kiwi", "price", 0.5, "count", 7L), value);
  }

  @Test
  void aRowWithAnotherNumberOfFieldsThanTheHeaderIsAnError() throws IOException {
    RowValues values = RowValues.text(HEADER, false);
    assertEquals("rows.csv:1:4: expected 3 fields, as the header has, found 4",
        assertThrows(CsvException.class, () -> values.valueOf(row("a,b,c,d\n"), 0)).getMessage());
    assertEquals("rows.csv:2:3: expected 3 fields, as the header has, found 2",
        assertThrows(CsvException.class, () -> values.valueOf(row("\"a\n\",b\n"), 0)).getMessage());
    assertEquals("rows.csv:1:2: expected 3 fields, as the header has, found 1",
        assertThrows(CsvException.class, () -> values.valueOf(row("a\n"), 0)).getMessage());
  }

  @Test
  void raggedRowsKeepEveryFieldAndMakeUpNone() throws IOException {
    RowValues values = RowValues.text(HEADER, true);
    assertEquals(Map.of("name", "a"), values.valueOf(row("a\n"), 0));
    Map<String, Object> long_ = new LinkedHashMap<>();
    long_.put("name", "a");
    long_.put("price", "b");
    long_.put("count", "c");
    long_.put("4", "d");
    long_.put("5", "");
    assertEquals(long_, values.valueOf(row("a,b,c,d,\n"), 0));
    assertEquals(List.of("name", "price", "count", "4", "5"), List.copyOf(((Map<?, ?>) values.valueOf(row("a,b,c,d,\n"), 0)).keySet()));
  }

  @Test
  void anExtraFieldWhoseNumberIsAHeaderNameIsAnError() {
    RowValues values = RowValues.text(List.of("a", "4", "c"), true);
    assertEquals("rows.csv:1:4: a field past the header's 3 is keyed by its number, but \"4\" is a name in the header",
        assertThrows(CsvException.class, () -> values.valueOf(row("1,2,3,4\n"), 0)).getMessage());
  }

  @Test
  void aBadRowIsRefusedWithItsError() {
    assertEquals("rows.csv:1:1: expected a delimiter or end of line after a closing quote, found \"x\"",
        assertThrows(CsvException.class, () -> RowValues.text(null, false).valueOf(row("\"a\"x\n"), 0)).getMessage());
  }

  @Test
  void aRecordOfExactlyTheLimitIsMadeAndOneByteMoreIsRefused() throws IOException {
    // [seq 0, {"k": text}]: 82 00 a1 61 6b 7a LLLLLLLL text: 10 bytes and the text
    RowValues values = RowValues.text(List.of("k"), false);
    int length = Limits.MAX_RECORD_BYTES - 10;
    assertEquals(Limits.MAX_RECORD_BYTES, written(0, values.valueOf(rowOf("x".repeat(length)), 0)));
    assertEquals("rows.csv:1:1: the row's record is larger than 8 MiB (8388608 bytes), the limit",
        assertThrows(CsvException.class, () -> values.valueOf(rowOf("x".repeat(length + 1)), 0)).getMessage());
    // a larger seq takes more bytes too
    assertThrows(CsvException.class, () -> values.valueOf(rowOf("x".repeat(length)), 24));
  }

  @Test
  void aWideRowOfShortFieldsCanPassTheRecordLimitWithinTheRowLimit() throws IOException {
    // 24-byte fields: 25 bytes of CSV each, 26 of CBOR (a 2-byte head)
    int fields = Limits.MAX_ROW_BYTES / 25;
    String csv = String.join(",", java.util.Collections.nCopies(fields, "y".repeat(24))) + "\n";
    TextRow row = row(csv);
    assertEquals(false, row.isBad());
    long passing = (Limits.MAX_RECORD_BYTES - (1 + 1 + 5)) / 26 + 1;
    assertEquals("rows.csv:1:" + passing + ": the row's record is larger than 8 MiB (8388608 bytes), the limit",
        assertThrows(CsvException.class, () -> RowValues.text(null, false).valueOf(row, 0)).getMessage());
  }

  private static long written(long seq, Object value) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    RecordWriter writer = new RecordWriter(out);
    writer.write(seq, value);
    writer.flush();
    return out.size();
  }

  private static TextRow rowOf(String field) {
    TextRow row = new TextRow();
    row.reset("rows.csv", 1);
    row.startField(1);
    byte[] bytes = field.getBytes(StandardCharsets.UTF_8);
    row.append(bytes, 0, bytes.length);
    return row;
  }

  private static TextRow row(String csv) throws IOException {
    CsvTextParser parser = new CsvTextParser(new ByteArrayInputStream(csv.getBytes(StandardCharsets.UTF_8)), "rows.csv", CsvFormat.DEFAULT);
    TextRow row = new TextRow();
    parser.next(row);
    return row;
  }
}
