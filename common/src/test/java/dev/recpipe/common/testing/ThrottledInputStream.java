package dev.recpipe.common.testing;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Random;

/**
 * Hands out at most a few bytes per read, to show that a decoder copes with input arriving in any
 * split (okio's ONE_BYTE_AT_A_TIME, jackson's throttled input).
 */
public final class ThrottledInputStream extends FilterInputStream {
  private final Random random;
  private final int maxChunk;

  private ThrottledInputStream(InputStream in, int maxChunk, long seed) {
    super(in);
    this.maxChunk = maxChunk;
    this.random = new Random(seed);
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
  public int available() {
    return 0;
  }
}
