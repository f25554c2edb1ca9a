package dev.recpipe.common;

/**
 * The input ends with an {@link AbortMark}: a stage upstream failed and has said why on stderr.
 * {@code input ends with an abort mark at byte offset 42: an earlier stage failed}.
 */
public final class UpstreamFailedException extends RecordFormatException {
  public UpstreamFailedException(long byteOffset) {
    super("input ends with an abort mark", Location.atByte(byteOffset), "an earlier stage failed");
  }
}
