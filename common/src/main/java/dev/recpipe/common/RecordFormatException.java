package dev.recpipe.common;

/**
 * The input is not a valid record stream (docs/FORMAT.md). Its location names the byte offset, and
 * the record's seq where one was read.
 */
public class RecordFormatException extends LocatedException {
  private final long legacyOffset;

  public RecordFormatException(Location location, String detail) {
    super(location, detail);
    this.legacyOffset = -1;
  }

  public RecordFormatException(Location location, String detail, Throwable cause) {
    super(location, detail, cause);
    this.legacyOffset = -1;
  }

  /** See {@link LocatedException#LocatedException(String, Location, String, Throwable)}. */
  protected RecordFormatException(String subject, Location location, String detail) {
    super(subject, location, detail, null);
    this.legacyOffset = -1;
  }

  /**
   * The input ends inside the record that starts at {@code recordStart}: {@code truncated record at
   * byte offset 40: input ends at byte offset 43 inside it}.
   */
  public static RecordFormatException truncated(long recordStart, long end) {
    if (end <= recordStart) throw new IllegalArgumentException("end " + end + " <= recordStart " + recordStart);
    return new RecordFormatException("truncated record", Location.atByte(recordStart),
        "input ends at " + Location.atByte(end) + " inside it");
  }

  /**
   * A message with its place already written in, for fanout's sites until they build a {@link
   * Location}: its location is unknown, and {@code byteOffset} is kept for {@link #byteOffset()}.
   */
  public RecordFormatException(String message, long byteOffset) {
    this(message, byteOffset, null);
  }

  /** As {@link #RecordFormatException(String, long)}, with a cause. */
  public RecordFormatException(String message, long byteOffset, Throwable cause) {
    super(null, Location.unknown(), message, cause);
    this.legacyOffset = byteOffset;
  }

  /** Where in the input the problem was found, counted from 0: the offending byte, or the record's start. */
  public long byteOffset() {
    return legacyOffset >= 0 ? legacyOffset : location().offset();
  }
}
