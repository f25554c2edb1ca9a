#!/usr/bin/env python3
"""summer.py: recpipe's summer stage in plain Python 3, standard library only.

Reads records [seq, [integers...]] on stdin and writes [seq, sum] records on stdout, the same bytes
as `summer` writes, so it can stand in for summer anywhere, fanout included:

    reader rows.csv | fanout -n 2 python3 summer.py | writer

It was written from docs/FORMAT.md alone, so it carries its own small CBOR codec, limited to what
this job needs. It reads what the format says every reader must accept in a summer record: arrays
of definite or indefinite length, integers of any width (shortest form or not), and bignums (tags 2
and 3, on a definite or an indefinite-length byte string). It writes recpipe's canonical form:
definite lengths, every integer in its shortest form, bignums only beyond 64 bits.

It streams: it holds one chunk of input (64 KiB, or the part of it a pipe had ready) and the record
cut at its end, and writes the sums of each chunk's whole records with one write.

Exit status: 0 success; 1 bad input or an I/O failure, with a one-line message on stderr naming the
byte offset, after the sums of the records before it and an abort mark (ff) so that the stages
downstream fail too; 130 interrupted; 141 stdout closed early, quietly.
"""
import os
import sys

CHUNK = 64 * 1024
ABORT_MARK = 0xFF
BREAK = 0xFF  # ends an indefinite-length item (RFC 8949 §3.2.1); alone, the abort mark
MAX_SEQ = 2**63 - 1

# Major types (RFC 8949 §3.1) and the tags of bignums (§3.4.3).
UNSIGNED, NEGATIVE, BYTES, TEXT, ARRAY, MAP, TAG, SIMPLE = range(8)
POSITIVE_BIGNUM, NEGATIVE_BIGNUM = 2, 3
INDEFINITE = None  # the argument of a head with additional information 31


class BadInput(Exception):
    """The input is not a stream of summer's records; the message names the byte offset."""


class Cut(Exception):
    """The bytes at hand end inside the record being decoded: it needs more input."""


class RecordDecoder:
    """Decodes summer's input records, [seq, [integers...]], from a binary stream.

    It decodes from a window of the stream: the bytes read so far that are not yet decoded.
    read_more() reads the next chunk into it, records() yields the whole records in it. A record cut
    at the window's end stays in it and is decoded again, from its start, with the next chunk.
    Positions are indexes in the window; messages turn them into stream offsets.
    """

    def __init__(self, stream):
        self.stream = stream
        self.window = b""
        self.base = 0  # stream offset of window[0]
        self.at = 0  # index in window of the next byte to decode

    def read_more(self):
        """Reads more input after the whole records decoded so far; False at a clean end of input."""
        cut = self.window[self.at:]
        self.base += self.at
        self.at = 0
        # A record longer than a chunk is read in doublings, so that it is decoded a few times over,
        # not once per chunk.
        data = self.stream.read1(CHUNK) if len(cut) < CHUNK else self.stream.read(len(cut))
        if not data and cut:
            raise BadInput("truncated record at byte offset %d: input ends at byte offset %d inside it"
                           % (self.base, self.base + len(cut)))
        self.window = cut + data
        return bool(data)

    def records(self):
        """Yields (seq, row) for each whole record in the window."""
        while self.at < len(self.window):
            start = self.at
            try:
                record = self.record()
            except Cut:
                self.at = start
                return
            yield record

    def record(self):
        start = self.at
        if self.window[start] == ABORT_MARK:
            raise BadInput("input ends with an abort mark at byte offset %d: an earlier stage failed"
                           % (self.base + start))
        major, length = self.head()
        if major != ARRAY:
            raise self.unexpected(start, "a record, an array [seq, value]")
        if length is not INDEFINITE and length != 2:
            raise self.bad(start, "expected a record with exactly two elements [seq, value],"
                                  " found an array of %d" % length)
        seq = self.seq()
        row = self.row(seq)
        if length is INDEFINITE and not self.at_break():
            raise self.unexpected(self.at, "a record with exactly two elements [seq, value]", seq)
        return seq, row

    def seq(self):
        start = self.at
        major, value = self.head()
        if major != UNSIGNED:
            raise self.unexpected(start, "an unsigned integer seq")
        if value > MAX_SEQ:
            raise self.bad(start, "expected a seq from 0 to 2^63-1, found %d" % value)
        return value

    def row(self, seq):
        start = self.at
        major, length = self.head()
        if major != ARRAY:
            raise self.unexpected(start, "an array of integers", seq)
        if length is not INDEFINITE:
            return [self.integer(seq) for _ in range(length)]
        row = []
        while not self.at_break():
            row.append(self.integer(seq))
        return row

    def integer(self, seq):
        start = self.at
        major, value = self.head()
        if major == UNSIGNED:
            return value
        if major == NEGATIVE:
            return -1 - value
        if major == TAG and value in (POSITIVE_BIGNUM, NEGATIVE_BIGNUM):
            magnitude = int.from_bytes(self.byte_string(seq), "big")
            return magnitude if value == POSITIVE_BIGNUM else -1 - magnitude
        raise self.unexpected(start, "an integer", seq)

    def byte_string(self, seq):
        start = self.at
        major, length = self.head()
        if major != BYTES:
            raise self.unexpected(start, "a byte string, a bignum's magnitude", seq)
        if length is not INDEFINITE:
            return self.take(length)
        chunks = []
        while not self.at_break():
            chunk_start = self.at
            major, length = self.head()
            if major != BYTES or length is INDEFINITE:
                raise self.bad(chunk_start, "invalid CBOR: expected a definite-length byte string, a chunk"
                                            " of an indefinite-length one, found %s"
                               % describe(self.window[chunk_start]))
            chunks.append(self.take(length))
        return b"".join(chunks)

    def head(self):
        """Decodes an item's head: (major type, argument). The argument of a break is INDEFINITE."""
        start = self.at
        initial = self.take(1)[0]
        major, info = initial >> 5, initial & 0x1F
        if info < 24:
            return major, info
        if info < 28:
            return major, int.from_bytes(self.take(1 << (info - 24)), "big")
        if info == 31 and major in (BYTES, TEXT, ARRAY, MAP, SIMPLE):
            return major, INDEFINITE
        raise self.bad(start, "invalid CBOR: %02x is not the initial byte of a data item" % initial)

    def at_break(self):
        """Decodes a break if one is next; for the end of an indefinite-length item."""
        if self.at >= len(self.window):
            raise Cut()
        if self.window[self.at] != BREAK:
            return False
        self.at += 1
        return True

    def take(self, size):
        start = self.at
        if size > len(self.window) - start:
            raise Cut()
        self.at = start + size
        return self.window[start:self.at]

    def unexpected(self, at, expected, seq=None):
        return self.bad(at, "expected %s, found %s" % (expected, describe(self.window[at])), seq)

    def bad(self, at, message, seq=None):
        where = "byte offset %d" % (self.base + at)
        if seq is not None:
            where += " (record seq %d)" % seq
        return BadInput("%s: %s" % (where, message))


