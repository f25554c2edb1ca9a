package dev.recpipe.fanout.property;

import static org.junit.jupiter.api.Assertions.fail;

import dev.recpipe.common.RecordFramer;
import dev.recpipe.common.testing.Hex;
import dev.recpipe.common.testing.ToolRun;
import dev.recpipe.fanout.FanoutCommand;
import java.io.ByteArrayOutputStream;
import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeSet;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code fanout --skip-failed} on generated runs ({@link Case}'s inputs and settings: seqs up to
 * 2^63-1, runs of equal seqs, any batch size, dispatch, {@code --buffer 0}, {@code --retries},
 * {@code --unordered}), its workers a stage that sums, splits or drops, and crashes on every record
 * of a few drawn seqs (or of all of them): the output is the stage's serial output less those seqs,
 * the rejects file exactly their records, in input order, the status 3 (0 when none were drawn), one
 * line on stderr for each skipped seq. {@code -Dfanout.property.seed=S} runs one seed again.
 */
@Timeout(900)
class SkipFailedPropertyTest {
  private static final Path PYTHON = Path.of("").toAbsolutePath().resolveSibling("examples/python");
  private static final String[] MODES = {"sum", "split", "drop"};

  @TempDir static Path shared;
  @TempDir Path dir;

  @BeforeAll
  static void needsPython() throws Exception {
    Assumptions.assumeTrue(Files.isRegularFile(PYTHON.resolve("recpipe.py")) && Runs.hasPython(),
        "python3 and " + PYTHON + "/recpipe.py are needed for the workers: skipped");
    Files.writeString(shared.resolve("poison.py"), """
        import os, sys
        sys.path.insert(0, sys.argv[1])
        import recpipe
        mode = sys.argv[2]
        bad = os.environ.get("POISON", "")
        bad = None if bad == "all" else {int(seq) for seq in bad.split(",") if seq}
        out = sys.stdout.buffer
        for seq, row in recpipe.Reader(sys.stdin.buffer):
            if bad is None or seq in bad:
                os._exit(3)
            if mode == "drop" and seq % 3 != 0:
                continue
            for _ in range(2 if mode == "split" else 1):
                out.write(recpipe.encode_record(seq, sum(row)))
        out.flush()
        """, StandardCharsets.UTF_8);
  }

  @Test
  void theOutputIsTheSerialOutputLessTheSkippedSeqsAndTheRejectsAreTheirRecords() throws Exception {
    long seed = Long.getLong("fanout.property.seed", System.nanoTime());
    Random random = new Random(seed);
    ExecutorService threads = Executors.newCachedThreadPool(runnable -> {
      Thread thread = new Thread(runnable, "skip-property-run");
      thread.setDaemon(true);
      return thread;
    });
    try {
      int tries = Integer.getInteger("fanout.property.tries", 15);
      for (int i = 0; i < tries; i++) {
        Case c = Case.draw(random);
        String mode = MODES[random.nextInt(MODES.length)];
        String poison = poison(random, c.seqs());
        String violation = violation(threads, c, mode, poison, i);
        if (violation != null) {
          fail("seed " + seed + ", case " + i + ": " + violation + "\n  case: " + c + "\n  mode " + mode + ", poison " + poison);
        }
      }
    } finally {
      threads.shutdownNow();
    }
  }

  /** The seqs to crash on: none, a few of the input's, or "all" (for a short input: each takes a worker). */
  private static String poison(Random random, long[] seqs) {
    if (seqs.length == 0 || random.nextInt(8) == 0) return "";
    if (seqs.length <= 30 && random.nextInt(6) == 0) return "all";
    TreeSet<Long> drawn = new TreeSet<>();
    int count = 1 + random.nextInt(3);
    for (int i = 0; i < count; i++) drawn.add(seqs[random.nextInt(seqs.length)]);
    return drawn.stream().map(String::valueOf).collect(Collectors.joining(","));
  }

