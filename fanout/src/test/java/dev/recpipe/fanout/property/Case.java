package dev.recpipe.fanout.property;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

/**
 * One generated run of fanout: the input records and every setting, drawn at random from a seed, and
 * the simpler cases a failing one shrinks to. Inputs are records {@code [seq, [ints]]} (what
 * worker.py sums) with seqs from 0 to 2^63-1, FORMAT.md's whole range, non-decreasing: gaps, runs of
 * equal seqs, single records, empty input.
 */
record Case(long[] seqs, long[][] rows, int workers, int batch, boolean ready, int bufferMib, int retries,
    boolean unordered, WorkerKind kind, int argument) {
  static final long MAX_SEQ = Long.MAX_VALUE;

  static Case draw(Random random) {
    int count = count(random);
    long[] seqs = seqs(random, count);
    long[][] rows = new long[count][];
    for (int i = 0; i < count; i++) rows[i] = row(random);
    int workers = 1 + random.nextInt(8);
    int batch = switch (random.nextInt(5)) {
      case 4 -> 0; // no -b: each worker's own size
      case 0 -> 1;
      case 1 -> 2 + random.nextInt(3);
      case 2 -> 1 + random.nextInt(20);
      default -> 1 + random.nextInt(300);
    };
    WorkerKind kind = kind(random);
    int share = count / workers + 1; // about what one worker gets
    int argument = switch (kind) {
      case PASS -> 0;
      case DROP, SPLIT -> random.nextInt(4);
      case CRASH_ONCE, CRASH_MID_RECORD -> random.nextInt(share + 1);
      // 1: no restart gets past its first record; more: each gets a few records further, in few restarts
      case CRASH_EVERY_TIME -> random.nextInt(5) == 0 ? 1 : Math.max(2, share / 4) + random.nextInt(share);
    };
    return new Case(seqs, rows, workers, batch, random.nextBoolean(), random.nextInt(5) < 2 ? 0 : 16,
        random.nextInt(4) < 2 ? 0 : 1 + random.nextInt(2), random.nextInt(7) == 0, kind, argument);
  }

  private static int count(Random random) {
    int draw = random.nextInt(20);
    if (draw == 0) return 0;
    if (draw < 3) return 1;
    if (draw < 10) return 2 + random.nextInt(19);
    if (draw < 17) return 20 + random.nextInt(281);
    return 300 + random.nextInt(2701);
  }

  /** Non-decreasing seqs: from 0, from near 2^63-1 or from anywhere; steps of 0, 1, a few, or far. */
  private static long[] seqs(Random random, int count) {
    long seq = switch (random.nextInt(6)) {
      case 0, 1, 2 -> 0;
      case 3 -> MAX_SEQ - random.nextInt(4 * count + 1);
      default -> random.nextLong() & MAX_SEQ;
    };
    long[] seqs = new long[count];
    for (int i = 0; i < count; i++) {
      seqs[i] = seq;
      long room = MAX_SEQ - seq;
      long step = switch (random.nextInt(20)) {
        case 0, 1, 2, 3, 4, 5 -> 0;
        case 6, 7, 8, 9, 10, 11, 12, 13 -> 1;
        case 14, 15, 16 -> 2 + random.nextInt(9);
        default -> room == 0 ? 0 : (random.nextLong() & MAX_SEQ) % (room / Math.max(1, count - i) + 1);
      };
      seq += Math.min(step, room);
    }
    return seqs;
  }

  private static long[] row(Random random) {
    // now and then a row longer than fanout's fast framer takes (ShapeFramer: 23 items), so that the
    // general framer frames some records of every stream too
    long[] row = new long[random.nextInt(12) == 0 ? 24 + random.nextInt(3) : random.nextInt(5)];
    for (int i = 0; i < row.length; i++) {
      row[i] = switch (random.nextInt(8)) {
        case 0 -> random.nextLong();
        case 1 -> random.nextBoolean() ? Long.MAX_VALUE : Long.MIN_VALUE;
        default -> random.nextInt(201) - 100;
      };
    }
    return row;
  }

  private static WorkerKind kind(Random random) {
    int draw = random.nextInt(20);
    if (draw < 6) return WorkerKind.PASS;
    if (draw < 9) return WorkerKind.DROP;
    if (draw < 13) return WorkerKind.SPLIT;
    if (draw < 16) return WorkerKind.CRASH_ONCE;
    if (draw < 18) return WorkerKind.CRASH_MID_RECORD;
    return WorkerKind.CRASH_EVERY_TIME;
  }

  /** The input stream: each record {@code [seq, [ints]]}, canonical CBOR as recpipe writes it. */
  byte[] input() {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (int i = 0; i < seqs.length; i++) {
      out.write(0x82);
      head(out, 0, seqs[i]);
      head(out, 4, rows[i].length);
      for (long value : rows[i]) {
        if (value >= 0) {
          head(out, 0, value);
        } else {
          head(out, 1, -1 - value);
        }
      }
    }
    return out.toByteArray();
  }

  /** A CBOR head: major type and argument, shortest form (argument read as unsigned). */
  private static void head(ByteArrayOutputStream out, int major, long argument) {
    int type = major << 5;
    if (argument >= 0 && argument < 24) {
      out.write(type | (int) argument);
      return;
    }
    int bytes = argument >= 0 && argument < 0x100 ? 1 : argument >= 0 && argument < 0x10000 ? 2
        : argument >= 0 && argument < 0x100000000L ? 4 : 8;
    out.write(type | (bytes == 1 ? 24 : bytes == 2 ? 25 : bytes == 4 ? 26 : 27));
    for (int shift = 8 * (bytes - 1); shift >= 0; shift -= 8) out.write((int) (argument >>> shift) & 0xff);
  }

  /** fanout's options for this case, before CMD. */
  List<String> options() {
    List<String> options = new ArrayList<>(List.of("-n", "" + workers, "--dispatch",
        ready ? "ready" : "round-robin", "--buffer", "" + bufferMib, "--retries", "" + retries, "--grace", "1"));
    options.addAll(batchOption());
    if (unordered) options.add("--unordered");
    return options;
  }

  /** {@code -b N}, or nothing for a batch of 0: the default, each worker's own adaptive size. */
  List<String> batchOption() {
    return batch == 0 ? List.of() : List.of("-b", "" + batch);
  }

  /** Simpler cases, most promising first: what a failing case shrinks to, one step at a time. */
  List<Case> simpler() {
    List<Case> cases = new ArrayList<>();
    int count = seqs.length;
    Case small = smallSeqs();
    if (!Arrays.equals(small.seqs, seqs)) cases.add(small);
    if (Arrays.stream(rows).anyMatch(row -> row.length > 0)) {
      cases.add(new Case(seqs, new long[count][0], workers, batch, ready, bufferMib, retries, unordered, kind, argument));
    }
    if (kind != WorkerKind.PASS) cases.add(with(workers, batch, bufferMib, retries, unordered, WorkerKind.PASS, 0));
    if (workers > 1) cases.add(with(1, batch, bufferMib, retries, unordered, kind, argument));
    if (workers > 2) cases.add(with(workers - 1, batch, bufferMib, retries, unordered, kind, argument));
    if (count > 1) {
      cases.add(records(0, count / 2));
      cases.add(records(count / 2, count));
    }
    for (int from = 0; from < count && count > 4; from += Math.max(1, count / 8)) {
      cases.add(without(from, Math.min(count, from + Math.max(1, count / 8)))); // an eighth at a time
    }
    if (count <= 12) {
      for (int i = 0; i < count; i++) cases.add(without(i, i + 1));
    }
    if (batch > 1 || batch == 0) cases.add(with(workers, 1, bufferMib, retries, unordered, kind, argument));
    if (batch > 2) cases.add(with(workers, batch / 2, bufferMib, retries, unordered, kind, argument));
    if (bufferMib == 0) cases.add(with(workers, batch, 16, retries, unordered, kind, argument));
    if (retries > 0) cases.add(with(workers, batch, bufferMib, retries - 1, unordered, kind, argument));
    if (unordered) cases.add(with(workers, batch, bufferMib, retries, false, kind, argument));
    if (argument > 0) cases.add(with(workers, batch, bufferMib, retries, unordered, kind, argument - 1));
    if (ready) cases.add(new Case(seqs, rows, workers, batch, false, bufferMib, retries, unordered, kind, argument));
    return cases;
  }

  private Case records(int from, int to) {
    return new Case(Arrays.copyOfRange(seqs, from, to), Arrays.copyOfRange(rows, from, to), workers, batch, ready,
        bufferMib, retries, unordered, kind, argument);
  }

  /** Without the records {@code from} to {@code to}, exclusive. */
  private Case without(int from, int to) {
    long[] fewerSeqs = new long[seqs.length - (to - from)];
    long[][] fewerRows = new long[fewerSeqs.length][];
    for (int i = 0, j = 0; i < seqs.length; i++) {
      if (i >= from && i < to) continue;
      fewerSeqs[j] = seqs[i];
      fewerRows[j++] = rows[i];
    }
    return new Case(fewerSeqs, fewerRows, workers, batch, ready, bufferMib, retries, unordered, kind, argument);
  }

  /** The same equalities between neighbours, with seqs 0, 1, 2, ... */
  private Case smallSeqs() {
    long[] small = new long[seqs.length];
    for (int i = 1; i < seqs.length; i++) small[i] = small[i - 1] + (seqs[i] == seqs[i - 1] ? 0 : 1);
    return new Case(small, rows, workers, batch, ready, bufferMib, retries, unordered, kind, argument);
  }

  private Case with(int workers, int batch, int bufferMib, int retries, boolean unordered, WorkerKind kind,
      int argument) {
    return new Case(seqs, rows, workers, batch, ready, bufferMib, retries, unordered, kind, argument);
  }

  /** What to keep as a regression case: the settings, and the records in full when few. */
  @Override
  public String toString() {
    StringBuilder records = new StringBuilder();
    for (int i = 0; i < seqs.length && i < 50; i++) {
      records.append(i == 0 ? "" : ", ").append('[').append(seqs[i]).append(", ").append(Arrays.toString(rows[i]))
          .append(']');
    }
    if (seqs.length > 50) records.append(", ...");
    return "fanout " + String.join(" ", options()) + " " + kind + " " + argument + " on " + seqs.length
        + " records: " + records;
  }
}
