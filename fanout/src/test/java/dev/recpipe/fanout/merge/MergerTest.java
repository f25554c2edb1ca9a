package dev.recpipe.fanout.merge;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.recpipe.common.RecordFormatException;
import dev.recpipe.common.RecpipeException;
import dev.recpipe.common.TextInputException;
import dev.recpipe.common.testing.Hex;
import dev.recpipe.fanout.deal.Dealt;
import dev.recpipe.fanout.deal.Ledger;
import dev.recpipe.fanout.records.Chunk;
import dev.recpipe.fanout.records.Chunker;
import dev.recpipe.fanout.records.OutputFramer;
import dev.recpipe.fanout.testing.TextRecord;
import dev.recpipe.fanout.workers.PipeDirectory;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.ReadableByteChannel;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.io.TempDir;

/** The merge by seq, fed by scripted channels: what goes out when, and what is refused. */
class MergerTest {
  private final ByteArrayOutputStream out = new ByteArrayOutputStream();
  private final List<Inlet> inlets = new ArrayList<>();
  private List<Dealt.Share> shares;

  @Test
  void mergesByWaitingForEveryOpenInputWithoutDealKnowledge() throws IOException {
    Merger merger = new Merger(out, false);
    ScriptedChannel a = new ScriptedChannel();
    ScriptedChannel b = new ScriptedChannel();
    add(merger, "a", a);
    add(merger, "b", b);
    a.add("82 00 00 82 02 02");
    merger.read(inlets.get(0));
    assertEquals("", written(merger)); // b might still write seq 0 or 1
    b.add("82 01 01");
    merger.read(inlets.get(1));
    assertEquals("82 00 00 82 01 01", written(merger));
    b.end();
    assertFalse(merger.read(inlets.get(1)));
    assertEquals("82 00 00 82 01 01 82 02 02", written(merger));
  }

  @Test
  void whatWasDealtLetsRecordsGoWithoutWaitingForAnIdleWorker() throws IOException {
    Dealt dealt = dealt(2);
    shares.get(0).dealt(0, 1);
    shares.get(1).dealt(2, 3);
    Merger merger = new Merger(out, false);
    ScriptedChannel a = new ScriptedChannel();
    ScriptedChannel b = new ScriptedChannel();
    add(merger, "worker 1", a);
    add(merger, "worker 2", b);
    a.add("82 00 00 82 01 01");
    merger.read(inlets.get(0));
    assertEquals("82 00 00 82 01 01", written(merger)); // worker 2 holds only seqs 2 and 3
  }

  @Test
  void aWorkerThatDropsItsRecordsHoldsBackOnlyUntilItMovesOn() throws IOException {
    Dealt dealt = dealt(2);
    shares.get(0).dealt(0, 1);
    shares.get(1).dealt(2, 3);
    shares.get(0).dealt(4, 5);
    Merger merger = new Merger(out, false);
    ScriptedChannel a = new ScriptedChannel();
    ScriptedChannel b = new ScriptedChannel();
    add(merger, "worker 1", a);
    add(merger, "worker 2", b);
    b.add("82 02 02");
    merger.read(inlets.get(1));
    assertEquals("", written(merger)); // worker 1 may still answer seq 0 or 1
    a.add("82 04 04"); // worker 1 dropped seqs 0 and 1
    merger.read(inlets.get(0));
    assertEquals("82 02 02", written(merger));
  }

