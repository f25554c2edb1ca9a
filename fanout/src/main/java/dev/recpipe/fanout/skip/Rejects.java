package dev.recpipe.fanout.skip;

import dev.recpipe.fanout.records.Chunk;
import java.io.IOException;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Where {@code --skip-failed} puts the records it skips: {@code --rejects FILE}, as records in the
 * wire format, byte for byte as fanout read them, so {@code fanout ... < FILE} deals them again, and
 * fails again. They are written when the run ends, however it ends, in seq order: workers narrow
 * their crashes down side by side, so records are skipped out of order, and fanout reads only
 * records in order. Records that share a seq keep their input order: {@code --each} skips each
 * record alone, several of one seq among them, and in whatever order their processes end. Until then
 * they are kept in memory; each one took a worker of its own to find, so they are few. Without a file
 * only the count is kept: the seqs are named on stderr.
 */
public final class Rejects implements AutoCloseable {
  private final OutputStream file;
  private final String name;
  /** Records skipped, and where they stood in the input among those of their seq. */
  private record Skipped(Chunk records, long position) {}

  private final List<Skipped> skipped = new ArrayList<>();
  private long records;
  private boolean closed;

  /** Writes to {@code file}, named {@code name} in messages, which it closes; null for none. */
  public Rejects(OutputStream file, String name) {
    this.file = file;
    this.name = name;
  }

  /** The records of one failed seq, skipped: all of that seq, as record workers are dealt them together. */
  public void add(Chunk failed) {
    add(failed, 0);
  }

  /**
   * Records skipped, which stood at {@code position} in the input ({@code --each}: its index), so
   * that records of one seq skipped out of order are written in order.
   */
  public void add(Chunk failed, long position) {
    records += failed.records();
    if (file != null) skipped.add(new Skipped(failed, position));
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
    skipped.sort(Comparator.comparingLong((Skipped failed) -> failed.records().firstSeq())
        .thenComparingLong(Skipped::position));
    try (OutputStream out = file) {
      for (Skipped failed : skipped) out.write(failed.records().bytes());
    } catch (IOException e) {
      throw new IOException("writing the rejects file " + name + ": " + e.getMessage(), e);
    }
  }
}
