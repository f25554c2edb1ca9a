package dev.recpipe.fanout;

import java.io.IOException;
import java.util.List;

/**
 * What a feature of fanout is told as the switchboard runs: {@code --retries} ({@link Restarts}), {@code --skip-failed} ({@link SkipFailed}),
 * {@code --stall-timeout} ({@link StallWatch}) and {@code --progress} ({@link Progress}) are listeners.
 * Every hook has a default that does nothing, so the loop calls them all, always, with no check for
 * features that are off (ripgrep's {@code Sink} trait does the same).
 *
 * <p>A display finds what it needs on the lanes ({@link Lane#recordsDealt()}, {@link
 * Lane#recordsAnswered()}) and the merger ({@code recordsWritten()}); {@link #tick} says when to look.
 */
interface LaneListener {
  /** The lane's inlet has read what its worker wrote; its latest seq is {@code lane.inlet().lastSeq()}. */
  default void answered(Lane lane) {}

  /**
   * The lane's worker failed, for {@code failure} (a message naming it). Returns true if the listener
   * took care of it (restarted the worker); false leaves the failure to end the run.
   */
  default boolean crashed(Lane lane, String failure) throws IOException {
    return false;
  }

  /**
   * The lane's worker ended well (exit 0, its output read to its end). Returns true if the listener
   * put a new worker in its place ({@link Switchboard#replace}, {@link Switchboard#probe}), so the
   * lane goes on; false leaves it ended.
   */
  default boolean ended(Lane lane) throws IOException {
    return false;
  }

  /** Called on every turn of the loop, and at least every {@link #periodMillis()}; {@code now} is System.nanoTime(). */
  default void tick(long now) throws IOException {}

  /** How often {@link #tick} must come at the least. */
  default long periodMillis() {
    return 1000;
  }

  /** The run has ended well: every record is out. */
  default void finished() {}

  /** All of {@code listeners}, in order; the first that takes care of a crash has it. */
  static LaneListener all(List<LaneListener> listeners) {
    return new LaneListener() {
      @Override
      public void answered(Lane lane) {
        for (LaneListener listener : listeners) listener.answered(lane);
      }

      @Override
      public boolean crashed(Lane lane, String failure) throws IOException {
        for (LaneListener listener : listeners) {
          if (listener.crashed(lane, failure)) return true;
        }
        return false;
      }

      @Override
      public boolean ended(Lane lane) throws IOException {
        for (LaneListener listener : listeners) {
          if (listener.ended(lane)) return true;
        }
        return false;
      }

      @Override
      public void tick(long now) throws IOException {
        for (LaneListener listener : listeners) listener.tick(now);
      }

      @Override
      public long periodMillis() {
        long millis = LaneListener.super.periodMillis();
        for (LaneListener listener : listeners) millis = Math.min(millis, listener.periodMillis());
        return millis;
      }

      @Override
      public void finished() {
        for (LaneListener listener : listeners) listener.finished();
      }
    };
  }
}
