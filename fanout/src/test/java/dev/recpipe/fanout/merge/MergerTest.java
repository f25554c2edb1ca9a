package dev.recpipe.fanout.merge;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.recpipe.common.RecpipeException;
import dev.recpipe.common.testing.Hex;
import dev.recpipe.fanout.workers.PipeDirectory;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.ReadableByteChannel;
import java.util.ArrayDeque;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The merge by seq, fed by scripted channels: what goes out when, and what is refused. */
class MergerTest {
  private final ByteArrayOutputStream out = new ByteArrayOutputStream();

  @Test
  void mergesByWaitingForEveryOpenInputWithoutDealKnowledge() throws IOException {
    Merger merger = new Merger(out, null, false);
    ScriptedChannel a = new ScriptedChannel();
    ScriptedChannel b = new ScriptedChannel();
    merger.add("a", a);
    merger.add("b", b);
    a.add("82 00 00 82 02 02");
    merger.read(0);
    assertEquals("", written(merger)); // b might still write seq 0 or 1
    b.add("82 01 01");
    merger.read(1);
    assertEquals("82 00 00 82 01 01", written(merger));
    b.end();
    assertFalse(merger.read(1));
    assertEquals("82 00 00 82 01 01 82 02 02", written(merger));
  }

  @Test
  void whatWasDealtLetsRecordsGoWithoutWaitingForAnIdleWorker() throws IOException {
    Dealt dealt = new Dealt(2);
    dealt.dealt(0, 0, 1);
    dealt.dealt(1, 2, 3);
    Merger merger = new Merger(out, dealt, false);
    ScriptedChannel a = new ScriptedChannel();
    ScriptedChannel b = new ScriptedChannel();
    merger.add("worker 1", a);
    merger.add("worker 2", b);
    a.add("82 00 00 82 01 01");
    merger.read(0);
    assertEquals("82 00 00 82 01 01", written(merger)); // worker 2 holds only seqs 2 and 3
  }

  @Test
  void aWorkerThatDropsItsRecordsHoldsBackOnlyUntilItMovesOn() throws IOException {
    Dealt dealt = new Dealt(2);
    dealt.dealt(0, 0, 1);
    dealt.dealt(1, 2, 3);
    dealt.dealt(0, 4, 5);
    Merger merger = new Merger(out, dealt, false);
    ScriptedChannel a = new ScriptedChannel();
    ScriptedChannel b = new ScriptedChannel();
    merger.add("worker 1", a);
    merger.add("worker 2", b);
    b.add("82 02 02");
    merger.read(1);
    assertEquals("", written(merger)); // worker 1 may still answer seq 0 or 1
    a.add("82 04 04"); // worker 1 dropped seqs 0 and 1
    merger.read(0);
    assertEquals("82 02 02", written(merger));
  }

  @Test
  void aWorkerWhoseOutputEndedHoldsBackUntilItHasExitedWell() throws IOException {
    // it may have crashed: then seq 0, dealt to it and never answered, comes before seq 1, and what
    // goes out before the run fails must be the serial output's first records, not a later one
    ScriptedChannel a = new ScriptedChannel();
    ScriptedChannel b = new ScriptedChannel();
    Merger merger = workers(dealtOneEach(0, 1), a, b);
    b.add("82 01 01");
    merger.read(1);
    a.end();
    assertFalse(merger.read(0));
    assertEquals("", written(merger));
    merger.release(0); // worker 1 exited 0: it dropped seq 0
    assertEquals("82 01 01", written(merger));
  }

  @Test
  void recordsReadCountWholeRecordsOnceAndHeldOnesOnlyWhenTheyAreWhole() throws IOException {
    // what --progress shows as a worker's answered records
    Merger merger = new Merger(out, null, false, Long.MAX_VALUE, null, true);
    ScriptedChannel a = new ScriptedChannel();
    merger.addWorker("worker 1", a);
    a.add("82 00 00 82 01 01 82 01 02 82"); // seq 1 may have more records: held; then a cut one
    merger.read(0);
    assertEquals(1, merger.recordsRead(0));
    a.add("03 03");
    merger.read(0);
    assertEquals(3, merger.recordsRead(0)); // the two of seq 1, framed again, count once
    a.end();
    merger.read(0);
    merger.release(0);
    assertEquals(4, merger.recordsRead(0));
  }

