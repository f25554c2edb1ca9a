package dev.recpipe.fanout.deal;

/**
 * A queue of seq ranges, each {@code first..last}, for a worker's {@link Dealt.Share}: kept compact,
 * so that what fanout notes of a worker that answers nothing until its input ends (a {@code sort})
 * does not grow with the input. Ranges of one width whose firsts step by one stride (what a
 * round-robin deal of even batches gives each worker: {@code -b 1 -n 2} deals seqs 0, 2, 4, ... to
 * the first) are one entry of four longs, however many there are; other ranges an entry each, 32
 * bytes, where a {@code long[]} each in a deque took about 40 (with {@code -b 1} and such a worker,
 * fanout ran out of its 256 MiB heap at 9M records).
 *
 * <p>Ranges are added in the order of their firsts, which never go down (a worker's batches are
 * dealt in seq order); a range's last is not below its first.
 */
final class Ranges {
  private static final int FIRST = 0;
  private static final int WIDTH = 1; // last - first, the same for every range of the entry
  private static final int STRIDE = 2; // from one range's first to the next's
  private static final int COUNT = 3;
  private static final int LONGS = 4;

  private long[] entries = new long[8 * LONGS];
  private int head; // the first entry's index in entries, in longs
  private int size; // entries

  boolean isEmpty() {
    return size == 0;
  }

  /** The first range's first seq; the queue must not be empty. */
  long first() {
    return entries[head + FIRST];
  }

  /** The first range's last seq; the queue must not be empty. */
  long last() {
    return entries[head + FIRST] + entries[head + WIDTH];
  }

  /** Removes the first range; the queue must not be empty. */
  void removeFirst() {
    if (--entries[head + COUNT] > 0) {
      entries[head + FIRST] += entries[head + STRIDE];
      return;
    }
    head = (head + LONGS) % entries.length;
    size--;
  }

  /** Makes the first range start at {@code first}, which must be within it, past its first. */
  void startFirstAt(long first) {
    long last = last();
    if (entries[head + COUNT] > 1) { // the rest of its run stays one entry; this one goes before it
      removeFirst();
      if (size * LONGS == entries.length) grow();
      head = (head - LONGS + entries.length) % entries.length;
      size++;
    }
    put(head, first, last, 0, 1);
  }

  /** Adds {@code first..last} at the end. */
  void add(long first, long last) {
    if (size > 0) {
      int tail = slot(size - 1);
      long width = entries[tail + WIDTH];
      long count = entries[tail + COUNT];
      long lastFirst = entries[tail + FIRST] + entries[tail + STRIDE] * (count - 1); // a seq added: no overflow
      if (last - first == width) {
        if (count == 1) {
          entries[tail + STRIDE] = first - lastFirst;
          entries[tail + COUNT] = 2;
          return;
        }
        if (first - lastFirst == entries[tail + STRIDE]) {
          entries[tail + COUNT] = count + 1;
          return;
        }
      }
    }
    if (size * LONGS == entries.length) grow();
    put(slot(size), first, last, 0, 1);
    size++;
  }

  /** The entries kept: for tests of how compact the queue stays. */
  int entries() {
    return size;
  }

  private int slot(int entry) {
    return (head + entry * LONGS) % entries.length;
  }

  private void put(int at, long first, long last, long stride, long count) {
    entries[at + FIRST] = first;
    entries[at + WIDTH] = last - first;
    entries[at + STRIDE] = stride;
    entries[at + COUNT] = count;
  }

  private void grow() {
    long[] larger = new long[entries.length * 2];
    int toEnd = entries.length - head;
    System.arraycopy(entries, head, larger, 0, toEnd);
    System.arraycopy(entries, 0, larger, toEnd, head);
    entries = larger;
    head = 0;
  }
}
