package dev.recpipe.spark;

import java.io.Serializable;
import java.util.List;

/**
 * Where one partition starts in the whole input, so that its reader numbers and names what it reads
 * as a reader of the whole input would ({@code reader --first-line/--first-seq/--first-byte}).
 *
 * @param partition the partition's index
 * @param firstLine the number of its first line in the input, from 1
 * @param lines how many lines it holds
 * @param firstByte the offset of its first line in the input
 * @param firstSeq the seq of its first record: the records of the partitions before it
 * @param header whether its first row is the input's header row ({@code reader -H})
 * @param endsWithoutLineFeed whether it holds the input's last line and that line has no LF
 */
record PartitionStart(int partition, long firstLine, long lines, long firstByte, long firstSeq, boolean header,
    boolean endsWithoutLineFeed) implements Serializable {

  /** The last line's number; {@code firstLine - 1} for a partition with no lines. */
  long lastLine() {
    return firstLine + lines - 1;
  }

  /** reader's arguments for this partition: the options, then its place in {@code input}. */
  List<String> readerArguments(ReaderOptions options, String input) {
    List<String> arguments = options.arguments(header);
    arguments.addAll(List.of("--label=" + input, "--first-line=" + firstLine, "--first-seq=" + firstSeq));
    if (options.lines()) arguments.add("--first-byte=" + firstByte);
    arguments.add("-");
    return arguments;
  }
}
