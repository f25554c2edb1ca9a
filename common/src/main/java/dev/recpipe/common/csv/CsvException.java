package dev.recpipe.common.csv;

import dev.recpipe.common.LocatedException;
import dev.recpipe.common.Location;

/**
 * A CSV input that cannot be read as rows. The message starts with the place, as compilers write
 * it, so editors and {@code grep} can jump there:
 *
 * <pre>{@code
 * rows.csv:17:3: expected an integer, found "abc"
 * }</pre>
 *
 * <p>The line is the 1-based physical line in that input, counting the lines inside quoted fields;
 * the column is the 1-based field number in the row.
 */
public final class CsvException extends LocatedException {
  /**
   * @param source the input's name as the user gave it, {@code stdin} for standard input
   * @param detail what was expected and what was found, e.g. {@code expected an integer, found ""}
   */
  public CsvException(String source, long line, int column, String detail) {
    super(Location.ofField(source, line, column), detail);
  }

  /** The input's name: a file name as given, or {@code stdin}. */
  public String source() {
    return location().source();
  }

  /** The 1-based physical line where the field starts. */
  public long line() {
    return location().line();
  }

  /** The 1-based number of the field in its row. */
  public int column() {
    return location().field();
  }
}
