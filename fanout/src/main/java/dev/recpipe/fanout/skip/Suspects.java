package dev.recpipe.fanout.skip;

import dev.recpipe.fanout.records.Chunk;
import java.io.ByteArrayOutputStream;
import java.util.List;

/**
 * The records a crashed worker had not answered, narrowed down to those that fail, for {@code
 * --skip-failed}. They are dealt again, in order, in probes: a probe is a few of them given to a
 * fresh worker whose input then ends, so its exit status speaks for exactly those records. That is
 * the only way to tell which record a worker crashed on, since a worker may hold its output in a
 * buffer: what it wrote before a crash says what it finished, not where it stopped.
 *
 * <p>A probe that crashes is halved (what it answered before crashing is done with), one that
 * passes lets the next be twice as large, so one bad record among a batch of 256 takes about 16
 * probes, and a run of bad records one probe each. A probe of one seq that crashes {@code retries + 1}
 * times has found a failed record: it is skipped, and the narrowing goes on after it. Records that
 * share a seq are dealt, and skipped, together, as a restart deals them again together.
 */
public final class Suspects {
  private final Chunk all;
  private final int retries;
  /** The first record not yet passed or skipped; {@code all.records()} when done. */
  private int next;
  /** Records in the next probe, at least 1; a probe is cut at a seq's end. */
  private int size;
  private int probeEnd = -1;
  private int crashesAlone;

  /**
   * The records of {@code unanswered} (a worker's batches, in the order dealt, seqs never going down),
   * a record failed once it has crashed its worker alone {@code retries + 1} times. The crash that
   * found them counts for none: its worker had other records.
   */
  public Suspects(List<Chunk> unanswered, int retries) {
    if (unanswered.isEmpty()) throw new IllegalArgumentException("no records");
    if (retries < 0) throw new IllegalArgumentException("retries < 0: " + retries);
    this.all = join(unanswered);
    this.retries = retries;
    this.size = Math.max(1, (all.records() + 1) / 2);
  }

  /** Whether every record has passed or been skipped. */
  public boolean isDone() {
    return next == all.records();
  }

  /** Records not yet passed or skipped. */
  public int remaining() {
    return all.records() - next;
  }

  /** The records for the next fresh worker: the first {@code size} of those left, up to a seq's end. */
  public Chunk nextProbe() {
    if (isDone()) throw new IllegalStateException("no records left");
    int end = Math.min(all.records(), next + size);
    while (end < all.records() && all.seq(end) == all.seq(end - 1)) end++;
    probeEnd = end;
    return all.slice(next, end);
  }

  /** The probe's worker ended well: its records are answered. The next probe may be larger. */
  public void passed() {
    checkProbe();
    next = probeEnd;
    probeEnd = -1;
    crashesAlone = 0;
    size = size > Integer.MAX_VALUE / 2 ? size : 2 * size;
  }

  /**
   * The probe's worker crashed, having written records up to seq {@code lastSeq} (-1 for none; its
   * records of that seq don't count, as a restart deals them again). Returns the records skipped, if
   * the probe was of one seq that has now crashed alone {@code retries + 1} times; else null.
   */
  public Chunk crashed(long lastSeq) {
    checkProbe();
    int answered = Math.max(next, Math.min(probeEnd, all.indexOf(lastSeq)));
    boolean alone = all.seq(next) == all.seq(probeEnd - 1);
    int end = probeEnd;
    probeEnd = -1;
    if (!alone || answered > next) {
      crashesAlone = 0;
      size = Math.max(1, (end - answered + 1) / 2);
      next = answered;
      return null;
    }
    if (++crashesAlone <= retries) return null;
    Chunk failed = all.slice(next, end);
    next = end;
    crashesAlone = 0;
    size = 1;
    return failed;
  }

  private void checkProbe() {
    if (probeEnd < 0) throw new IllegalStateException("no probe out");
  }

  /** The chunks as one, in order. */
  static Chunk join(List<Chunk> chunks) {
    if (chunks.size() == 1) return chunks.get(0);
    int records = 0;
    for (Chunk chunk : chunks) records += chunk.records();
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    long[] seqs = new long[records];
    int[] ends = new int[records];
    int at = 0;
    for (Chunk chunk : chunks) {
      for (int i = 0; i < chunk.records(); i++, at++) {
        seqs[at] = chunk.seq(i);
        ends[at] = bytes.size() + chunk.start(i + 1);
      }
      bytes.write(chunk.bytes(), 0, chunk.bytes().length);
    }
    return Chunk.of(bytes.toByteArray(), seqs, ends);
  }
}
