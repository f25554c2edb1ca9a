package dev.recpipe.common;

/**
 * The input is not a valid record stream (docs/FORMAT.md). Its location names the byte offset, and
 * the record's seq where one was read.
 */
public class RecordFormatException extends LocatedException {
  public RecordFormatException(Location location, String detail) {
    super(location, detail);
  }

  public RecordFormatException(Location location, String detail, Throwable cause) {
    super(location, detail, cause);
  }

  /** See {@link LocatedException#LocatedException(String, Location, String, Throwable)}. */
  protected RecordFormatException(String subject, Location location, String detail) {
    super(subject, location, detail, null);
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

  /** Where in the input the problem was found, counted from 0: the offending byte, or the record's start. */
  public long byteOffset() {
    return location().offset();
  }
}
