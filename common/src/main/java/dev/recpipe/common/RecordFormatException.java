package dev.recpipe.common;

/**
 * The input is not a valid record stream (docs/FORMAT.md). The message names the byte offset, and
 * the record's seq where one was read.
 */
public class RecordFormatException extends RecpipeException {
  private final long byteOffset;

  public RecordFormatException(String message, long byteOffset) {
    super(message);
    this.byteOffset = byteOffset;
  }

  public RecordFormatException(String message, long byteOffset, Throwable cause) {
    super(message, cause);
    this.byteOffset = byteOffset;
  }

  /** Where in the input the problem was found, counted from 0. */
  public long byteOffset() {
    return byteOffset;
  }
}
