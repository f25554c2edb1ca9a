package dev.recpipe.common.testing;

import java.util.Random;
import java.util.function.Predicate;

/**
 * Command lines made at random from a few tokens, for tests that hold a tool's own reading of its
 * usual command lines equal to picocli's (PlainOptionsTest, fanout's UsualCommandLineTest).
 */
public final class RandomCommandLines {
  private RandomCommandLines() {}

  /**
   * Checks {@code runs} command lines of 0 to {@code maxWords - 1} words drawn from {@code tokens}
   * (seeded: the same lines every run) with {@code check}, and returns how many it said it read:
   * a test asserts that enough were, so that the check says something.
   */
  public static int check(String[] tokens, long seed, int runs, int maxWords, Predicate<String[]> check) {
    Random random = new Random(seed);
    int read = 0;
    for (int run = 0; run < runs; run++) {
      String[] args = new String[random.nextInt(maxWords)];
      for (int i = 0; i < args.length; i++) args[i] = tokens[random.nextInt(tokens.length)];
      if (check.test(args)) read++;
    }
    return read;
  }
}