  @Test
  void pastTheMemoryBudgetRecordsWaitOnDiskAndComeBackInOrder(@TempDir Path spillDir) throws IOException {
    PipeDirectory directory = PipeDirectory.create(spillDir);
    Merger merger = new Merger(out, null, false, 0, new SpillDirectory(directory), false);
    ScriptedChannel a = new ScriptedChannel();
    ScriptedChannel b = new ScriptedChannel();
    merger.add("a", a);
    merger.add("b", b);
    StringBuilder expected = new StringBuilder();
    for (int seq = 0; seq < 20; seq += 2) {
      a.add(String.format("82 %02x %02x", seq, seq));
      merger.read(0);
    }
    assertTrue(merger.spilledBytes() > 0);
    assertEquals(List.of(), entries(spillDir)); // unlinked once open, its directory gone: even SIGKILL leaves nothing
    for (int seq = 0; seq < 20; seq++) expected.append(String.format(" 82 %02x %02x", seq, seq));
    for (int seq = 1; seq < 20; seq += 2) {
      b.add(String.format("82 %02x %02x", seq, seq));
      merger.read(1);
    }
    a.end();
    b.end();
    merger.read(0);
    merger.read(1);
    assertEquals(expected.toString().trim(), written(merger));
    assertEquals(0, merger.spilledBytes());
    merger.close();
    directory.close();
    assertEquals(List.of(), entries(spillDir));
  }

  @Test
  void aSpillFileThatCannotBeMadeIsNamed(@TempDir Path parent) throws IOException {
    PipeDirectory directory = PipeDirectory.create(parent.resolve("gone"));
    Merger merger = new Merger(out, null, false, 0, new SpillDirectory(directory), false);
    ScriptedChannel a = new ScriptedChannel();
    merger.add("worker 1 (x)", a);
    merger.add("worker 2 (y)", new ScriptedChannel());
    a.add("82 00 00");
    RecpipeException e = assertThrows(RecpipeException.class, () -> merger.read(0));
    assertEquals("cannot make a directory for the pipes in " + parent.resolve("gone") + ": No such file or directory",
        e.getMessage());
    directory.close();
  }

  private static List<String> entries(Path directory) throws IOException {
    try (Stream<Path> entries = Files.list(directory)) {
      return entries.map(Path::toString).toList();
    }
  }

  @Test
  void unorderedWritesAsRecordsArrive() throws IOException {
    Merger merger = new Merger(out, null, true);
    ScriptedChannel a = new ScriptedChannel();
    merger.add("a", a);
    merger.add("b", new ScriptedChannel());
    a.add("82 05 05");
    merger.read(0);
    assertEquals("82 05 05", written(merger));
  }

  @Test
  void recordsSplitAcrossReadsAreReassembled() throws IOException {
    Merger merger = new Merger(out, null, true);
    ScriptedChannel a = new ScriptedChannel();
    merger.add("a", a);
    for (String b : "82 00 83 01 02 03".split(" ")) {
      a.add(b);
      merger.read(0);
    }
    assertEquals("82 00 83 01 02 03", written(merger));
  }

  @Test
  void seqGoingBackwardsIsAnErrorNamingTheWorker() {
    Merger merger = new Merger(out, null, false);
    ScriptedChannel a = new ScriptedChannel();
    merger.add("worker 3 (summer)", a);
    a.add("82 05 05 82 04 04");
    RecpipeException e = assertThrows(RecpipeException.class, () -> merger.read(0));
    assertEquals("worker 3 (summer) wrote seq 4 after seq 5 (byte offset 3): a worker's output must be in"
        + " non-decreasing seq order", e.getMessage());
  }

