package dev.recpipe.fanout;

/**
 * The counts fanout's progress shows, as the switchboard's loop keeps them: per worker lane the
 * records dealt to it and those it has answered (written back), and the records in and out in all.
 * Each call returns the count now; the view calls them from the loop's thread.
 */
interface LaneCounts {
  /** The number of worker lanes: {@code -n}. */
  int lanes();

  /** Records dealt to lane {@code lane} (0-based). */
  long dealt(int lane);

  /** Records lane {@code lane}'s workers have written back so far. */
  long answered(int lane);

  /** Records read from stdin and dealt. */
  long recordsIn();

  /** Records written to stdout, merged. */
  long recordsOut();
}