  /**
   * Worker 2 has answered seq 1, the one record it was dealt; worker 1 answered seqs 0 and 2, and the
   * input waits. A record worker might still write more with seq 1, so seq 2 waits for worker 2's
   * next answer or end; a worker that answers each record once (a line filter) is done with seq 1,
   * and seq 2 goes out at once: the last record of a slow producer is not held back.
   */
  @Test
  void aWorkerThatAnswersEachRecordOnceIsDoneWithASeqOnceItWroteIt() throws IOException {
    for (boolean once : new boolean[] {false, true}) {
      out.reset();
      inlets.clear();
      dealt(2);
      shares.get(0).dealt(0, 0);
      shares.get(1).dealt(1, 1);
      shares.get(0).dealt(2, 2);
      Merger merger = new Merger(out, false);
      ScriptedChannel a = new ScriptedChannel();
      ScriptedChannel b = new ScriptedChannel();
      inlets.add(merger.add("worker 1", a, shares.get(0), true, once ? new OnceFramer() : new Chunker()));
      inlets.add(merger.add("worker 2", b, shares.get(1), true, once ? new OnceFramer() : new Chunker()));
      a.add("82 00 00 82 02 02");
      b.add("82 01 01");
      merger.read(inlets.get(0));
      merger.read(inlets.get(1));
      assertEquals(once ? "82 00 00 82 01 01 82 02 02" : "82 00 00 82 01 01", written(merger), "once: " + once);
    }
  }

  /** Frames records as the Chunker does, and says each record is answered once, as a line filter's framer does. */
  private static final class OnceFramer implements OutputFramer {
    private final Chunker chunker = new Chunker();

    @Override
    public int frame(byte[] bytes, int from, int to, long offset, Chunker.SeqCheck check) throws IOException {
      return chunker.frame(bytes, from, to, offset, check);
    }

    @Override
    public int count() {
      return chunker.count();
    }

    @Override
    public int framedBytes() {
      return chunker.framedBytes();
    }

    @Override
    public Chunk take(byte[] bytes, int from) {
      return chunker.take(bytes, from);
    }

    @Override
    public long leastNext(long lastSeq) {
      return lastSeq + 1;
    }
  }

  @Test
  void aWorkerWhoseOutputEndedHoldsBackUntilItHasExitedWell() throws IOException {
    // it may have crashed: then seq 0, dealt to it and never answered, comes before seq 1, and what
    // goes out before the run fails must be the serial output's first records, not a later one
    ScriptedChannel a = new ScriptedChannel();
    ScriptedChannel b = new ScriptedChannel();
    Merger merger = workers(dealtOneEach(0, 1), a, b);
    b.add("82 01 01");
    merger.read(inlets.get(1));
    a.end();
    assertFalse(merger.read(inlets.get(0)));
    assertEquals("", written(merger));
    merger.release(inlets.get(0)); // worker 1 exited 0: it dropped seq 0
    assertEquals("82 01 01", written(merger));
  }

  @Test
  void recordsCountWholeRecordsOnceAndHeldOnesOnlyWhenTheyAreWhole() throws IOException {
    // what --progress shows as a worker's answered records
    Merger merger = new Merger(out, false, Long.MAX_VALUE, null, true);
    ScriptedChannel a = new ScriptedChannel();
    Inlet inlet = merger.add("worker 1", a, Ledger.UNKNOWN, true);
    a.add("82 00 00 82 01 01 82 01 02 82"); // seq 1 may have more records: held; then a cut one
    merger.read(inlet);
    assertEquals(1, inlet.records());
    a.add("03 03");
    merger.read(inlet);
    assertEquals(3, inlet.records()); // the two of seq 1, framed again, count once
    a.end();
    merger.read(inlet);
    merger.release(inlet);
    assertEquals(4, inlet.records());
  }

  @Test
  void pastTheMemoryBudgetRecordsWaitOnDiskAndComeBackInOrder(@TempDir Path spillDir) throws IOException {
    PipeDirectory directory = PipeDirectory.create(spillDir);
    Merger merger = new Merger(out, false, 0, new SpillDirectory(directory), false);
    ScriptedChannel a = new ScriptedChannel();
    ScriptedChannel b = new ScriptedChannel();
    add(merger, "a", a);
    add(merger, "b", b);
    StringBuilder expected = new StringBuilder();
    for (int seq = 0; seq < 20; seq += 2) {
      a.add(String.format("82 %02x %02x", seq, seq));
      merger.read(inlets.get(0));
    }
    assertTrue(merger.spilledBytes() > 0);
    assertEquals(List.of(), entries(spillDir)); // unlinked once open, its directory gone: even SIGKILL leaves nothing
    for (int seq = 0; seq < 20; seq++) expected.append(String.format(" 82 %02x %02x", seq, seq));
    for (int seq = 1; seq < 20; seq += 2) {
      b.add(String.format("82 %02x %02x", seq, seq));
      merger.read(inlets.get(1));
    }
    a.end();
    b.end();
    merger.read(inlets.get(0));
    merger.read(inlets.get(1));
    assertEquals(expected.toString().trim(), written(merger));
    assertEquals(0, merger.spilledBytes());
    merger.close();
    directory.close();
    assertEquals(List.of(), entries(spillDir));
  }

