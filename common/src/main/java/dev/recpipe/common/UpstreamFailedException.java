package dev.recpipe.common;

/** The input ends with an {@link AbortMark}: a stage upstream failed and has said why on stderr. */
public final class UpstreamFailedException extends RecordFormatException {
  public UpstreamFailedException(long byteOffset) {
    super("input ends with an abort mark at byte offset " + byteOffset + ": an earlier stage failed", byteOffset);
  }
}
