package dev.recpipe.fanout;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.recpipe.common.testing.Hex;
import dev.recpipe.common.testing.ToolRun;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code fanout merge}: records in seq order, equal seqs pipe by pipe in the order the pipes are
 * named; what it can't read is named, as every stage names its input.
 */
@Timeout(60)
class MergeCommandTest {
  @TempDir Path dir;

  /** A directory given as a PIPE failed the run as "fanout: Is a directory", naming nothing. */
  @Test
  void aPipeThatCannotBeReadIsNamed() throws IOException {
    Path records = Files.write(dir.resolve("a"), Hex.decode("82 00 01"));
    Path folder = Files.createDirectory(dir.resolve("b"));
    ToolRun run = ToolRun.of(new FanoutCommand(), new byte[0], "merge", records.toString(), folder.toString());
    assertEquals("fanout: " + folder + ": Is a directory\n", run.stderr());
    assertEquals(1, run.status());
  }

  /**
   * One file named twice, as deal refuses it: a regular file's records came out twice, exit 0, for
   * what is most likely a slip (`sa sa` for `sa sb`); a FIFO's bytes were split between two readers,
   * and the error spoke of a record that was not one.
   */
  @Test
  void theSameFileNamedTwiceIsAUsageError() throws IOException {
    Path records = Files.write(dir.resolve("a"), Hex.decode("82 00 01"));
    ToolRun run = ToolRun.of(new FanoutCommand(), new byte[0], "merge", records.toString(),
        dir.resolve(".").resolve("a").toString());
    assertEquals("fanout: PIPE 1 and PIPE 2 are the same file, " + records + ": each pipe must be a file of its own\n"
        + "Try 'fanout merge --help' for more information.\n", run.stderr());
    assertEquals(2, run.status());
  }

  /**
   * Generated seq sets split over 1 to 5 files (equal seqs within and across files, empty files,
   * seqs at 0, the CBOR head's edges and 2^63-1), with and without --buffer 0: the output is every
   * record once, by seq, equal seqs in the order the files are named, each file's in its order.
   */
  @Test
  void generatedSeqSetsOverSeveralFilesComeOutSortedEqualSeqsInTheOrderThePipesAreNamed() throws IOException {
    long[] edges = {0, 23, 24, 255, 256, 65535, 65536, 4294967295L, 4294967296L, Long.MAX_VALUE};
    Random random = new Random(20261201);
    for (int trial = 0; trial < 60; trial++) {
      int files = 1 + random.nextInt(5);
      List<long[]> all = new ArrayList<>(); // {seq, file, index}
      List<String> args = new ArrayList<>(List.of("merge"));
      if (random.nextBoolean()) args.addAll(List.of("--buffer", "0"));
      for (int file = 0; file < files; file++) {
        long[] seqs = new long[random.nextInt(4) == 0 ? 0 : random.nextInt(300)];
        long range = random.nextBoolean() ? 10 : 1L << random.nextInt(63);
        for (int i = 0; i < seqs.length; i++) {
          seqs[i] = random.nextInt(8) == 0 ? edges[random.nextInt(edges.length)] : Math.floorMod(random.nextLong(), range);
        }
        Arrays.sort(seqs);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        for (int i = 0; i < seqs.length; i++) {
          bytes.writeBytes(record(seqs[i], file + "-" + i));
          all.add(new long[] {seqs[i], file, i});
        }
        Path path = Files.write(dir.resolve("t" + trial + "-" + file), bytes.toByteArray());
        args.add(path.toString());
      }
      all.sort(Comparator.<long[]>comparingLong(r -> r[0]).thenComparingLong(r -> r[1]).thenComparingLong(r -> r[2]));
      ByteArrayOutputStream expected = new ByteArrayOutputStream();
      for (long[] r : all) expected.writeBytes(record(r[0], r[1] + "-" + r[2]));
      ToolRun run = ToolRun.of(new FanoutCommand(), new byte[0], args.toArray(String[]::new));
      assertEquals("", run.stderr(), "trial " + trial);
      assertEquals(0, run.status(), "trial " + trial);
      assertArrayEquals(expected.toByteArray(), run.stdoutBytes(), "trial " + trial + ": " + args);
    }
  }

  /** {@code [seq, "text"]} as recpipe writes it: shortest heads. */
  private static byte[] record(long seq, String text) {
    byte[] value = text.getBytes(StandardCharsets.UTF_8);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.write(0x82);
    head(out, 0, seq);
    head(out, 3, value.length);
    out.writeBytes(value);
    return out.toByteArray();
  }

  private static void head(ByteArrayOutputStream out, int major, long n) {
    int type = major << 5;
    if (n < 24) {
      out.write(type | (int) n);
      return;
    }
    int bytes = n < 1L << 8 ? 1 : n < 1L << 16 ? 2 : n < 1L << 32 ? 4 : 8;
    out.write(type | (bytes == 1 ? 24 : bytes == 2 ? 25 : bytes == 4 ? 26 : 27));
    for (int shift = (bytes - 1) * 8; shift >= 0; shift -= 8) out.write((int) (n >>> shift) & 0xff);
  }
}
