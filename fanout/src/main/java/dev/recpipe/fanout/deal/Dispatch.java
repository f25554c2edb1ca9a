package dev.recpipe.fanout.deal;

/** How the dealer picks the worker for the next batch. */
public enum Dispatch {
  /** Worker 1, 2, ..., N, 1, 2, ...: even shares, and one slow worker holds the others up. */
  ROUND_ROBIN,
  /** The next worker, in turn, whose pipe took its last batch whole: a slow worker is passed over. */
  READY
}
