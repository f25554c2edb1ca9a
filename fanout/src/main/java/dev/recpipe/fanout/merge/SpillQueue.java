package dev.recpipe.fanout.merge;

import dev.recpipe.fanout.records.Chunk;
import dev.recpipe.fanout.records.Chunker;
import java.io.IOException;
import java.util.ArrayDeque;

/**
 * One input's records waiting for their turn, first in first out: in memory while the shared
 * {@link MemoryBudget} allows, on disk in a {@link SpillFile} past it. Once anything waits on disk,
 * what comes after goes there too, so the order holds; a chunk comes back into memory when the memory
 * part has run dry. Reading back is checked I/O: a failure is thrown where the merger asks for the
 * next record, named after the file.
 */
final class SpillQueue implements AutoCloseable {
  /** Writes a run of records' bytes out. */
  @FunctionalInterface
  interface Sink {
    void write(byte[] bytes, int offset, int length) throws IOException;
  }

  private final String name;
  private final MemoryBudget budget;
  private final SpillDirectory directory;
  private final ArrayDeque<Chunk> memory = new ArrayDeque<>();
  /** The head chunk's first record not yet taken. */
  private int cursor;
  private SpillFile spill;

  /** For {@code name}'s records; spill files go in {@code directory}, which may be null if the budget is unbounded. */
  SpillQueue(String name, MemoryBudget budget, SpillDirectory directory) {
    this.name = name;
    this.budget = budget;
    this.directory = directory;
  }

  /** Adds {@code chunk}, in memory if its footprint, not only its bytes, fits the budget. */
  void add(Chunk chunk) throws IOException {
    if (budget.exceededBy(chunk.footprint()) || hasSpilled()) {
      if (spill == null) spill = directory.open(name);
      spill.append(chunk.bytes(), chunk.bytes().length);
      return;
    }
    memory.addLast(chunk);
    budget.take(chunk.footprint());
  }

  /** Whether a record waits, in memory or on disk. */
  boolean hasRecord() throws IOException {
    if (memory.isEmpty() && hasSpilled()) unspill();
    return !memory.isEmpty();
  }

  /** The seq of the next record; there must be one ({@link #hasRecord()}). */
  long headSeq() {
    return memory.peekFirst().seq(cursor);
  }

  /**
   * Writes to {@code out}, with one copy, the leading records of the head chunk whose seq is at most
   * {@code upTo}: they lie back to back. Returns their count. There must be a record.
   */
  int takeRun(long upTo, Sink out) throws IOException {
    Chunk chunk = memory.peekFirst();
    int from = cursor;
    int to = from;
    while (to < chunk.records() && chunk.seq(to) <= upTo) to++;
    int start = chunk.start(from);
    int length = chunk.start(to) - start;
    if (length > 0) out.write(chunk.bytes(), start, length);
    budget.giveBack(length + (long) (to - from) * Chunk.BYTES_PER_RECORD);
    cursor = to;
    if (cursor == chunk.records()) {
      memory.removeFirst();
      budget.giveBack(Chunk.OVERHEAD);
      cursor = 0;
    }
    return to - from;
  }

  /** Bytes of records waiting on disk. */
  long spilledBytes() {
    return spill == null ? 0 : spill.bytes();
  }

  private boolean hasSpilled() {
    return spill != null && !spill.isEmpty();
  }

  private void unspill() throws IOException {
    Chunk chunk = Chunker.whole(spill.takeFirst());
    memory.addLast(chunk);
    budget.take(chunk.footprint());
  }

  @Override
  public void close() throws IOException {
    if (spill != null) spill.close();
  }
}
