package dev.recpipe.fanout.property;

import dev.recpipe.common.RecordFormatException;
import dev.recpipe.common.RecordFramer;
import dev.recpipe.common.testing.Hex;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * What fanout promises, checked on one run against the serial result: complete and correct output,
 * or a non-zero exit. Exit 0: the serial output byte for byte (with {@code --unordered}, the same
 * records, each as often). Non-zero: only after a planted crash that retries could not get past;
 * what was written is then the serial output's first records (any of them, unordered) and the
 * abort mark. A crash that happened without retries: never exit 0.
 */
final class Property {
  private static final byte ABORT_MARK = (byte) 0xff;

  private Property() {}

  /** Null if the outcome keeps the promise; else what is wrong. */
  static String violation(Case c, Runs.Outcome outcome, byte[] expected, boolean retriesApply) {
    if (outcome.status() == 0) {
      if (outcome.crashed() && (!retriesApply || c.retries() == 0)) return "exit 0 although a worker crashed";
      if (!outcome.crashed() && !outcome.stderr().isEmpty()) return "exit 0 with a message: " + outcome.stderr();
      return sameRecords(c, outcome.stdout(), expected);
    }
    if (!outcome.crashed()) return "exit " + outcome.status() + " with no crash planted: " + outcome.stderr();
    if (retriesApply && c.retries() > 0 && c.kind().crashesOnce()) {
      return "exit " + outcome.status() + " although --retries gets past a crash that happens once: " + outcome.stderr();
    }
    if (!retriesApply) return null; // deal and merge: a worker's status tells of its crash (pipefail)
    byte[] out = outcome.stdout();
    if (out.length == 0 || out[out.length - 1] != ABORT_MARK) return "exit " + outcome.status() + " without the abort mark";
    return partOf(c, Arrays.copyOf(out, out.length - 1), expected);
  }

  private static String sameRecords(Case c, byte[] out, byte[] expected) {
    if (!c.unordered()) {
      return Arrays.equals(out, expected) ? null : difference(records(out), records(expected));
    }
    return count(records(out)).equals(count(records(expected))) ? null
        : "output holds other records than the serial run's: " + Hex.encode(out);
  }

  /** Where two streams part: the first record that differs, and the records around it. */
  private static String difference(List<String> out, List<String> expected) {
    int at = 0;
    while (at < out.size() && at < expected.size() && out.get(at).equals(expected.get(at))) at++;
    return "output differs from the serial run's at record " + at + " of " + expected.size() + ": expected "
        + around(expected, at) + " but was " + around(out, at) + " (" + out.size() + " records)";
  }

  private static List<String> around(List<String> records, int at) {
    return records.subList(Math.max(0, at - 2), Math.min(records.size(), at + 3));
  }

  /** Written before a failure: the first records of the serial output, or some of them (unordered). */
  private static String partOf(Case c, byte[] out, byte[] expected) {
    List<String> written = records(out);
    List<String> all = records(expected);
    if (!c.unordered()) {
      return written.equals(all.subList(0, Math.min(written.size(), all.size()))) ? null
          : "before failing, wrote records that are not the serial output's first ones: "
              + difference(written, all);
    }
    Map<String, Integer> left = count(all);
    for (String record : written) {
      if (left.merge(record, -1, Integer::sum) < 0) return "before failing, wrote a record too many: " + record;
    }
    return null;
  }

  /** The records of a stream, as hex. */
  private static List<String> records(byte[] stream) {
    List<String> records = new ArrayList<>();
    RecordFramer framer = new RecordFramer();
    try {
      for (int position = 0; position < stream.length; ) {
        int length = framer.frame(stream, position, stream.length, position);
        if (length < 0) {
          records.add("cut record " + Hex.encode(Arrays.copyOfRange(stream, position, stream.length)));
          break;
        }
        records.add(Hex.encode(Arrays.copyOfRange(stream, position, position + length)));
        position += length;
      }
    } catch (RecordFormatException e) {
      records.add("not a record: " + e.getMessage());
    }
    return records;
  }

  private static Map<String, Integer> count(List<String> records) {
    Map<String, Integer> counts = new HashMap<>();
    for (String record : records) counts.merge(record, 1, Integer::sum);
    return counts;
  }
}
