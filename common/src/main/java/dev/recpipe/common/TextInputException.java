package dev.recpipe.common;

/**
 * Text where a record stream should start: the input's first bytes read as a line of text, most
 * likely a CSV file given to a stage instead of to {@code reader}. The framer cannot know which tool
 * reads it, so the tool adds the hint that names itself ({@link #hintFor}):
 *
 * <pre>{@code
 * summer: byte offset 0: expected a record, an array [seq, value], found an integer; the input looks
 * like text, not records: put reader in front, e.g. 'reader FILE | summer', or use 'summer --text'
 * }</pre>
 */
public final class TextInputException extends RecordFormatException {
  TextInputException(Location location, String detail) {
    super(location, detail);
  }

  /**
   * Adds the hint for {@code tool}, which reads text itself with {@code textOption}, or null if it
   * has no such option; returns this exception.
   */
  public TextInputException hintFor(String tool, String textOption) {
    String reader = "the input looks like text, not records: put reader in front, e.g. 'reader FILE | " + tool + "'";
    withHint(textOption == null ? reader : reader + ", or use '" + tool + " " + textOption + "'");
    return this;
  }
}
