package dev.recpipe.writer;

/**
 * A text string (a value or a map key) whose bytes are not UTF-8, which CBOR requires of text. Named
 * by the offset of the first bad sequence and its bytes, up to the first byte that can't be there:
 * {@code expected UTF-8 text, found the bytes ed a0 at byte offset 4}.
 *
 * <p>Writing such text anyway would mean guessing: Java's decoders put {@code U+FFFD} or {@code ?}
 * in its place, and a lenient one would pass an overlong {@code c0 80} as a NUL. Either way the
 * output would differ from the input in silence.
 */
final class MalformedTextException extends ValueException {
  MalformedTextException(String message) {
    super(message);
  }

  /**
   * {@code bytes} from {@code from} to {@code to} are the bad sequence; {@code cutBy} names what
   * ended it early ("the string", "its chunk"), or is null when a byte in it was wrong.
   */
  static MalformedTextException of(byte[] bytes, int from, int to, long offset, String cutBy) {
    StringBuilder message = new StringBuilder("expected UTF-8 text, found the ")
        .append(to - from == 1 ? "byte" : "bytes");
    for (int i = from; i < to; i++) message.append(' ').append(String.format("%02x", bytes[i] & 0xff));
    message.append(" at byte offset ").append(offset);
    if (cutBy != null) message.append(", then the end of ").append(cutBy);
    return new MalformedTextException(message.toString());
  }
}
