package dev.recpipe.writer;

import dev.recpipe.common.Utf8;

/**
 * A text string (a value or a map key) whose bytes are not UTF-8, which CBOR requires of text. Said
 * as reader says it of a line: {@code invalid UTF-8 at byte offset 6: expected a byte 0x80-0xbf
 * after 0xc3, found 0x28}.
 *
 * <p>Writing such text anyway would mean guessing: Java's decoders put {@code U+FFFD} or {@code ?}
 * in its place, and a lenient one passes an overlong {@code c0 80} as a NUL. Either way the output
 * would differ from the input in silence.
 */
final class MalformedTextException extends ValueException {
  /** {@code offset}: where the ill-formed character starts in writer's input; {@code problem}: {@link Utf8#problemAt}. */
  MalformedTextException(long offset, String problem) {
    super(Utf8.invalidAt(offset, problem));
  }
}
