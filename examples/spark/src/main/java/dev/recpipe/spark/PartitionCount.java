package dev.recpipe.spark;

import java.io.Serializable;

/**
 * What the first pass learns of one partition: how many lines it holds, how many of them make
 * records, and where its first line starts in the input.
 *
 * @param lines the partition's lines
 * @param records the lines that make a record ({@link ReaderOptions#makesRecord}), a header included
 * @param firstByte the offset of its first line in the input; 0 when it has no lines
 */
record PartitionCount(long lines, long records, long firstByte) implements Serializable {
  static final PartitionCount EMPTY = new PartitionCount(0, 0, 0);
}
