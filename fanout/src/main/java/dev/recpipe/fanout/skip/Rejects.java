package dev.recpipe.fanout.skip;

import dev.recpipe.fanout.records.Chunk;
import java.io.IOException;
import java.io.OutputStream;

/**
 * Where {@code --skip-failed} puts the records it skips: {@code --rejects FILE}, as records in the
 * wire format, byte for byte as fanout read them, so {@code fanout ... < FILE} deals them again, and
 * fails again. Each is written and flushed as it is skipped: a run that fails later, or is stopped,
 * leaves the ones skipped before. Without a file only the count is kept; the seqs are named on stderr.
 */
public final class Rejects implements AutoCloseable {
  private final OutputStream file;
  private final String name;
  private long records;

  /** Writes to {@code file}, named {@code name} in messages, which it closes; null for none. */
  public Rejects(OutputStream file, String name) {
    this.file = file;
    this.name = name;
  }

  /** The records of one failed seq, skipped. */
  public void add(Chunk skipped) throws IOException {
    records += skipped.records();
    if (file == null) return;
    try {
      file.write(skipped.bytes());
      file.flush();
    } catch (IOException e) {
      throw new IOException("writing the rejects file " + name + ": " + e.getMessage(), e);
    }
  }

  /** Records skipped so far. */
  public long records() {
    return records;
  }

  @Override
  public void close() throws IOException {
    if (file != null) file.close();
  }
}
