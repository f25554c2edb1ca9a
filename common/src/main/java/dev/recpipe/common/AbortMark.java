package dev.recpipe.common;

import java.io.IOException;
import java.io.OutputStream;

/**
 * The byte a record stage writes after its last good record when it fails: {@code 0xff}, a CBOR
 * "break" outside any indefinite-length item, which no CBOR decoder in any language accepts.
 *
 * <p>Why: in {@code reader | summer | writer -o sums.csv}, a reader that stops on a bad row leaves
 * its downstream a shorter but valid stream, and {@code writer -o} would take it for the whole one.
 * With the mark, every stage downstream fails too (recpipe's stages with {@link UpstreamFailedException},
 * any other CBOR reader with its own parse error), so a failed pipeline exits non-zero and leaves no
 * complete-looking output. See docs/FORMAT.md.
 */
public final class AbortMark {
  public static final int BYTE = 0xff;

  private AbortMark() {}

  /** Writes the mark and flushes; the caller has already flushed its good records to {@code out}. */
  public static void write(OutputStream out) throws IOException {
    out.write(BYTE);
    out.flush();
  }
}
