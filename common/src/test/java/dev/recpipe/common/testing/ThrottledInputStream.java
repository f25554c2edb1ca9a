package dev.recpipe.common.testing;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Random;

/**
 * Hands out at most a few bytes per read, to show that a decoder copes with input arriving in any
 * split (okio's ONE_BYTE_AT_A_TIME, jackson's throttled input). It says nothing more is there yet
 * ({@code available()} 0), as a slow producer's pipe would, unless made with {@link #restThere}.
 */
public final class ThrottledInputStream extends FilterInputStream {
  private final Random random;
  private final int maxChunk;
  private final long seed;
  private final boolean restThere;

  private ThrottledInputStream(InputStream in, int maxChunk, long seed, boolean restThere) {
    super(in);
    this.maxChunk = maxChunk;
    this.seed = seed;
    this.random = new Random(seed);
    this.restThere = restThere;
  }

  private ThrottledInputStream(InputStream in, int maxChunk, long seed) {
    this(in, maxChunk, seed, false);
  }

  /**
   * The same splits, with the rest of the input there already, as {@code available()} says: a fast
   * producer whose bytes come in small reads.
   */
  public static InputStream restThere(InputStream throttled) {
    if (!(throttled instanceof ThrottledInputStream t)) return throttled; // not split: there already
    return new ThrottledInputStream(t.in, t.maxChunk, t.seed, true);
  }

  /** Every read returns at most one byte. */
  public static InputStream oneByteAtATime(InputStream in) {
    return new ThrottledInputStream(in, 1, 0);
  }

  /** Every read returns between 1 and {@code maxChunk} bytes, chosen by a seeded random. */
  public static InputStream randomChunks(InputStream in, int maxChunk, long seed) {
    return new ThrottledInputStream(in, maxChunk, seed);
  }

  @Override
  public int read(byte[] b, int off, int len) throws IOException {
    if (len == 0) return 0;
    int chunk = maxChunk == 1 ? 1 : 1 + random.nextInt(maxChunk);
    return super.read(b, off, Math.min(len, chunk));
  }

  @Override
  public int available() throws IOException {
    return restThere ? in.available() : 0;
  }
}
