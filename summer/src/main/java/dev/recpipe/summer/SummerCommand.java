package dev.recpipe.summer;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import dev.recpipe.common.RecordFormatException;
import dev.recpipe.common.RecordReader;
import dev.recpipe.common.RecordWriter;
import dev.recpipe.common.Tokens;
import dev.recpipe.common.cli.ExitCodes;
import dev.recpipe.common.cli.Tool;
import dev.recpipe.common.cli.ToolCommand;
import java.io.IOException;
import picocli.CommandLine.Command;

/** {@code summer}: each record's value, an array of integers, replaced by its sum. */
@Command(
    name = "summer",
    description = {
      "Read records [seq, [integers...]] on stdin and write [seq, sum] records on stdout, in the"
          + " same order. Sums never overflow: beyond 64 bits they are CBOR bignums.",
    })
public final class SummerCommand extends ToolCommand {
  public static void main(String[] args) {
    Tool.main(new SummerCommand(), args);
  }

  @Override
  protected int run() throws IOException {
    RecordReader records = new RecordReader(streams.in());
    RecordWriter out = new RecordWriter(streams.out());
    try {
      sumAll(records, out);
    } finally {
      out.flush(); // the sums of the records before a bad one still go out, whole
    }
    return ExitCodes.OK;
  }

  private static void sumAll(RecordReader records, RecordWriter out) throws IOException {
    IntegerSum sum = new IntegerSum();
    while (records.next()) {
      try {
        sumValue(records, sum);
      } catch (IOException e) {
        throw records.translate(e);
      }
      if (sum.fitsLong()) {
        out.writeInteger(records.seq(), sum.longValue());
      } else {
        out.write(records.seq(), sum.bigValue());
      }
    }
  }

  private static void sumValue(RecordReader records, IntegerSum sum) throws IOException {
    JsonParser parser = records.parser();
    sum.reset();
    JsonToken token = parser.currentToken();
    if (token != JsonToken.START_ARRAY) throw notIntegers(records, token);
    for (token = parser.nextToken(); token != JsonToken.END_ARRAY; token = parser.nextToken()) {
      if (token != JsonToken.VALUE_NUMBER_INT) throw notIntegers(records, token);
      if (parser.getNumberType() == JsonParser.NumberType.BIG_INTEGER) {
        sum.add(parser.getBigIntegerValue());
      } else {
        sum.add(parser.getLongValue());
      }
    }
  }

  private static RecordFormatException notIntegers(RecordReader records, JsonToken found) {
    return new RecordFormatException(
        "record seq " + records.seq() + " (byte offset " + records.recordOffset()
            + "): expected an array of integers, found "
            + (found == JsonToken.START_ARRAY ? "an array inside the array" : Tokens.describe(found)),
        records.recordOffset());
  }
}