  private String violation(ExecutorService threads, Case c, String mode, String poison, int run) throws Exception {
    byte[] input = c.input();
    TreeSet<Long> bad = new TreeSet<>();
    if (poison.equals("all")) {
      for (long seq : c.seqs()) bad.add(seq);
    } else if (!poison.isEmpty()) {
      for (String seq : poison.split(",")) bad.add(Long.parseLong(seq));
    }
    byte[] expected = without(serial(input, mode), bad, false);
    byte[] expectedRejects = without(input, bad, true);
    Path rejects = dir.resolve("rejects-" + run + ".cbor");
    List<String> args = new ArrayList<>(c.options());
    args.addAll(List.of("--skip-failed", "--rejects", rejects.toString(), "env", "POISON=" + poison, "python3",
        shared.resolve("poison.py").toString(), PYTHON.toString(), mode));
    Future<ToolRun> running = threads.submit(() -> ToolRun.of(new FanoutCommand(), input, args.toArray(String[]::new)));
    ToolRun done;
    try {
      done = running.get(300, TimeUnit.SECONDS);
    } catch (java.util.concurrent.TimeoutException e) {
      running.cancel(true);
      ProcessHandle.current().descendants().forEach(ProcessHandle::destroyForcibly);
      return "timed out";
    }
    int status = bad.isEmpty() ? 0 : 3;
    if (done.status() != status) return "exit " + done.status() + ", expected " + status + ": " + done.stderr();
    if (!sameRecords(done.stdoutBytes(), expected, c.unordered())) {
      return "output " + Hex.encode(done.stdoutBytes()) + "\n  expected " + Hex.encode(expected);
    }
    byte[] written = Files.readAllBytes(rejects);
    if (!Arrays.equals(written, expectedRejects)) {
      return "rejects " + Hex.encode(written) + "\n  expected " + Hex.encode(expectedRejects);
    }
    long lines = done.stderr().lines().filter(line -> line.startsWith("fanout: skipped record seq ")).count();
    return lines == bad.size() ? null : lines + " skipped lines for " + bad.size() + " seqs: " + done.stderr();
  }

  /** The stage alone over the whole input, crashing on nothing. */
  private byte[] serial(byte[] input, String mode) throws Exception {
    Path in = Files.write(dir.resolve("serial-in"), input);
    Path out = dir.resolve("serial-out");
    ProcessBuilder builder = new ProcessBuilder("python3", shared.resolve("poison.py").toString(), PYTHON.toString(), mode)
        .redirectInput(in.toFile()).redirectOutput(out.toFile()).redirectError(new File("/dev/null"));
    builder.environment().put("POISON", "");
    Process process = builder.start();
    if (!process.waitFor(120, TimeUnit.SECONDS) || process.exitValue() != 0) throw new IllegalStateException("serial run");
    return Files.readAllBytes(out);
  }

  /** The records of {@code stream} whose seq is in {@code seqs} ({@code keep}) or not, in order. */
  private static byte[] without(byte[] stream, TreeSet<Long> seqs, boolean keep) throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (byte[] record : records(stream)) {
      if (seqs.contains(seqOf(record)) == keep) out.write(record);
    }
    return out.toByteArray();
  }

  private static List<byte[]> records(byte[] stream) throws Exception {
    List<byte[]> records = new ArrayList<>();
    RecordFramer framer = new RecordFramer();
    for (int position = 0; position < stream.length; ) {
      int length = framer.frame(stream, position, stream.length, position);
      records.add(Arrays.copyOfRange(stream, position, position + length));
      position += length;
    }
    return records;
  }

  /** The seq of a record {@code 82 <seq> ...}: an unsigned integer head. */
  private static long seqOf(byte[] record) {
    int info = record[1] & 0x1f;
    if (info < 24) return info;
    int bytes = 1 << (info - 24);
    long seq = 0;
    for (int i = 0; i < bytes; i++) seq = seq << 8 | (record[2 + i] & 0xff);
    return seq;
  }

  private static boolean sameRecords(byte[] out, byte[] expected, boolean unordered) throws Exception {
    if (!unordered) return Arrays.equals(out, expected);
    return count(out).equals(count(expected));
  }

  private static Map<String, Integer> count(byte[] stream) throws Exception {
    Map<String, Integer> counts = new HashMap<>();
    for (byte[] record : records(stream)) counts.merge(Hex.encode(record), 1, Integer::sum);
    return counts;
  }
}
