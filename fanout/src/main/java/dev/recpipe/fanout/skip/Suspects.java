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
 * <p>The search is a bisection: the first probe is half of the records, and while one of the
 * records of the last crash is still to come, the next probe is half of those (what a crashed
 * worker answered before it crashed is done with). Past them, after a bad record was skipped,
 * probes start at one record and double with each pass. So one bad record among 256 takes 16 or 17
 * workers, about half to find it and half to get through the rest, and a run of bad records one
 * worker each. A probe of one seq that crashes {@code retries + 1} times has found a failed record:
 * it is skipped, and the narrowing goes on after it. Records that share a seq are dealt, and
 * skipped, together, as a restart deals them again together.
 */
public final class Suspects {
  private final Chunk all;
  private final int retries;
  /** The first record not yet passed or skipped; {@code all.records()} when done. */
  private int next;
  /** Where the last crash's records end: one of those from {@link #next} to here fails, for all we know. */
  private int crashedEnd;
  /** Records in a probe past {@link #crashedEnd}: 1 after a skip, twice as many after each pass. */
  private int grow = 1;
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
    this.crashedEnd = all.records();
  }

  /** Whether every record has passed or been skipped. */
  public boolean isDone() {
    return next == all.records();
  }

  /** Records not yet passed or skipped. */
  public int remaining() {
    return all.records() - next;
  }

  /**
   * The records for the next fresh worker: the first half of those where the last crash was, or
   * past them, {@link #grow} records; cut at a seq's end (back to its start, if that leaves any).
   */
  public Chunk nextProbe() {
    if (isDone()) throw new IllegalStateException("no records left");
    int size = next < crashedEnd ? (crashedEnd - next + 1) / 2 : grow;
    int end = (int) Math.min(all.records(), (long) next + size);
    if (end < all.records() && all.seq(end) == all.seq(end - 1)) {
      int seqStart = all.indexOf(all.seq(end));
      if (seqStart > next) {
        end = seqStart;
      } else {
        while (end < all.records() && all.seq(end) == all.seq(end - 1)) end++;
      }
    }
    probeEnd = end;
    return all.slice(next, end);
  }

  /** The probe's worker ended well: its records are answered. Past the last crash's records, the next probe is twice as large. */
  public void passed() {
    checkProbe();
    int size = probeEnd - next;
    if (probeEnd >= crashedEnd) grow = size > Integer.MAX_VALUE / 2 ? Integer.MAX_VALUE : 2 * size;
    next = probeEnd;
    probeEnd = -1;
    crashesAlone = 0;
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
    crashedEnd = end;
    if (!alone || answered > next) {
      crashesAlone = 0;
      next = answered;
      return null;
    }
    if (++crashesAlone <= retries) return null;
    Chunk failed = all.slice(next, end);
    next = end;
    crashesAlone = 0;
    grow = 1;
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