  /**
   * A spill file's directory that can't be made is named as the spill file's, with what it is for:
   * it was "cannot make a directory for the pipes in ...", also from {@code fanout merge}, which makes
   * no pipes, and from fanout once $TMPDIR had gone under a long run.
   */
  @Test
  void aSpillFileThatCannotBeMadeIsNamed(@TempDir Path parent) throws IOException {
    PipeDirectory directory = PipeDirectory.create(parent.resolve("gone"));
    Merger merger = new Merger(out, false, 0, new SpillDirectory(directory), false);
    ScriptedChannel a = new ScriptedChannel();
    add(merger, "worker 1 (x)", a);
    add(merger, "worker 2 (y)", new ScriptedChannel());
    a.add("82 00 00");
    RecpipeException e = assertThrows(RecpipeException.class, () -> merger.read(inlets.get(0)));
    assertEquals("cannot make a directory for worker 1 (x)'s spill file in " + parent.resolve("gone") + " (where records"
        + " wait for their turn past --buffer): No such file or directory", e.getMessage());
    directory.close();
  }

  private static List<String> entries(Path directory) throws IOException {
    try (Stream<Path> entries = Files.list(directory)) {
      return entries.map(Path::toString).toList();
    }
  }

  @Test
  void unorderedWritesAsRecordsArrive() throws IOException {
    Merger merger = new Merger(out, true);
    ScriptedChannel a = new ScriptedChannel();
    add(merger, "a", a);
    add(merger, "b", new ScriptedChannel());
    a.add("82 05 05");
    merger.read(inlets.get(0));
    assertEquals("82 05 05", written(merger));
  }

  @Test
  void recordsSplitAcrossReadsAreReassembled() throws IOException {
    Merger merger = new Merger(out, true);
    ScriptedChannel a = new ScriptedChannel();
    add(merger, "a", a);
    for (String b : "82 00 83 01 02 03".split(" ")) {
      a.add(b);
      merger.read(inlets.get(0));
    }
    assertEquals("82 00 83 01 02 03", written(merger));
  }

  @Test
  void seqGoingBackwardsIsAnErrorNamingTheWorker() {
    Merger merger = new Merger(out, false);
    ScriptedChannel a = new ScriptedChannel();
    add(merger, "worker 3 (summer)", a);
    a.add("82 05 05 82 04 04");
    RecpipeException e = assertThrows(RecpipeException.class, () -> merger.read(inlets.get(0)));
    assertEquals("worker 3 (summer): byte offset 3: seq 4 after seq 5: a worker's output must be in"
        + " non-decreasing seq order", e.getMessage());
  }

  /** The framer's error, in its words (RecordReader's), with the worker's name in front: text too, without a hint. */
  @Test
  void aMalformedRecordIsTheFramersErrorNamingTheWorker() {
    Merger merger = new Merger(out, false);
    ScriptedChannel a = new ScriptedChannel();
    add(merger, "worker 2 (y)", a);
    a.add("82 00 00 82 01 1c");
    RecordFormatException e = assertThrows(RecordFormatException.class, () -> merger.read(inlets.get(0)));
    assertEquals("worker 2 (y): byte offset 5 (record seq 1): invalid CBOR: reserved additional information 28",
        e.getMessage());
    assertEquals(5, e.byteOffset());
    Merger text = new Merger(out, false);
    ScriptedChannel b = new ScriptedChannel();
    add(text, "worker 1 (x)", b);
    byte[] csv = "1,2\n".getBytes(StandardCharsets.US_ASCII);
    b.addInPieces(csv, csv.length);
    e = assertThrows(TextInputException.class, () -> text.read(inlets.get(1)));
    assertEquals("worker 1 (x): byte offset 0: expected a record, an array [seq, value], found an integer",
        e.getMessage());
  }

