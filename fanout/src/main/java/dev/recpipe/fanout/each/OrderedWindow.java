package dev.recpipe.fanout.each;

import java.util.ArrayDeque;

/**
 * The records of {@code fanout --each} from the moment they are read until their result is
 * written: in input order, each waiting, running or done. A record's result goes out only when
 * every record before it has gone out, so a slow record holds back the ones after it; the window's
 * capacity bounds how many can pile up behind it, and so the memory and the open files they hold.
 *
 * <pre>{@code
 * OrderedWindow<String> window = new OrderedWindow<>(8);
 * OrderedWindow.Slot<String> a = window.add(0), b = window.add(1);
 * b.complete("B");          // done first, but waits for a
 * window.pollReady();       // null
 * a.complete("A");
 * window.pollReady();       // a, then b
 * }</pre>
 *
 * @param <T> a record's result
 */
public final class OrderedWindow<T> {
  private final int capacity;
  private final ArrayDeque<Slot<T>> slots;

  public OrderedWindow(int capacity) {
    if (capacity < 1) throw new IllegalArgumentException("capacity < 1: " + capacity);
    this.capacity = capacity;
    // not sized to the capacity: that is 4 an N, and a huge N is for the open file limit to refuse,
    // after this is made, not the heap ('fanout --each -n 100000000' ran out of it)
    this.slots = new ArrayDeque<>();
  }

  /** Takes the next record in input order. */
  public Slot<T> add(long seq) {
    if (isFull()) throw new IllegalStateException("window full: " + capacity + " records");
    Slot<T> slot = new Slot<>(seq);
    slots.addLast(slot);
    return slot;
  }

  public boolean isFull() {
    return slots.size() == capacity;
  }

  public boolean isEmpty() {
    return slots.isEmpty();
  }

  /** Records taken and not yet polled out. */
  public int size() {
    return slots.size();
  }

  /** The first record, if its result is there: it leaves the window. Else null. */
  public Slot<T> pollReady() {
    Slot<T> first = slots.peekFirst();
    if (first == null || !first.isDone()) return null;
    return slots.pollFirst();
  }

  /** One record's place in the window. */
  public static final class Slot<T> {
    private final long seq;
    private T result;
    private boolean done;

    private Slot(long seq) {
      this.seq = seq;
    }

    public long seq() {
      return seq;
    }

    /** Its result is there; it goes out after those before it. */
    public void complete(T result) {
      if (done) throw new IllegalStateException("seq " + seq + " completed twice");
      this.result = result;
      this.done = true;
    }

    public boolean isDone() {
      return done;
    }

    public T result() {
      if (!done) throw new IllegalStateException("seq " + seq + " is not done");
      return result;
    }
  }
}