  @Test
  void seqNeverDealtIsAnError() {
    Dealt dealt = new Dealt(1);
    dealt.dealt(0, 0, 9);
    Merger merger = new Merger(out, dealt, false);
    ScriptedChannel a = new ScriptedChannel();
    merger.add("worker 1 (x)", a);
    a.add("82 0a 00");
    RecpipeException e = assertThrows(RecpipeException.class, () -> merger.read(0));
    assertEquals("worker 1 (x) wrote a record with seq 10, which it was not dealt", e.getMessage());
  }

  @Test
  void outputCutInsideARecordIsAnError() {
    Merger merger = new Merger(out, null, false);
    ScriptedChannel a = new ScriptedChannel();
    merger.add("worker 1 (x)", a);
    a.add("82 00 83 01");
    a.end();
    RecpipeException e = assertThrows(RecpipeException.class, () -> {
      merger.read(0);
      merger.read(0);
    });
    assertTrue(e.getMessage().startsWith("worker 1 (x): truncated record at byte offset 0"), e.getMessage());
  }

  @Test
  void finishingWithARecordStillWaitingIsAnErrorNotASilentDrop() throws IOException {
    Merger merger = new Merger(out, null, false);
    ScriptedChannel a = new ScriptedChannel();
    merger.add("worker 1 (x)", a);
    merger.add("worker 2 (y)", new ScriptedChannel()); // never ends: a's record can't go out
    a.add("82 07 00");
    a.end();
    merger.read(0);
    merger.read(0);
    RecpipeException e = assertThrows(RecpipeException.class, merger::finish);
    assertEquals("internal error: at the end of the run, worker 1 (x)'s output still has a record with seq 7"
        + " that never went out; failing rather than dropping it", e.getMessage());
  }

  @Test
  void finishingWithEverythingWrittenIsQuiet() throws IOException {
    Merger merger = new Merger(out, null, false);
    ScriptedChannel a = new ScriptedChannel();
    merger.add("a", a);
    a.add("82 07 00");
    a.end();
    merger.read(0);
    merger.read(0);
    merger.finish();
    assertEquals("82 07 00", written(merger));
  }

  @Test
  void largestSeqGoesOutOnceTheOtherInputsEnd() throws IOException {
    ScriptedChannel a = new ScriptedChannel();
    ScriptedChannel b = new ScriptedChannel();
    Merger merger = workers(dealtOneEach(0, Long.MAX_VALUE), a, b);
    b.add("82 1b 7f ff ff ff ff ff ff ff 07");
    merger.read(1);
    assertEquals("", written(merger)); // worker 1 may still write seq 0
    a.add("82 00 05");
    a.end();
    merger.read(0);
    merger.read(0);
    merger.release(0); // worker 1 exited 0
    assertEquals("82 00 05 82 1b 7f ff ff ff ff ff ff ff 07", written(merger));
  }

  /** Seq {@code first} dealt to worker 1, {@code second} to worker 2, and nothing more. */
  private static Dealt dealtOneEach(long first, long second) {
    Dealt dealt = new Dealt(2);
    dealt.dealt(0, first, first);
    dealt.dealt(1, second, second);
    dealt.end();
    return dealt;
  }

  /** A merger of two workers' outputs, on {@code a} and {@code b}, as fanout's own. */
  private Merger workers(Dealt dealt, ScriptedChannel a, ScriptedChannel b) {
    Merger merger = new Merger(out, dealt, false);
    merger.addWorker("worker 1", a);
    merger.addWorker("worker 2", b);
    return merger;
  }

  private String written(Merger merger) throws IOException {
    merger.flush();
    return Hex.encode(out.toByteArray());
  }

  /** A channel that hands out what the test added, 0 bytes when empty, then end of file. */
  static final class ScriptedChannel implements ReadableByteChannel {
    private final ArrayDeque<byte[]> chunks = new ArrayDeque<>();
    private boolean ended;

    void add(String hex) {
      chunks.add(Hex.decode(hex));
    }

    void end() {
      ended = true;
    }

    @Override
    public int read(ByteBuffer destination) {
      byte[] chunk = chunks.poll();
      if (chunk == null) return ended ? -1 : 0;
      destination.put(chunk);
      return chunk.length;
    }

    @Override
    public boolean isOpen() {
      return true;
    }

    @Override
    public void close() {}
  }
}