  @Test
  void everySeqOfAReadIsCheckedAgainstTheRangeDealtThatHoldsItWhereverItIs() throws IOException {
    long[] good = {0, 1, 3, 10, 10, 13, 20, 23};
    for (long bad : new long[] {4, 5, 9, 11, 14, 19, 24, 100, Long.MAX_VALUE}) {
      long[] seqs = java.util.stream.LongStream.concat(java.util.Arrays.stream(good), java.util.stream.LongStream.of(bad))
          .sorted().toArray();
      if (bad == 11) seqs = new long[] {0, 1, 3, 10, 11, 13, 20, 23}; // 11 was dealt, but to the other worker
      dealt(2);
      shares.get(0).dealt(0, 3);
      shares.get(1).dealt(4, 9);
      shares.get(0).dealt(10, 10);
      shares.get(1).dealt(11, 11);
      shares.get(0).dealt(12, 13);
      shares.get(1).dealt(14, 19);
      shares.get(0).dealt(20, 23);
      inlets.clear();
      Merger merger = new Merger(out, false);
      ScriptedChannel a = new ScriptedChannel();
      add(merger, "worker 1 (x)", a);
      a.add(records(seqs)); // one read: one chunk
      RecpipeException e = assertThrows(RecpipeException.class, () -> merger.read(inlets.get(0)), "seq " + bad);
      assertEquals("worker 1 (x) wrote a record with seq " + bad + ", which it was not dealt", e.getMessage());
    }
    dealt(1);
    shares.get(0).dealt(0, 3);
    shares.get(0).dealt(10, 13);
    inlets.clear();
    Merger merger = new Merger(out, false);
    ScriptedChannel a = new ScriptedChannel();
    add(merger, "worker 1 (x)", a);
    a.add(records(new long[] {0, 3, 10, 13}));
    merger.read(inlets.get(0));
    assertEquals(4, inlets.get(0).records(), "each of its seqs in a range dealt to it");
  }

  /** Records [seq, 0] of {@code seqs}, in hex. */
  private static String records(long[] seqs) {
    StringBuilder hex = new StringBuilder();
    for (long seq : seqs) {
      hex.append("82 ");
      if (seq < 24) {
        hex.append(String.format("%02x", seq));
      } else {
        hex.append("1b ").append(String.format("%016x", seq).replaceAll("(..)(?!$)", "$1 "));
      }
      hex.append(" 00 ");
    }
    return hex.toString().trim();
  }

  /** Unordered, the order is given up, not the check. */
  @ParameterizedTest(name = "unordered: {0}")
  @ValueSource(booleans = {false, true})
  void seqNeverDealtIsAnError(boolean unordered) {
    dealt(1);
    shares.get(0).dealt(0, 9);
    Merger merger = new Merger(out, unordered);
    ScriptedChannel a = new ScriptedChannel();
    add(merger, "worker 1 (x)", a);
    a.add("82 0a 00");
    RecpipeException e = assertThrows(RecpipeException.class, () -> merger.read(inlets.get(0)));
    assertEquals("worker 1 (x) wrote a record with seq 10, which it was not dealt", e.getMessage());
  }

  @Test
  void outputCutInsideARecordIsAnError() {
    Merger merger = new Merger(out, false);
    ScriptedChannel a = new ScriptedChannel();
    add(merger, "worker 1 (x)", a);
    a.add("82 00 83 01");
    a.end();
    RecpipeException e = assertThrows(RecpipeException.class, () -> {
      merger.read(inlets.get(0));
      merger.read(inlets.get(0));
    });
    assertEquals("worker 1 (x): truncated record at byte offset 0: input ends at byte offset 4 inside it", e.getMessage());
  }

