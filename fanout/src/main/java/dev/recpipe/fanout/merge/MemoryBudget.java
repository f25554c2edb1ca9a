package dev.recpipe.fanout.merge;

/**
 * The memory all inputs' waiting records may take together ({@code --buffer}): one counter the
 * {@link SpillQueue}s share, so that deciding whether a chunk fits costs nothing however many
 * workers there are.
 */
final class MemoryBudget {
  private final long limit;
  private long used;

  MemoryBudget(long limit) {
    this.limit = limit;
  }

  /** Whether {@code bytes} more would go past the budget. */
  boolean exceededBy(long bytes) {
    return used + bytes > limit;
  }

  void take(long bytes) {
    used += bytes;
  }

  void giveBack(long bytes) {
    used -= bytes;
  }
}
