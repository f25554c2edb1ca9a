package dev.recpipe.spark;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;

/**
 * The reader options a recpipe-spark job passes on to each partition's reader, and what they mean
 * for counting: which lines make records.
 *
 * <p>Why the job needs to know: a partition's first seq is the number of records the partitions
 * before it make, counted in a first pass over the lines; that count must be reader's own. With
 * {@code --lines} every line is a record; in CSV every line but an empty one (no bytes, or only a
 * CR; a byte order mark at the input's start does not count) is a row, and with {@code -H} the first
 * row of the input is a header that makes no record.
 *
 * @param lines {@code reader --lines}
 * @param header {@code reader -H}: the input's first row is a header
 * @param delimiter {@code reader -d}, or null for the default
 */
record ReaderOptions(boolean lines, boolean header, String delimiter) implements Serializable {
  private static final byte[] BYTE_ORDER_MARK = {(byte) 0xef, (byte) 0xbb, (byte) 0xbf};

  /** Whether a line, its LF left out, makes a record: its first byte being the input's first or not. */
  boolean makesRecord(byte[] line, int length, boolean atInputStart) {
    if (lines) return true;
    int start = atInputStart && startsWithByteOrderMark(line, length) ? BYTE_ORDER_MARK.length : 0;
    int end = length > start && line[length - 1] == '\r' ? length - 1 : length;
    return end > start;
  }

  /** reader's options for one partition, less its place ({@link PartitionStart#readerArguments}). */
  List<String> arguments(boolean headerInThisPartition) {
    List<String> arguments = new ArrayList<>();
    if (lines) arguments.add("--lines");
    if (headerInThisPartition) arguments.add("-H");
    if (delimiter != null) arguments.add("--delimiter=" + delimiter);
    return arguments;
  }

  private static boolean startsWithByteOrderMark(byte[] line, int length) {
    if (length < BYTE_ORDER_MARK.length) return false;
    for (int i = 0; i < BYTE_ORDER_MARK.length; i++) {
      if (line[i] != BYTE_ORDER_MARK[i]) return false;
    }
    return true;
  }
}