def describe(initial):
    """What a data item is, from its initial byte, for messages."""
    major, info = initial >> 5, initial & 0x1F
    if initial == BREAK:
        return "a break (ff)"
    if major == SIMPLE:
        if info in (20, 21):
            return "a boolean"
        if info in (22, 23):
            return "null" if info == 22 else "undefined"
        return "a float" if info in (25, 26, 27) else "a simple value"
    if major == TAG:
        return "a bignum" if info in (POSITIVE_BIGNUM, NEGATIVE_BIGNUM) else "a tagged item"
    return ("an integer", "an integer", "a byte string", "a text string", "an array", "a map")[major]


def encode_record(seq, value):
    """[seq, value] with an integer value, as recpipe writes it (FORMAT.md, "What recpipe writes")."""
    return b"\x82" + encode_integer(seq) + encode_integer(value)


def encode_integer(n):
    """A plain CBOR integer from -2^64 to 2^64-1; beyond, a bignum with no leading zero bytes."""
    major, argument = (UNSIGNED, n) if n >= 0 else (NEGATIVE, -1 - n)
    if argument < 2**64:
        return encode_head(major, argument)
    magnitude = argument.to_bytes((argument.bit_length() + 7) // 8, "big")
    tag = POSITIVE_BIGNUM if major == UNSIGNED else NEGATIVE_BIGNUM
    return encode_head(TAG, tag) + encode_head(BYTES, len(magnitude)) + magnitude


def encode_head(major, argument):
    """The shortest head (RFC 8949 §4.2.1): the argument in the initial byte below 24, else in 1, 2, 4 or 8 bytes."""
    if argument < 24:
        return bytes([major << 5 | argument])
    for info, size in ((24, 1), (25, 2), (26, 4), (27, 8)):
        if argument < 1 << (8 * size):
            return bytes([major << 5 | info]) + argument.to_bytes(size, "big")
    raise ValueError("argument beyond 64 bits: %d" % argument)


def sum_records(decoder, out):
    """Writes [seq, sum(row)] for each input record, one write per chunk of input."""
    while decoder.read_more():
        sums = bytearray()
        try:
            for seq, row in decoder.records():
                sums += encode_record(seq, sum(row))
        except BadInput:
            out.write(sums)  # the sums of the records before the bad one still go out, whole
            raise
        out.write(sums)
        out.flush()


def main(stdin, stdout, stderr):
    """Runs the stage on binary stdin and stdout; returns the exit status. Closes neither stream."""
    try:
        sum_records(RecordDecoder(stdin), stdout)
        return 0
    except BadInput as error:
        stdout.write(bytes([ABORT_MARK]))
        stdout.flush()
        stderr.write("summer.py: %s\n" % error)
        return 1


if __name__ == "__main__":
    try:
        status = main(sys.stdin.buffer, sys.stdout.buffer, sys.stderr)
    except BrokenPipeError:
        # stdout closed early (`| head`): end quietly, and keep Python's exit from flushing again
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        status = 141
    except KeyboardInterrupt:
        status = 130
    except OSError as error:  # reading stdin or writing stdout failed
        sys.stderr.write("summer.py: %s\n" % error)
        try:
            sys.stdout.buffer.write(bytes([ABORT_MARK]))
            sys.stdout.buffer.flush()
        except OSError:
            pass
        status = 1
    sys.exit(status)
