package dev.recpipe.common;

import java.util.Objects;

/**
 * Where in an input a problem is, as data, spelled in one place: what jackson-core's {@code
 * JsonLocation} is to its parse errors. A {@link LocatedException} carries one and puts it in front
 * of its message, so no error site assembles "record seq N (byte offset B)" by hand, and code that
 * handles an error (fanout naming the worker, a stage adding a hint) reads the place instead of
 * parsing the text.
 *
 * <p>Two kinds of place, either or both known. A text place: the input's name ({@code rows.csv},
 * {@code stdin}, {@code worker 2}), and in it a 1-based line and field, as compilers write them. A
 * stream place: a byte offset counted from 0, and the seq of the record it is in; or a record as a
 * whole, by its seq and the offset where it starts. Unknown parts are left out of the text, and the
 * text place comes first:
 *
 * <pre>{@code
 * Location.ofField("rows.csv", 17, 3)             // rows.csv:17:3
 * Location.ofLine("stdin", 2)                     // stdin:2
 * Location.atByte(45)                             // byte offset 45
 * Location.atByte(45).inRecord(7)                 // byte offset 45 (record seq 7)
 * Location.ofRecord(7, 42)                        // record seq 7 (byte offset 42)
 * Location.ofSeq(7)                               // record seq 7
 * Location.atByte(40).in("worker 2")              // worker 2: byte offset 40
 * }</pre>
 */
public record Location(String source, long line, int field, long seq, long recordOffset, long byteOffset) {
  private static final long UNKNOWN = -1;
  private static final Location UNKNOWN_PLACE = new Location(null, 0, 0, UNKNOWN, UNKNOWN, UNKNOWN);

  /**
   * Any combination of parts, as long as it means something: a line needs a source and a field a
   * line, a record's start needs its seq, and a place is a byte or a record's start, not both. The
   * factories below build the common ones.
   *
   * @param source the input's name, or null if unknown
   * @param line the 1-based line, or 0 if unknown
   * @param field the 1-based field of a CSV row, or 0 if unknown
   * @param seq the record's seq, or -1 if unknown
   * @param recordOffset where the record starts, when the problem is the record as a whole; else -1
   * @param byteOffset the offending byte's offset; else -1
   */
  public Location {
    if (line < 0) throw new IllegalArgumentException("line < 0: " + line);
    if (field < 0) throw new IllegalArgumentException("field < 0: " + field);
    if (seq < UNKNOWN) throw new IllegalArgumentException("seq < -1: " + seq);
    if (recordOffset < UNKNOWN) throw new IllegalArgumentException("recordOffset < -1: " + recordOffset);
    if (byteOffset < UNKNOWN) throw new IllegalArgumentException("byteOffset < -1: " + byteOffset);
    if (line > 0 && source == null) throw new IllegalArgumentException("line " + line + " without a source");
    if (field > 0 && line == 0) throw new IllegalArgumentException("field " + field + " without a line");
    if (recordOffset != UNKNOWN && seq == UNKNOWN) throw new IllegalArgumentException("a record's start without its seq");
    if (recordOffset != UNKNOWN && byteOffset != UNKNOWN) throw new IllegalArgumentException("a record's start and a byte");
  }

  /** No place known: a message with this location is its detail alone. */
  public static Location unknown() {
    return UNKNOWN_PLACE;
  }

  /** The input as a whole: {@code rows.csv}. */
  public static Location of(String source) {
    return UNKNOWN_PLACE.in(source);
  }

  /** A line of an input: {@code stdin:2}. */
  public static Location ofLine(String source, long line) {
    if (line < 1) throw new IllegalArgumentException("line < 1: " + line);
    return new Location(Objects.requireNonNull(source, "source"), line, 0, UNKNOWN, UNKNOWN, UNKNOWN);
  }

  /** A field of a CSV row, by the line it starts on: {@code rows.csv:17:3}. */
  public static Location ofField(String source, long line, int field) {
    if (field < 1) throw new IllegalArgumentException("field < 1: " + field);
    Location ofLine = ofLine(source, line);
    return new Location(ofLine.source, line, field, UNKNOWN, UNKNOWN, UNKNOWN);
  }

  /** A byte of a record stream, counted from 0: {@code byte offset 45}. */
  public static Location atByte(long offset) {
    if (offset < 0) throw new IllegalArgumentException("offset < 0: " + offset);
    return new Location(null, 0, 0, UNKNOWN, UNKNOWN, offset);
  }

  /** A record as a whole, by its seq and where it starts: {@code record seq 7 (byte offset 42)}. */
  public static Location ofRecord(long seq, long recordOffset) {
    if (seq < 0) throw new IllegalArgumentException("seq < 0: " + seq);
    if (recordOffset < 0) throw new IllegalArgumentException("recordOffset < 0: " + recordOffset);
    return new Location(null, 0, 0, seq, recordOffset, UNKNOWN);
  }

  /** A record by its seq alone, where its start is not known or not of use: {@code record seq 7}. */
  public static Location ofSeq(long seq) {
    if (seq < 0) throw new IllegalArgumentException("seq < 0: " + seq);
    return new Location(null, 0, 0, seq, UNKNOWN, UNKNOWN);
  }

  /** This byte, in the record with that seq: {@code byte offset 45 (record seq 7)}. */
  public Location inRecord(long seq) {
    if (byteOffset == UNKNOWN) throw new IllegalStateException("no byte offset to place in a record: " + this);
    if (seq < 0) throw new IllegalArgumentException("seq < 0: " + seq);
    return new Location(source, line, field, seq, UNKNOWN, byteOffset);
  }

  /** This place, in the input with that name: {@code worker 2: byte offset 40}. */
  public Location in(String source) {
    return new Location(Objects.requireNonNull(source, "source"), line, field, seq, recordOffset, byteOffset);
  }

  /**
   * The byte offset this location names: the offending byte's, else where the record starts; -1 if
   * neither is known.
   */
  public long offset() {
    return byteOffset != UNKNOWN ? byteOffset : recordOffset;
  }

  /** The place as messages spell it, {@code ""} if nothing is known. */
  @Override
  public String toString() {
    String text = textPlace();
    String stream = streamPlace();
    if (text.isEmpty()) return stream;
    return stream.isEmpty() ? text : text + ": " + stream;
  }

  /** {@code detail} with this place in front: {@code rows.csv:17:3: detail}, or the detail alone. */
  public String describe(String detail) {
    String place = toString();
    return place.isEmpty() ? detail : place + ": " + detail;
  }

  /** The input's name, line and field as spelled, {@code ""} if no source is known. */
  String textPlace() {
    if (source == null) return "";
    String name = shown(source);
    if (line == 0) return name;
    return field == 0 ? name + ":" + line : name + ":" + line + ":" + field;
  }

  /** {@code name} with its control characters made visible (a file name may hold a line end): see {@link ControlCharacters}. */
  static String shown(String name) {
    return ControlCharacters.madeVisible(name);
  }

  /** The byte or record as spelled, {@code ""} if neither is known. */
  String streamPlace() {
    if (byteOffset != UNKNOWN) {
      return seq == UNKNOWN ? "byte offset " + byteOffset : "byte offset " + byteOffset + " (record seq " + seq + ")";
    }
    if (seq == UNKNOWN) return "";
    return recordOffset == UNKNOWN ? "record seq " + seq : "record seq " + seq + " (byte offset " + recordOffset + ")";
  }
}
