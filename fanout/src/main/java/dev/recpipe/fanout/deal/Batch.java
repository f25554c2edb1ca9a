package dev.recpipe.fanout.deal;

/**
 * Consecutive whole records from the input, as their raw bytes: the unit the dealer hands to one
 * worker. Knowing the seqs it spans lets the merger tell when a worker can no longer produce a
 * record that should come before another worker's.
 */
public record Batch(byte[] bytes, long firstSeq, long lastSeq, int records) {}