  @Test
  void finishingWithARecordStillWaitingIsAnErrorNotASilentDrop() throws IOException {
    Merger merger = new Merger(out, false);
    ScriptedChannel a = new ScriptedChannel();
    add(merger, "worker 1 (x)", a);
    add(merger, "worker 2 (y)", new ScriptedChannel()); // never ends: a's record can't go out
    a.add("82 07 00");
    a.end();
    merger.read(inlets.get(0));
    merger.read(inlets.get(0));
    RecpipeException e = assertThrows(RecpipeException.class, merger::finish);
    assertEquals("internal error: at the end of the run, worker 1 (x)'s output still has a record with seq 7"
        + " that never went out; failing rather than dropping it", e.getMessage());
  }

  @Test
  void finishingWithEverythingWrittenIsQuiet() throws IOException {
    Merger merger = new Merger(out, false);
    ScriptedChannel a = new ScriptedChannel();
    add(merger, "a", a);
    a.add("82 07 00");
    a.end();
    merger.read(inlets.get(0));
    merger.read(inlets.get(0));
    merger.finish();
    assertEquals("82 07 00", written(merger));
  }

  @Test
  void largestSeqGoesOutOnceTheOtherInputsEnd() throws IOException {
    ScriptedChannel a = new ScriptedChannel();
    ScriptedChannel b = new ScriptedChannel();
    Merger merger = workers(dealtOneEach(0, Long.MAX_VALUE), a, b);
    b.add("82 1b 7f ff ff ff ff ff ff ff 07");
    merger.read(inlets.get(1));
    assertEquals("", written(merger)); // worker 1 may still write seq 0
    a.add("82 00 05");
    a.end();
    merger.read(inlets.get(0));
    merger.read(inlets.get(0));
    merger.release(inlets.get(0)); // worker 1 exited 0
    assertEquals("82 00 05 82 1b 7f ff ff ff ff ff ff ff 07", written(merger));
  }

  @Test
  void aWorkersRecordAtTheLimitGoesOutAndOneBytePastItIsRefused() throws IOException {
    for (int chunk : new int[] {1 << 20, 7_000}) {
      out.reset();
      inlets.clear();
      Merger merger = new Merger(out, false);
      ScriptedChannel a = new ScriptedChannel();
      add(merger, "worker 1 (x)", a);
      byte[] atTheLimit = TextRecord.ofLength(dev.recpipe.common.Limits.MAX_RECORD_BYTES);
      a.addInPieces(atTheLimit, chunk);
      a.end();
      while (merger.read(inlets.get(0))) {}
      merger.flush();
      assertEquals(atTheLimit.length, out.size());
    }
    Merger merger = new Merger(out, false);
    ScriptedChannel b = new ScriptedChannel();
    add(merger, "worker 2 (y)", b);
    b.addInPieces(TextRecord.ofLength(dev.recpipe.common.Limits.MAX_RECORD_BYTES + 1), 1 << 20);
    RecpipeException e = assertThrows(RecpipeException.class, () -> {
      while (merger.read(inlets.get(inlets.size() - 1))) {}
    });
    assertEquals("worker 2 (y): byte offset 0: a record larger than 8 MiB (8388608 bytes), the limit", e.getMessage());
  }

  @Test
  void aWorkerThatCrashesMidRecordIsReadAgainFromItsLatestSeqWhenHeld() throws IOException {
    Merger merger = new Merger(out, false, Long.MAX_VALUE, null, true);
    ScriptedChannel crashed = new ScriptedChannel();
    add(merger, "worker 1 (x)", crashed);
    Inlet inlet = inlets.get(0);
    for (String b : "82 00 00 82 00 01 82 01".split(" ")) { // two records of seq 0, then half of seq 1's
      crashed.add(b);
      merger.read(inlet);
    }
    crashed.end();
    assertFalse(merger.read(inlet));
    assertEquals("", written(merger), "seq 0's records are held: the worker may not have written all of them");
    assertEquals(0, inlet.lastSeq(), "the new worker is dealt its records again from seq 0");
    ScriptedChannel fresh = new ScriptedChannel();
    merger.reopen(inlet, fresh);
    fresh.add("82 00 00 82 00 01 82 01 01");
    fresh.end();
    merger.read(inlet);
    assertEquals("82 00 00 82 00 01", written(merger), "seq 0 is whole once seq 1 has come");
    assertFalse(merger.read(inlet));
    merger.release(inlet);
    assertEquals("82 00 00 82 00 01 82 01 01", written(merger));
  }

