package dev.recpipe.fanout.skip;

import dev.recpipe.fanout.records.Chunk;
import java.io.IOException;
import java.io.OutputStream;
import java.util.TreeMap;

/**
 * Where {@code --skip-failed} puts the records it skips: {@code --rejects FILE}, as records in the
 * wire format, byte for byte as fanout read them, so {@code fanout ... < FILE} deals them again, and
 * fails again. They are written when the run ends, however it ends, in seq order: workers narrow
 * their crashes down side by side, so records are skipped out of order, and fanout reads only
 * records in order. Until then they are kept in memory; each one took a worker of its own to find,
 * so they are few. Without a file only the count is kept: the seqs are named on stderr.
 */
public final class Rejects implements AutoCloseable {
  private final OutputStream file;
  private final String name;
  private final TreeMap<Long, Chunk> skipped = new TreeMap<>();
  private long records;
  private boolean closed;

  /** Writes to {@code file}, named {@code name} in messages, which it closes; null for none. */
  public Rejects(OutputStream file, String name) {
    this.file = file;
    this.name = name;
  }

  /** The records of one failed seq, skipped. */
  public void add(Chunk failed) {
    records += failed.records();
    if (file != null) skipped.put(failed.firstSeq(), failed);
  }

  /** Records skipped so far. */
  public long records() {
    return records;
  }

  /** Writes the skipped records, in seq order, and closes the file; once, however often it is called. */
  @Override
  public void close() throws IOException {
    if (file == null || closed) return;
    closed = true;
    try (OutputStream out = file) {
      for (Chunk failed : skipped.values()) out.write(failed.bytes());
    } catch (IOException e) {
      throw new IOException("writing the rejects file " + name + ": " + e.getMessage(), e);
    }
  }
}
