package dev.recpipe.spark;

import java.util.ArrayList;
import java.util.List;

/**
 * Turns the first pass's counts into each partition's start: line numbers and seqs run on from the
 * partitions before, as they do in one reader of the whole input.
 *
 * <p>Spark keeps the partitions of a file in the file's order, each line in exactly one of them, so
 * the lines before partition k are those of partitions 0 to k-1. The header row, with {@code -H},
 * is the input's first row: it goes with the first partition that has a record line, which may not
 * be partition 0 when the input starts with empty lines.
 */
final class PartitionPlan {
  private PartitionPlan() {}

  /**
   * @param counts the first pass's counts, by partition index
   * @param header whether the input's first row is a header ({@code -H})
   * @param inputEndsWithLineFeed whether the input's last byte is an LF (or the input is empty)
   */
  static List<PartitionStart> of(List<PartitionCount> counts, boolean header, boolean inputEndsWithLineFeed) {
    int last = lastWithLines(counts);
    List<PartitionStart> starts = new ArrayList<>(counts.size());
    long line = 1;
    long seq = 0;
    boolean headerToCome = header;
    for (int partition = 0; partition < counts.size(); partition++) {
      PartitionCount count = counts.get(partition);
      boolean holdsHeader = headerToCome && count.records() > 0;
      starts.add(new PartitionStart(partition, line, count.lines(), count.firstByte(), seq, holdsHeader,
          partition == last && !inputEndsWithLineFeed));
      line += count.lines();
      seq += holdsHeader ? count.records() - 1 : count.records();
      headerToCome &= !holdsHeader;
    }
    return starts;
  }

  private static int lastWithLines(List<PartitionCount> counts) {
    for (int partition = counts.size() - 1; partition >= 0; partition--) {
      if (counts.get(partition).lines() > 0) return partition;
    }
    return -1;
  }
}
