package dev.recpipe.common.csv;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.recpipe.common.Limits;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

class TypedFieldsTest {
  @Test
  void emptyIsNullQuotedOrNot() throws IOException {
    assertEquals(Arrays.asList(null, null, "a"), typed(",\"\",a"));
  }

  @Test
  void integersOfAnySize() throws IOException {
    assertEquals(List.of(12L, -3L, 4L, 7L, 0L, Long.MAX_VALUE, Long.MIN_VALUE,
            new BigInteger("9223372036854775808"), new BigInteger("-99999999999999999999999")),
        typed("12, -3 ,+4,007,-0,9223372036854775807,-9223372036854775808,9223372036854775808,-99999999999999999999999"));
  }

  /**
   * A decimal as long as a row may be is read, as RowLimitTest's longest integer is: its digits went
   * through {@code BigDecimal}'s decimal constructor, whose time grows with their square (19 s for a
   * million, some 20 minutes for the longest row). The timeout only catches that hang.
   */
  @Test
  @Timeout(value = 120, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
  void aDecimalAsLongAsTheRowLimitIsRead() {
    int fraction = Limits.MAX_ROW_BYTES - 3; // after "-1."
    byte[] field = ("-1." + "0".repeat(fraction - 1) + "1").getBytes(StandardCharsets.US_ASCII);
    BigDecimal expected = new BigDecimal(BigInteger.TEN.pow(fraction).add(BigInteger.ONE).negate(), fraction);
    assertEquals(expected, TypedFields.numberOf(field, 0, field.length));
  }

  @Test
  void quotesDoNotChangeTheType() throws IOException {
    assertEquals(List.of(12L, 1.5), typed("\"12\",\" 1.5\""));
  }

  @Test
  void decimalsThatADoubleHoldsAreDoubles() throws IOException {
    assertEquals(List.of(0.1, 19.99, 1.5, -0.002, 1e5, 0.5, 3.0, -0.0, 1e-300, 0.30000000000000004, 1.7976931348623157e308),
        typed("0.1,19.99,1.50,-2e-3,1E+5,.5,3.,-0.0,1e-300,0.30000000000000004,1.7976931348623157e308"));
  }

  @Test
  void decimalsThatADoubleWouldChangeAreExactDecimals() throws IOException {
    assertEquals(List.of(new BigDecimal("3.14159265358979323846"), new BigDecimal("1e400"), new BigDecimal("0.1000000000000000055511151231257827"),
            new BigDecimal("4.9e-325"), new BigDecimal("123456789012345678.5")),
        typed("3.14159265358979323846,1e400,0.1000000000000000055511151231257827,4.9e-325,123456789012345678.5"));
  }

  @Test
  void theDecimalsAtTheEdgesOfTheFastPathAreDoublesOrNotAsTheShortestFormSays() throws IOException {
    // 15 digits always fit; 16 and 17 digits, and powers of ten past 300, go the slow way
    assertEquals(List.of(0.123456789012345, new BigDecimal("9007199254740993.0"), 1e-310, new BigDecimal("1.000000000000000001")),
        typed("0.123456789012345,9007199254740993.0,1e-310,1.000000000000000001"));
  }

  @Test
  void everythingElseIsTextAsItIs() throws IOException {
    List<String> texts = List.of(" ", "1,5", "1_000", "0x1f", "NaN", "inf", "-Infinity", "12 kg", ".", "-", "+", "e5", "1e", "1e+",
        "1.2.3", "1e1234567890", "١٢", "1 2", "--1", "$5");
    List<String> fields = new ArrayList<>();
    for (String text : texts) fields.add("\"" + text + "\"");
    assertEquals(texts, typed(String.join(",", fields)));
  }

  @Test
  void theDelimiterIsNotTrimmed() throws IOException {
    CsvFormat tabs = CsvFormat.DEFAULT.withDelimiter((byte) '\t');
    assertEquals(List.of(1L, "\t2", 3L), typed("1\t\"\t2\"\t 3 \n", tabs));
  }

  @Test
  void randomNumbersAreTypedAsTheReferenceTypesThem() throws IOException {
    Random random = new Random(42);
    for (int i = 0; i < 20_000; i++) {
      String number = randomNumber(random);
      assertEquals(ReferenceTypes.valueOf(number, (byte) ','), typed("\"" + number + "\"").get(0), number);
    }
  }

  /** Signs, digit runs of every length around 15-17, points and exponents around 300. */
  private static String randomNumber(Random random) {
    StringBuilder number = new StringBuilder();
    if (random.nextInt(4) == 0) number.append(random.nextBoolean() ? '-' : '+');
    appendDigits(number, random, random.nextInt(20));
    if (random.nextInt(4) != 0) {
      number.append('.');
      appendDigits(number, random, random.nextInt(20));
    }
    if (random.nextInt(3) == 0) number.append(random.nextBoolean() ? 'e' : 'E').append(random.nextBoolean() ? "-" : "")
        .append(random.nextInt(3) == 0 ? 280 + random.nextInt(50) : random.nextInt(30));
    return number.toString();
  }

  private static void appendDigits(StringBuilder number, Random random, int count) {
    for (int i = 0; i < count; i++) number.append((char) ('0' + (random.nextInt(3) == 0 ? 0 : random.nextInt(10))));
  }

  private static List<Object> typed(String csv) throws IOException {
    return typed(csv + "\n", CsvFormat.DEFAULT);
  }

  private static List<Object> typed(String csv, CsvFormat format) throws IOException {
    CsvTextParser parser = new CsvTextParser(new ByteArrayInputStream(csv.getBytes(StandardCharsets.UTF_8)), "rows.csv", format);
    TextRow row = new TextRow();
    parser.next(row);
    if (row.isBad()) throw row.error();
    TypedFields types = new TypedFields(format);
    List<Object> values = new ArrayList<>();
    for (int i = 0; i < row.size(); i++) values.add(types.valueOf(row, i));
    return values;
  }
}
