package dev.recpipe.fanout.each;

import dev.recpipe.common.RecpipeException;

/**
 * A record of {@code fanout --each} failed for good: its process exited non-zero (or was killed)
 * after its retries, or wrote more than a value may hold. The record's own doing, unlike a process
 * that can't start or input that is not records, so {@code --skip-failed} skips it and goes on.
 */
final class RecordFailedException extends RecpipeException {
  private final String reason;

  /** {@code record} as {@link Job#describe()} names it; {@code reason}: what went wrong, after its name. */
  RecordFailedException(String record, String reason) {
    super(record + ": " + reason);
    this.reason = reason;
  }

  /** What went wrong, without the record's name. */
  String reason() {
    return reason;
  }
}
