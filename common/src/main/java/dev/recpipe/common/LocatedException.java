package dev.recpipe.common;

/**
 * A failure at a known place in an input: the place as data ({@link Location}), what was expected
 * and found ({@link #detail()}), and optionally a hint at the likely mistake; the message is made of
 * them here and nowhere else, as jackson-core's {@code JsonProcessingException} makes its message of
 * its original message and its {@code JsonLocation}.
 *
 * <pre>{@code
 * throw new LocatedException(Location.ofRecord(seq, offset), "expected a text string, found an array");
 * // message: record seq 7 (byte offset 42): expected a text string, found an array
 * }</pre>
 *
 * <p>Most messages start with the place; a few read better naming what went wrong first, with a
 * subject: {@code truncated record at byte offset 40: input ends at byte offset 43 inside it}.
 *
 * <p>Why the place is data: code that handles the error reads it instead of the text. fanout puts the
 * worker's name in front ({@link #in}{@code ("worker 2 (summer)")}); a stage that finds text where
 * records should be adds a hint naming itself ({@link #withHint}).
 */
public class LocatedException extends RecpipeException {
  private final String subject;
  private Location location;
  private final String detail;
  private String hint;

  /**
   * @param detail what was expected and what was found, without the place, e.g. {@code expected an
   *     integer, found "abc"}
   */
  public LocatedException(Location location, String detail) {
    this(null, location, detail, null);
  }

  public LocatedException(Location location, String detail, Throwable cause) {
    this(null, location, detail, cause);
  }

  /**
   * An error whose message names what went wrong before the place: {@code subject at place: detail};
   * with a null subject, {@code place: detail}.
   */
  protected LocatedException(String subject, Location location, String detail, Throwable cause) {
    super(detail, cause);
    this.subject = subject;
    this.location = location;
    this.detail = detail;
  }

  /** Where the problem is. */
  public Location location() {
    return location;
  }

  /** The message without its place or hint. */
  public String detail() {
    return detail;
  }

  /**
   * Names the input the place is in, for the code that knows it, which the decoder does not: fanout
   * names the worker whose output this is, {@code worker 2 (summer): byte offset 40 (record seq 3):
   * ...}. Returns this exception, its kind kept, so the caller rethrows it.
   */
  public LocatedException in(String source) {
    if (location.source() != null) throw new IllegalStateException("already in " + location.source());
    location = location.in(source);
    return this;
  }

  /**
   * Adds what the user likely meant to the message, after the detail and a semicolon; returns this
   * exception. For the code that knows the tool and its options, which the decoder does not.
   */
  public LocatedException withHint(String hint) {
    if (this.hint != null) throw new IllegalStateException("already hinted: " + this.hint);
    this.hint = hint;
    return this;
  }

  /**
   * The place, the detail and the hint: {@code rows.csv:17:3: expected an integer, found "abc"}. With
   * a subject, the input's name still comes first: {@code worker 2 (summer): truncated record at byte
   * offset 40: input ends at byte offset 43 inside it}.
   */
  @Override
  public final String getMessage() {
    String message = subject == null ? location.describe(detail) : withSubject();
    return hint == null ? message : message + "; " + hint;
  }

  private String withSubject() {
    String sentence = subject + " at " + location.streamPlace() + ": " + detail;
    String input = location.textPlace();
    return input.isEmpty() ? sentence : input + ": " + sentence;
  }
}
