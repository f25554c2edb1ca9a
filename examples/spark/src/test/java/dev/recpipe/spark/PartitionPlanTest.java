package dev.recpipe.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class PartitionPlanTest {
  @Test
  void linesAndSeqsRunOnFromThePartitionsBefore() {
    List<PartitionStart> starts = PartitionPlan.of(
        List.of(new PartitionCount(3, 2, 0), new PartitionCount(4, 4, 30), new PartitionCount(2, 1, 70)), false, true);
    assertEquals(List.of(
        new PartitionStart(0, 1, 3, 0, 0, false, false),
        new PartitionStart(1, 4, 4, 30, 2, false, false),
        new PartitionStart(2, 8, 2, 70, 6, false, false)), starts);
  }

  @Test
  void headerGoesToTheFirstPartitionWithARecordAndUsesNoSeq() {
    // partition 0 holds only empty lines; the header is partition 1's first record line
    List<PartitionStart> starts = PartitionPlan.of(
        List.of(new PartitionCount(2, 0, 0), new PartitionCount(3, 3, 2), new PartitionCount(1, 1, 9)), true, true);
    assertEquals(List.of(false, true, false), starts.stream().map(PartitionStart::header).toList());
    assertEquals(List.of(0L, 0L, 2L), starts.stream().map(PartitionStart::firstSeq).toList());
    assertEquals(List.of(1L, 3L, 6L), starts.stream().map(PartitionStart::firstLine).toList());
  }

  @Test
  void headerInPartitionZero() {
    List<PartitionStart> starts = PartitionPlan.of(List.of(new PartitionCount(3, 3, 0), new PartitionCount(3, 3, 9)), true, true);
    assertEquals(List.of(true, false), starts.stream().map(PartitionStart::header).toList());
    assertEquals(List.of(0L, 2L), starts.stream().map(PartitionStart::firstSeq).toList());
  }

  @Test
  void noLineFeedAtTheEndGoesToThePartitionWithTheLastLineNotTheEmptyOnesAfterIt() {
    List<PartitionStart> starts = PartitionPlan.of(List.of(new PartitionCount(3, 3, 0), new PartitionCount(1, 1, 9),
        PartitionCount.EMPTY, PartitionCount.EMPTY), false, false);
    assertEquals(List.of(false, true, false, false), starts.stream().map(PartitionStart::endsWithoutLineFeed).toList());
  }

  @Test
  void emptyInput() {
    List<PartitionStart> starts = PartitionPlan.of(List.of(PartitionCount.EMPTY, PartitionCount.EMPTY), true, true);
    assertEquals(List.of(new PartitionStart(0, 1, 0, 0, 0, false, false), new PartitionStart(1, 1, 0, 0, 0, false, false)),
        starts);
    assertEquals(List.of(), PartitionPlan.of(List.of(), false, true));
  }

  @Test
  void readerArgumentsPlaceThePartition() {
    PartitionStart start = new PartitionStart(3, 101, 50, 4096, 97, true, false);
    assertEquals(List.of("-H", "--delimiter=;", "--label=rows.csv", "--first-line=101", "--first-seq=97", "-"),
        start.readerArguments(new ReaderOptions(false, true, ";"), "rows.csv"));
    assertEquals(List.of("--lines", "--label=notes.txt", "--first-line=101", "--first-seq=97", "--first-byte=4096", "-"),
        new PartitionStart(3, 101, 50, 4096, 97, false, false).readerArguments(new ReaderOptions(true, false, null), "notes.txt"));
  }
}
