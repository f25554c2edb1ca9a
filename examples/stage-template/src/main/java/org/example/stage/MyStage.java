package org.example.stage;

import dev.recpipe.common.RecpipeException;
import dev.recpipe.common.cli.Tool;
import dev.recpipe.common.stage.Output;
import dev.recpipe.common.stage.StageCommand;
import dev.recpipe.common.stage.Value;
import java.io.IOException;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * The template's stage: every integer of each row multiplied by a factor, {@code [seq, [1, 2, 3]]}
 * to {@code [seq, [10, 20, 30]]} with {@code --by 10}; integers of any size, none overflowing.
 *
 * <p>To make it yours, rename the class (and {@code stage.mainClass} in pom.xml), give the command
 * its name, and write {@link #process}: read the record's value once, emit any number of results.
 * {@link StageCommand} does the rest, as for recpipe's own stages: {@code --help}, {@code
 * --version} and {@code --verbose}; one record at a time; an exception on a record stops the stage
 * with {@code my-stage: record seq N (byte offset B): message}, the results before it, the abort
 * mark and exit status 1; a quiet exit 141 when stdout closes early.
 */
@Command(name = "my-stage", description = "Multiply every integer of each row by a factor.")
public final class MyStage extends StageCommand {
  // Defaults in the initializers, not in defaultValue: a stage run with no arguments, as most fanout
  // workers are, starts without parsing anything.
  @Option(names = "--by", paramLabel = "N", description = "The factor, an integer of any size. Default: 2.")
  BigInteger by = BigInteger.TWO;

  public static void main(String[] args) {
    Tool.main(new MyStage(), args);
  }

  @Override
  public void process(Value value, Output out) throws IOException {
    Object row = value.read();
    if (!(row instanceof List<?> integers)) {
      throw new RecpipeException("expected an array of integers, found " + row);
    }
    List<BigInteger> scaled = new ArrayList<>(integers.size());
    for (Object n : integers) scaled.add(integer(n).multiply(by));
    out.emit(scaled); // written in the shortest form: a plain integer up to 64 bits, else a bignum
  }

  /** An integer as Value.read() gives it: a Long, or a BigInteger beyond 64 bits. */
  private static BigInteger integer(Object n) throws RecpipeException {
    if (n instanceof Long) return BigInteger.valueOf((Long) n);
    if (n instanceof BigInteger) return (BigInteger) n;
    throw new RecpipeException("expected an array of integers, found " + n + " in it");
  }
}