  @Test
  void aCutRecordFromAWorkerThatExitsWellAllTheSameFailsWhenReleased() throws IOException {
    Merger merger = new Merger(out, false, Long.MAX_VALUE, null, true);
    ScriptedChannel a = new ScriptedChannel();
    add(merger, "worker 1 (x)", a);
    a.add("82 00 00 82 01");
    a.end();
    merger.read(inlets.get(0));
    assertFalse(merger.read(inlets.get(0)));
    RecpipeException e = assertThrows(RecpipeException.class, () -> merger.release(inlets.get(0)));
    assertEquals("worker 1 (x): truncated record at byte offset 3: input ends at byte offset 5 inside it", e.getMessage());
  }

  /**
   * A worker that is itself a pipeline ({@code sh -c 'summer | cat'}) can end its output with the
   * abort mark and exit 0, cat's status: held for its exit status under --retries, the mark fails the
   * run when the worker is released, not only at the end through {@link Merger#finish}'s check.
   */
  @Test
  void anAbortMarkFromAWorkerThatExitsWellAllTheSameFailsWhenReleased() throws IOException {
    Merger merger = new Merger(out, false, Long.MAX_VALUE, null, true);
    ScriptedChannel a = new ScriptedChannel();
    add(merger, "worker 1 (x)", a);
    a.add("82 00 00 82 01 01 ff");
    a.end();
    merger.read(inlets.get(0));
    assertFalse(merger.read(inlets.get(0)));
    RecpipeException e = assertThrows(RecpipeException.class, () -> merger.release(inlets.get(0)));
    assertEquals("worker 1 (x) failed: its output ends with an abort mark", e.getMessage());
  }

  /** Seq {@code first} dealt to worker 1, {@code second} to worker 2, and nothing more. */
  private Dealt dealtOneEach(long first, long second) {
    Dealt dealt = dealt(2);
    shares.get(0).dealt(first, first);
    shares.get(1).dealt(second, second);
    dealt.end();
    return dealt;
  }

  /** A merger of two workers' outputs, on {@code a} and {@code b}, as fanout's own. */
  private Merger workers(Dealt dealt, ScriptedChannel a, ScriptedChannel b) {
    Merger merger = new Merger(out, false);
    addWorker(merger, "worker 1", a);
    addWorker(merger, "worker 2", b);
    return merger;
  }

  /** A ledger with a share for each of {@code workers}, the inputs added next, in order. */
  private Dealt dealt(int workers) {
    Dealt dealt = new Dealt(true);
    shares = new ArrayList<>();
    for (int i = 0; i < workers; i++) shares.add(dealt.share());
    return dealt;
  }

  /** Adds an input that is over at its end of file, bounded by its share of the ledger if there is one. */
  private void add(Merger merger, String name, ReadableByteChannel channel) {
    inlets.add(merger.add(name, channel, ledger(), false));
  }

  /** Adds a worker's output, over once released. */
  private void addWorker(Merger merger, String name, ReadableByteChannel channel) {
    inlets.add(merger.add(name, channel, ledger(), true));
  }

  private Ledger ledger() {
    return shares == null ? Ledger.UNKNOWN : shares.get(inlets.size());
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

    void addInPieces(byte[] bytes, int piece) {
      for (int from = 0; from < bytes.length; from += piece) {
        chunks.add(java.util.Arrays.copyOfRange(bytes, from, Math.min(bytes.length, from + piece)));
      }
    }

    @Override
    public int read(ByteBuffer destination) {
      byte[] chunk = chunks.poll();
      if (chunk == null) return ended ? -1 : 0;
      int n = Math.min(chunk.length, destination.remaining());
      destination.put(chunk, 0, n);
      if (n < chunk.length) chunks.addFirst(java.util.Arrays.copyOfRange(chunk, n, chunk.length));
      return n;
    }

    @Override
    public boolean isOpen() {
      return true;
    }

    @Override
    public void close() {}
  }
}
