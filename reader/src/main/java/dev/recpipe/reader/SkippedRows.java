package dev.recpipe.reader;

import dev.recpipe.common.csv.CsvException;

/**
 * Counts the bad rows {@code --skip-bad} passed over and keeps the first one's error, for the one
 * summary line at the end: a user learns that data was dropped, and where to look, without a
 * message per row.
 */
final class SkippedRows {
  private long count;
  private CsvException first;

  void add(CsvException error) {
    if (first == null) first = error;
    count++;
  }

  long count() {
    return count;
  }

  /** {@code skipped 2 bad rows; first: rows.csv:17:3: expected an integer, found "abc"} */
  String summary() {
    return "skipped " + count + " bad row" + (count == 1 ? "" : "s") + "; first: " + first.getMessage();
  }
}
