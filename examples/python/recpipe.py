"""Write a recpipe stage in Python, with the standard library alone.

A stage reads records ``[seq, value]`` on stdin and writes records with the same seqs on stdout
(docs/FORMAT.md). With this module it is one function from a record's value to its result::

    #!/usr/bin/env python3
    # mean_max.py: each row of integers to [mean, max]
    import recpipe

    def mean_max(row):
        if not row:
            return [None, None]
        return [sum(row) / len(row), max(row)]

    if __name__ == "__main__":
        recpipe.run(mean_max)

and it runs wherever a recpipe stage runs, alone or as the N workers of fanout::

    reader rows.csv | fanout -n 2 python3 mean_max.py | writer

Put this file beside your script, or its folder on ``PYTHONPATH``. It needs Python 3.7 or newer
(written for it; the tests run it on the python3 at hand).

What ``run(fn)`` does, so that ``fn`` need not (docs/stages.md has the same with examples):

- It calls ``fn(value)`` for each record, and writes ``[seq, result]`` with the record's seq. For
  zero or several results, make ``fn`` a generator (``yield`` each one): every value it yields is a
  record, and a record that yields nothing is dropped. Returning a value always writes one record,
  ``None`` included (a CBOR null); only an iterator (a generator, ``map(...)``) means "several".
- It reads a chunk of input at a time and writes each chunk's results with one write, flushed
  before it waits for more input, so a stage never holds results back from ``fanout``.
- An exception in ``fn`` (or a result it can't encode) stops the stage: the results of the records
  before it go out, then the abort mark (one byte, ``ff``, so that every stage downstream fails too),
  one line on stderr, ``NAME: record seq N (byte offset B): message`` (its control characters shown
  as ``\\xNN``, as the Java tools show them), and exit status 1. ``fn``
  calling ``sys.exit`` ends the output the same way, with the status it gives, 0 too: a stage that
  stops before the end of its input has not succeeded (as ``System.exit`` in a Java stage). Raise
  ``recpipe.Error`` for a message of your own; any other exception shows its class name too. No
  traceback, unless the script has ``--verbose`` among its arguments or ``RECPIPE_VERBOSE=1``.
- Bad input (not records, cut short, not CBOR) is reported with its byte offset and record seq, in
  the words of the Java tools, with the same results-then-mark ending; an abort mark in the input, from a stage
  upstream that failed, as ``input ends with an abort mark at byte offset N: an earlier stage
  failed``.
- SIGTERM, SIGINT and SIGHUP end the output with the abort mark, after the last whole record, and
  exit 143, 130 and 129; so do the other signals the Java tools take as SIGTERM, whose default
  would end the stage with no mark (SIGUSR1, SIGUSR2, SIGALRM, SIGXCPU from a CPU time limit,
  SIGVTALRM, SIGPROF, SIGIO, SIGPWR, SIGSTKFLT; SIGABRT, SIGTRAP and SIGSYS sent from outside), and
  SIGQUIT (Ctrl-\\, a core dump by default), exit 128 + the signal's number. A closed stdout
  (``| head``) ends the stage quietly with exit status 141.
- ``print()`` inside ``fn`` goes to stderr: stdout carries the records. Records are not written to
  a terminal (``| cat`` forces it), as the Java tools refuse to.

The values ``fn`` gets and may return (decoding reads any valid CBOR; encoding writes the canonical
form recpipe's Java stages write, byte for byte):

=========================================  ==============================================
CBOR                                       Python
=========================================  ==============================================
integers, and bignums (tags 2 and 3)       ``int``, of any size
floats: half, single, double               ``float``; written as single if exact, else double
text string                                ``str``
byte string                                ``bytes`` (``bytearray``, ``memoryview`` written too)
array                                      ``list`` (``tuple`` written too)
map                                        ``dict``, in order (an array as a key: a ``tuple``)
true, false, null                          ``True``, ``False``, ``None``
undefined; other simple values             ``UNDEFINED``; ``Simple(n)``
decimal fraction (tag 4)                   ``decimal.Decimal``, as Java's ``BigDecimal``
any other tag                              ``Tagged(tag, value)``, written back as it was
=========================================  ==============================================

Indefinite lengths and integers in longer forms than needed are read too. Map keys that are equal in
Python (``1``, ``1.0`` and ``True``) collapse into one, the last one read winning; a map as a map
key, arrays and maps nested more than ``MAX_DEPTH`` (1000) deep and records larger than ``MAX_RECORD``
(8 MiB), the limits of docs/FORMAT.md, are refused with a message, as the Java tools refuse them.

For a loop of your own: ``Reader(stream)`` yields ``(seq, value)`` pairs, ``encode_record(seq,
value)`` makes a record's bytes, ``encode(value)`` and ``decode(data)`` convert one item.
"""
import collections.abc
import decimal
import os
import select
import signal
import stat
import struct
import sys
import traceback

__all__ = ["run", "process", "Reader", "encode", "encode_record", "decode", "describe", "Error",
           "InputError", "UpstreamFailed", "Tagged", "Simple", "UNDEFINED", "ABORT_MARK"]

#: What a stage writes after its last whole record when it fails: a CBOR break out of place.
ABORT_MARK = b"\xff"
#: Input is read this much at a time at most; the results of each read go out with one write.
CHUNK = 64 * 1024
#: Records carry seqs from 0 to this (docs/FORMAT.md).
MAX_SEQ = 2**63 - 1
#: A record is at most this many bytes, and no string, array or map in it may claim more (docs/FORMAT.md):
#: what the Java tools hold to, so that a hostile head (a string of 2^64 bytes) can't exhaust memory.
MAX_RECORD = 8 * 1024 * 1024
#: Arrays and maps nest at most this deep, the record's own array included (docs/FORMAT.md); tags do not count.
MAX_DEPTH = 1000

# Decoding takes two calls a level of nesting (an item, then its array or map), encoding up to two:
# MAX_DEPTH levels need more frames than Python's default limit of 1000.
sys.setrecursionlimit(max(sys.getrecursionlimit(), 4 * MAX_DEPTH + 1000))

# Major types (RFC 8949 §3.1), and the tags this module gives a Python type of its own (§3.4).
_UNSIGNED, _NEGATIVE, _BYTES, _TEXT, _ARRAY, _MAP, _TAG, _SIMPLE = range(8)
_POSITIVE_BIGNUM, _NEGATIVE_BIGNUM, _DECIMAL_FRACTION = 2, 3, 4
_BREAK = 0xFF
_INDEFINITE = -1  # the argument of a head with additional information 31
_LIMIT = "larger than a record may be, 8 MiB (%d bytes)" % MAX_RECORD
_RECORD_TOO_LARGE = "a record larger than 8 MiB (%d bytes), the limit" % MAX_RECORD
_CLAIMS = {2: "a byte string of %d bytes", 3: "a text string of %d bytes", 4: "an array of %d elements", 5: "a map of %d pairs"}
# Each stops a stage with the mark, and status 128 + its number: the Java tools' list (Tool's
# STOP_SIGNALS), every signal whose default ends a process outright but SIGSEGV, SIGBUS, SIGILL and
# SIGFPE (SIGABRT, SIGTRAP and SIGSYS sent from outside too: a real abort(3) raises SIGABRT again at
# its default once the handler returns); and SIGQUIT, a terminal's Ctrl-\, which the JVM answers with
# a thread dump and Python's default with a core dump. Left at that default, SIGXCPU (ulimit -t),
# SIGUSR1, SIGABRT or SIGQUIT ended the stage with no mark, a shorter stream read as whole: writer -o
# put the rows before it in place, exit 0. And the real-time signals (_stop_signals), whose default
# ends a process too: the Java tools can't catch them, having no name to register them by.
_SIGNALS = ("SIGHUP", "SIGINT", "SIGTERM", "SIGUSR1", "SIGUSR2", "SIGALRM", "SIGXCPU", "SIGVTALRM", "SIGPROF",
            "SIGIO", "SIGPWR", "SIGSTKFLT", "SIGABRT", "SIGTRAP", "SIGSYS", "SIGQUIT")
_BROKEN_PIPE = 141
_TERMINAL = ("refusing to write records (binary CBOR) to a terminal: pipe them into another stage, e.g. '| writer'"
             " to see them as text, or through '| cat' to force it")


class Error(Exception):
    """A failure whose message is for the user: ``run`` shows it alone, without the class name.

    Raise it from a stage's function for bad data, e.g. ``raise recpipe.Error("expected an array
    of integers, found " + recpipe.describe(value))``.
    """


class InputError(Error):
    """The input is not a record stream; the message names the byte offset, as the Java tools do."""

    def __init__(self, message, offset):
        super().__init__(message)
        self.offset = offset


class UpstreamFailed(InputError):
    """The input ends with an abort mark: a stage before this one failed, and said why."""

    def __init__(self, offset):
        super().__init__("input ends with an abort mark at byte offset %d: an earlier stage failed" % offset,
                         offset)


class Tagged:
    """A tagged item whose tag this module has no Python type for: written back as it was read.

    Kept rather than dropped so that a stage passing values through changes none of them.
    """
    __slots__ = ("tag", "value")

    def __init__(self, tag, value):
        if not 0 <= tag < 2**64:
            raise ValueError("a tag is from 0 to 2^64-1, not %d" % tag)
        self.tag, self.value = tag, value

    def __eq__(self, other):
        return isinstance(other, Tagged) and (self.tag, self.value) == (other.tag, other.value)

    def __hash__(self):
        return hash((self.tag, _key(self.value)))

    def __repr__(self):
        return "Tagged(%d, %r)" % (self.tag, self.value)


class Simple:
    """A simple value other than false, true, null and undefined (RFC 8949 §3.3): 0-19 or 32-255."""
    __slots__ = ("value",)

    def __init__(self, value):
        if not (0 <= value < 20 or 32 <= value < 256):
            raise ValueError("a simple value of its own is 0 to 19 or 32 to 255, not %d" % value)
        self.value = value

    def __eq__(self, other):
        return isinstance(other, Simple) and self.value == other.value

    def __hash__(self):
        return hash(("simple", self.value))

    def __repr__(self):
        return "Simple(%d)" % self.value


class _Undefined:
    """CBOR's undefined (f7), which is not null: kept apart so it is written back as f7."""
    __slots__ = ()

    def __repr__(self):
        return "UNDEFINED"

    def __bool__(self):
        return False


UNDEFINED = _Undefined()


def describe(value):
    """What a value is, in the words recpipe's messages use: "an integer", "a text string", ..."""
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "a boolean"
    for kind, words in _KINDS:
        if isinstance(value, kind):
            return words
    if isinstance(value, Tagged):
        return "a tagged item (tag %d)" % value.tag
    if isinstance(value, Simple):
        return "a simple value (%d)" % value.value
    return "undefined" if value is UNDEFINED else "a Python %s" % type(value).__name__


_KINDS = ((int, "an integer"), (float, "a float"), (str, "a text string"),
          ((bytes, bytearray, memoryview), "a byte string"), ((list, tuple), "an array"), (dict, "a map"),
          (decimal.Decimal, "a decimal fraction"))


# ---- encoding: the canonical form recpipe's RecordWriter writes

_FLOAT32 = struct.Struct(">f")
_FLOAT64 = struct.Struct(">d")
# Java's Double.doubleToLongBits gives every NaN these bits; struct would keep a NaN's sign and payload.
_NAN = b"\xfb\x7f\xf8\x00\x00\x00\x00\x00\x00"


def encode(value):
    """The CBOR bytes of ``value``, as recpipe writes them (the table in the module comment).

    Canonical (RFC 8949 §4.2.1 "preferred serialization", and recpipe's float rule): definite
    lengths, every integer and length in its shortest form, bignums only outside -2^64..2^64-1 and
    with no leading zero bytes, a float as single precision when that is exact, else double.

    Raises ``Error`` for a value of another type (a set, an object), or nested deeper than
    ``MAX_DEPTH``.
    """
    out = bytearray()
    _encode(value, out, 0)
    return bytes(out)


def encode_record(seq, value):
    """The bytes of the record ``[seq, value]``; seq from 0 to 2^63-1."""
    if type(seq) is not int or not 0 <= seq <= MAX_SEQ:
        raise Error("a seq is an integer from 0 to 2^63-1, not %r" % (seq,))
    out = bytearray(b"\x82")
    _head(_UNSIGNED, seq, out)
    _encode(value, out, 1)  # the record's own array counts towards MAX_DEPTH
    return bytes(out)


def _encode(value, out, depth):
    kind = type(value)
    if kind is int:
        _integer(value, out)
    elif kind is str:
        _text(value, out)
    elif kind is float:
        _float(value, out)
    elif kind is list or kind is tuple:
        _check_depth(depth)
        _head(_ARRAY, len(value), out)
        for element in value:
            _encode(element, out, depth + 1)
    elif kind is dict:
        _check_depth(depth)
        _head(_MAP, len(value), out)
        for key, element in value.items():
            _encode(key, out, depth + 1)
            _encode(element, out, depth + 1)
    else:
        _encode_other(value, out, depth)


def _encode_other(value, out, depth):
    """The rarer types, and subclasses of the common ones (bool is an int, IntEnum too)."""
    if value is None:
        out.append(0xF6)
    elif value is True or value is False:
        out.append(0xF5 if value else 0xF4)
    elif value is UNDEFINED:
        out.append(0xF7)
    elif isinstance(value, (bytes, bytearray, memoryview)):
        data = bytes(value)
        _head(_BYTES, len(data), out)
        out += data
    elif isinstance(value, int):
        _integer(int(value), out)
    elif isinstance(value, float):
        _float(float(value), out)
    elif isinstance(value, str):
        _text(str(value), out)
    elif isinstance(value, (list, tuple, dict)):
        _encode(list(value) if not isinstance(value, dict) else dict(value), out, depth)
    elif isinstance(value, decimal.Decimal):
        _decimal(value, out)
    elif isinstance(value, Tagged):
        tags = 0
        while isinstance(value, Tagged):  # a loop: tags on tags do not count towards MAX_DEPTH
            tags += 1
            if tags > MAX_RECORD:  # each takes a byte at least
                raise Error("cannot write more tags on tags than a record may hold (does the value contain itself?)")
            _head(_TAG, value.tag, out)
            value = value.value
        _encode(value, out, depth)
    elif isinstance(value, Simple):
        _head(_SIMPLE, value.value, out)
    else:
        raise Error("cannot write %s as CBOR: %s" % (describe(value), _short_repr(value)))


def _check_depth(depth):
    if depth >= MAX_DEPTH:
        raise Error("cannot write arrays and maps nested more than %d deep, a record's own array included"
                    " (does the value contain itself?)" % MAX_DEPTH)


def _head(major, argument, out):
    """An item's head: the argument in the initial byte below 24, else in 1, 2, 4 or 8 bytes."""
    if argument < 24:
        out.append(major << 5 | argument)
    elif argument < 0x100:
        out += bytes((major << 5 | 24, argument))
    elif argument < 0x10000:
        out.append(major << 5 | 25)
        out += argument.to_bytes(2, "big")
    elif argument < 0x100000000:
        out.append(major << 5 | 26)
        out += argument.to_bytes(4, "big")
    else:
        out.append(major << 5 | 27)
        out += argument.to_bytes(8, "big")


def _integer(n, out):
    """A plain integer from -2^64 to 2^64-1; beyond, a bignum holding the magnitude's bytes alone."""
    major, argument = (_UNSIGNED, n) if n >= 0 else (_NEGATIVE, -1 - n)
    if argument < 2**64:
        _head(major, argument, out)
        return
    magnitude = argument.to_bytes((argument.bit_length() + 7) // 8, "big")
    out.append(0xC2 if major == _UNSIGNED else 0xC3)
    _head(_BYTES, len(magnitude), out)
    out += magnitude


def _float(x, out):
    """Single precision when it holds x exactly (infinities and -0.0 included), else double.

    That is RecordWriter's rule (a cast to float compared with the double), so the bytes are its
    bytes; half precision is never written, as recpipe never writes it.
    """
    if x != x:
        out += _NAN
        return
    try:
        single = _FLOAT32.pack(x)
        exact = _FLOAT32.unpack(single)[0] == x
    except OverflowError:  # beyond single precision's range
        exact = False
    if exact:
        out.append(0xFA)
        out += single
    else:
        out.append(0xFB)
        out += _FLOAT64.pack(x)


def _text(text, out):
    try:
        data = text.encode("utf-8")
    except UnicodeEncodeError as error:
        raise Error("cannot write text with a lone surrogate as CBOR, which holds UTF-8: %s at index %d"
                    % (_short_repr(text[error.start:error.end]), error.start)) from None
    _head(_TEXT, len(data), out)
    out += data


def _decimal(value, out):
    """Tag 4, [exponent, mantissa] (RFC 8949 §3.4.4), as RecordWriter writes a BigDecimal."""
    sign, digits, exponent = value.as_tuple()
    if not isinstance(exponent, int):
        raise Error("cannot write the decimal %s as CBOR: only finite decimals have a decimal fraction" % value)
    mantissa = int(decimal.Decimal((sign, digits, 0)))
    out += b"\xc4\x82"
    _integer(exponent, out)
    _integer(mantissa, out)


def _short_repr(value, limit=60):
    text = repr(value)
    return text if len(text) <= limit else text[:limit - 3] + "..."


# ---- decoding: any valid CBOR

class _Cut(Exception):
    """The bytes at hand end inside the item being decoded: it needs at least ``needed`` more bytes.

    A lower bound, never more than the record needs, so a reader may wait for that many bytes
    without waiting for input that is not coming (under ``fanout --dispatch ready`` a worker gets
    more only after it answers). It spares decoding a long record again for every few bytes.
    """

    def __init__(self, needed):
        super().__init__(needed)
        self.needed = needed


class _Window:
    """Decodes items from a window of a stream: the bytes read and not yet decoded.

    ``at`` is the index of the next byte to decode; ``base`` is the stream offset of the window's
    first byte, so that messages name offsets in the stream. An item cut at the window's end raises
    ``_Cut``, and is decoded again, from its start, once more bytes are in.
    """
    __slots__ = ("data", "at", "base", "seq")

    def __init__(self, data=b"", base=0):
        self.data, self.at, self.base = data, 0, base
        self.seq = None  # the seq of the record being decoded, once read: errors after it name it

    def record(self):
        """Decodes one record, [seq, value], checked as the Java tools check it."""
        start = self.at
        self.seq = None
        if self.data[start] == _BREAK:
            raise UpstreamFailed(self.base + start)
        major, length = self._head()
        if major != _ARRAY:
            raise self._unexpected(start, "a record, an array [seq, value]")
        if self._ends(length, 0):
            raise self._error(self._end_at(length), "expected an unsigned integer seq, found the end of an array")
        seq_at = self.at
        seq = self._seq(seq_at)
        if not 0 <= seq <= MAX_SEQ:
            found = (str(seq) if self.data[seq_at] >> 5 == _UNSIGNED
                     else "a negative bignum" if seq < 0 else "a bignum beyond it")
            raise self._error(seq_at, "expected a seq from 0 to 2^63-1, found " + found)
        self.seq = seq
        if self._ends(length, 1):
            raise self._error(self._end_at(length), "expected a record with exactly two elements [seq, value],"
                                                    " found the end of an array", seq)
        value = self.item(1)
        if not self._ends(length, 2):
            raise self._unexpected(self.at, "a record with exactly two elements [seq, value]", seq)
        return seq, value

    def _seq(self, at):
        """A record's seq: an unsigned integer, or an integer as a bignum (tag 2 or 3 on a byte string).

        As FORMAT.md has it, and the Java tools read it: a CBOR library may write a seq as a bignum.
        """
        major = self._initial() >> 5
        if major == _UNSIGNED:
            return self._head()[1]
        if major == _TAG:
            tag = self._head()[1]
            if tag in (_POSITIVE_BIGNUM, _NEGATIVE_BIGNUM) and self._initial() >> 5 == _BYTES:
                magnitude = int.from_bytes(self.item(1), "big")
                return magnitude if tag == _POSITIVE_BIGNUM else -1 - magnitude
        raise self._unexpected(at, "an unsigned integer seq")

    def _end_at(self, length):
        """Where an array that just ended ends: its break, or where its next item would be."""
        return self.at - 1 if length == _INDEFINITE else self.at

    def item(self, depth=0):
        """Decodes one data item of any kind; ``depth`` is the arrays and maps it is in."""
        start = self.at
        initial = self._initial()
        major = initial >> 5
        if major == _SIMPLE:
            return self._simple(initial)
        if major == _TAG:
            return self._tagged(depth)
        major, argument = self._head()
        if major == _UNSIGNED:
            return argument
        if major == _NEGATIVE:
            return -1 - argument
        self._check_claim(major, argument, start)
        if major == _BYTES or major == _TEXT:
            return self._string(major, argument, start)
        if depth >= MAX_DEPTH:
            raise self._error(start, "arrays and maps nested more than %d deep, the limit" % MAX_DEPTH)
        if major == _ARRAY:
            return self._array(argument, depth + 1)
        return self._map(argument, depth + 1)

    def _check_claim(self, major, length, at):
        """A string, array or map whose head claims more than a record may hold is refused at its head."""
        if length != _INDEFINITE and length * (2 if major == _MAP else 1) > MAX_RECORD:
            raise self._error(at, "%s is %s" % (_CLAIMS[major] % length, _LIMIT))

    def _head(self):
        """An item's head: (major type, argument); the argument of an indefinite length is _INDEFINITE."""
        start = self.at
        initial = self._initial()
        major, info = initial >> 5, initial & 0x1F
        if info < 24:
            self.at = start + 1
            return major, info
        if info < 28:
            end = start + 1 + (1 << (info - 24))
            if end > len(self.data):
                raise _Cut(end - len(self.data))
            self.at = end
            return major, int.from_bytes(self.data[start + 1:end], "big")
        if info == 31 and _BYTES <= major <= _MAP:
            self.at = start + 1
            return major, _INDEFINITE
        raise self._malformed(start, initial)

    def _initial(self):
        if self.at >= len(self.data):
            raise _Cut(1)
        return self.data[self.at]

    def _ends(self, length, count):
        """True if a container of ``length`` ends after ``count`` items; an indefinite one, at a break."""
        if length != _INDEFINITE:
            return count >= length
        if self._initial() != _BREAK:
            return False
        self.at += 1
        return True

    def _take(self, size):
        start = self.at
        if size > len(self.data) - start:
            raise _Cut(start + size - len(self.data))
        self.at = start + size
        return self.data[start:self.at]

    def _string(self, major, length, start):
        if length != _INDEFINITE:
            return self._chunk(major, length, start)
        chunks = []
        while not self._ends(_INDEFINITE, 0):
            chunk_start = self.at
            chunk_major, chunk_length = self._head()
            if chunk_major == major:
                self._check_claim(major, chunk_length, chunk_start)
            if chunk_major != major or chunk_length == _INDEFINITE:
                held = "an indefinite-length chunk" if chunk_major == major else _describe_initial(self.data[chunk_start])
                raise self._invalid(chunk_start, "indefinite-length %s holding %s" % (_STRINGS[major], held))
            chunks.append(self._chunk(major, chunk_length, chunk_start))
        return b"".join(chunks) if major == _BYTES else "".join(chunks)

    def _chunk(self, major, length, start):
        data = self._take(length)
        if major == _BYTES:
            return data
        try:
            return data.decode("utf-8")
        except UnicodeDecodeError as error:
            payload = self.at - length
            raise self._invalid(payload + error.start, "text that is not UTF-8: %s (in the text string at byte"
                                                       " offset %d)" % (error.reason, self.base + start)) from None

    def _array(self, length, depth):
        array = []
        try:
            while not self._ends(length, len(array)):  # a loop, not a comprehension: one frame less a level
                array.append(self.item(depth))
        except _Cut as cut:
            if length != _INDEFINITE:  # each item after the one cut takes a byte at least
                cut.needed += length - len(array) - 1
            raise
        return array

    def _map(self, length, depth):
        result = {}
        count = 0
        items_left = 0  # after the one being decoded
        try:
            while not self._ends(length, count):
                key_at = self.at
                items_left = 1 + (2 * (length - count - 1) if length != _INDEFINITE else 0)
                key = _key(self.item(depth))
                if key is _UNHASHABLE:
                    raise self._error(key_at, "a map key that is a map: no Python dict can hold it")
                if length == _INDEFINITE and self._initial() == _BREAK:
                    raise self._invalid(self.at, "break after a map key, before its value")
                items_left -= 1
                result[key] = self.item(depth)
                count += 1
        except _Cut as cut:
            cut.needed += items_left
            raise
        return result

    def _tagged(self, depth):
        """A tagged item: tags on tags in a loop, not a call each, as they do not count towards MAX_DEPTH."""
        tags = []
        while self._initial() >> 5 == _TAG:
            tag = self._head()[1]
            tags.append((tag, self.at))
        value = self.item(depth)
        for tag, content_at in reversed(tags):
            value = self._tag(tag, value, content_at)
        return value

    def _tag(self, tag, content, content_at):
        """The value of ``tag`` on ``content``, decoded from ``content_at``."""
        if tag == _POSITIVE_BIGNUM or tag == _NEGATIVE_BIGNUM:
            if type(content) is not bytes:
                raise self._error(content_at, "expected a byte string, a bignum's magnitude, found "
                                  + describe(content))
            magnitude = int.from_bytes(content, "big")
            return magnitude if tag == _POSITIVE_BIGNUM else -1 - magnitude
        if tag == _DECIMAL_FRACTION:
            return self._decimal(content, content_at)
        return Tagged(tag, content)

    def _decimal(self, content, at):
        if (type(content) is not list or len(content) != 2
                or any(type(n) is not int for n in content)):
            raise self._error(at, "expected a decimal fraction's [exponent, mantissa], two integers, found "
                              + _short_repr(content))
        exponent, mantissa = content
        digits = decimal.Decimal(mantissa).as_tuple()
        try:
            return decimal.Decimal((digits.sign, digits.digits, exponent))
        except (OverflowError, ValueError, ArithmeticError):
            raise self._error(at, "a decimal fraction with an exponent beyond Python's decimals: %d"
                              % exponent) from None

    def _simple(self, initial):
        start = self.at
        info = initial & 0x1F
        if info < 20:
            self.at = start + 1
            return Simple(info)
        if info < 24:
            self.at = start + 1
            return (False, True, None, UNDEFINED)[info - 20]
        if info == 24:
            value = self._take(2)[1]
            if value < 32:
                raise self._invalid(start, "simple value %d in two bytes, where only 32-255 may be" % value)
            return Simple(value)
        if info < 28:
            self.at = start + 1
            data = self._take(1 << (info - 24))
            return struct.unpack((">e", ">f", ">d")[info - 25], data)[0]
        raise self._malformed(start, initial)

    def _malformed(self, at, initial):
        """An initial byte no data item starts with here, in the Java tools' words."""
        info = initial & 0x1F
        if initial == _BREAK:
            return self._invalid(at, "unexpected break")
        if info < 31:
            return self._invalid(at, "reserved additional information %d" % info)
        return self._invalid(at, "indefinite length on " + _describe_initial(initial))

    def _unexpected(self, at, expected, seq=None):
        if at >= len(self.data):
            raise _Cut(1)
        if self.data[at] == _BREAK:  # in a definite-length array: no item at all
            return self._invalid(at, "unexpected break")
        return self._error(at, "expected %s, found %s" % (expected, _describe_initial(self.data[at])), seq)

    def _invalid(self, at, what):
        return self._error(at, "invalid CBOR: " + what)

    def _error(self, at, message, seq=None):
        where = "byte offset %d" % (self.base + at)
        seq = self.seq if seq is None else seq
        if seq is not None:
            where += " (record seq %d)" % seq
        return InputError("%s: %s" % (where, message), self.base + at)


_STRINGS = {_BYTES: "byte string", _TEXT: "text string"}
_UNHASHABLE = object()


def _key(value):
    """A decoded item as a dict key: arrays become tuples; a map can't be one (_UNHASHABLE)."""
    if isinstance(value, list):
        elements = tuple(_key(element) for element in value)
        return _UNHASHABLE if _UNHASHABLE in elements else elements
    if isinstance(value, dict):
        return _UNHASHABLE
    return value


def _describe_initial(initial):
    """What an item is, from its initial byte, for messages: the Java tools' words (undefined reads as null)."""
    major, info = initial >> 5, initial & 0x1F
    if major == _SIMPLE:
        if info in (20, 21):
            return "a boolean"
        return {22: "null", 23: "null", 25: "a float", 26: "a float", 27: "a float"}.get(info, "a simple value")
    return ("an integer", "an integer", "a byte string", "a text string", "an array", "a map", "a tag")[major]


def decode(data):
    """The one CBOR item in ``data`` (bytes), as the Python value the module comment's table gives.

    Raises ``InputError`` naming the byte offset if ``data`` is not one well-formed item, with
    nothing after it.
    """
    window = _Window(bytes(data))
    try:
        value = window.item()
    except _Cut:
        raise InputError("truncated item: input ends at byte offset %d inside it" % len(data), len(data)) from None
    if window.at != len(window.data):
        raise InputError("byte offset %d: expected the end of the input after one item, found more"
                         % window.at, window.at)
    return value


class _Extent:
    """Where a record cut at the window's end ends, found without decoding it: a scan of its items'
    heads that goes on from where it stopped as more bytes come, so that a long record is scanned
    once, and decoded once it is whole. Decoding it again after each read took time that grew with
    the square of its length: 64 KiB a read (what a pipe holds) made an 8 MiB indefinite-length array
    128 decodings, some 3 minutes.

    ``scan`` returns the bytes the record still needs at least, or 0: it is whole, or it holds what
    the scan does not follow (a stray break, a reserved head, a claim past the limits), which the
    decoder then reports.
    """
    __slots__ = ("at", "open")

    def __init__(self):
        self.at = 0  # where the next head starts, from the record's start
        self.open = []  # the arrays, maps and strings open there: items left, or _INDEFINITE

    def scan(self, window, origin):
        """Scans on in ``window``, whose record starts at ``origin``, with the decoder's own reading
        of heads; leaves ``window.at`` at ``origin``."""
        open_ = self.open
        head = window.at = origin + self.at
        try:
            while True:
                head = window.at
                if window._initial() == _BREAK:
                    if not open_ or open_[-1] != _INDEFINITE:
                        return 0
                    open_.pop()
                    window.at += 1
                else:
                    try:
                        major, argument = window._head()
                    except InputError:  # a reserved head, an indefinite length where none may be
                        return 0
                    if major == _TAG:  # its content is the next item
                        continue
                    if _BYTES <= major <= _MAP and (argument > MAX_RECORD or len(open_) > MAX_DEPTH):
                        return 0  # a claim past the limits (an integer's or a float's argument is its value)
                    if argument == _INDEFINITE:  # ends at its break
                        open_.append(_INDEFINITE)
                        continue
                    if major == _BYTES or major == _TEXT:
                        end = window.at + argument
                        if end > len(window.data):
                            raise _Cut(end - len(window.data))
                        window.at = end
                    elif (major == _ARRAY or major == _MAP) and argument:
                        open_.append(argument * 2 if major == _MAP else argument)
                        continue
                # an item is whole: it counts in the array or map around it, which may be whole too
                while True:
                    if not open_:
                        return 0  # the record's own item
                    if open_[-1] == _INDEFINITE:
                        break
                    open_[-1] -= 1
                    if open_[-1]:
                        break
                    open_.pop()
        except _Cut as cut:  # the head at ``head`` is read again once more bytes are in
            self.at = head - origin
            return cut.needed
        finally:
            window.at = origin


class Reader:
    """Reads records from a binary stream: iterate it for ``(seq, value)`` pairs.

    It reads a chunk at a time (``read1`` where the stream has it: what a pipe holds, up to 64
    KiB), so it streams input of any length in bounded memory: one chunk and the record cut at its
    end. ``offset`` is the byte offset where the last record yielded starts, for messages. Bad
    input raises ``InputError``, its message naming the byte offset as the Java tools do (a
    truncated record included); an abort mark, ``UpstreamFailed``.

    Does not close the stream.
    """

    def __init__(self, stream):
        self._read1 = getattr(stream, "read1", None) or stream.read
        self._read = stream.read
        self._window = _Window()
        self._needed = 0  # bytes the record cut at the window's end needs at least
        self._extent = None  # where that record ends, as far as scanned
        self.offset = None

    def __iter__(self):
        while self.read_chunk():
            yield from self.records()

    def read_chunk(self):
        """Reads more input after the records decoded so far; False at a clean end of input.

        What a pipe holds, up to a chunk; and if a record is cut, at least the bytes it still needs
        as far as the decoder or the scan of its heads could tell (a long string's all at once), but
        never more than the window holds already, nor more than the record needs: under ``fanout
        --dispatch ready`` more input comes only after this stage has answered. The cut record is
        decoded once it is whole (``_Extent``). A record longer than MAX_RECORD is refused.
        """
        window = self._window
        cut = window.data[window.at:]
        base = window.base + window.at
        if cut and len(cut) + self._needed > MAX_RECORD:  # not read on, into memory: the Java tools' limit
            raise InputError("byte offset %d: %s" % (base, _RECORD_TOO_LARGE), base)
        data = self._read1(CHUNK)
        wanted = min(self._needed, max(CHUNK, len(cut)), MAX_RECORD + 1 - len(cut)) if cut else 0
        if data and len(data) < wanted:
            data += self._read(wanted - len(data))
        if not data and cut:
            raise InputError("truncated record at byte offset %d: input ends at byte offset %d inside it"
                             % (base, base + len(cut)), base)
        self._window = _Window(cut + data, base)
        return bool(data)

    def records(self):
        """Yields ``(seq, value)`` for each whole record in what was read so far."""
        window = self._window
        while window.at < len(window.data):
            start = window.at
            if self._extent is not None:  # a record cut before: decoded again only once it is whole
                needed = self._extent.scan(window, start)
                if needed:
                    self._needed = needed
                    return
                self._extent = None
            try:
                record = window.record()
            except _Cut as cut:
                window.at = start
                self._needed = cut.needed
                self._extent = _Extent()
                return
            if window.at - start > MAX_RECORD:
                raise InputError("byte offset %d: %s" % (window.base + start, _RECORD_TOO_LARGE), window.base + start)
            self.offset = window.base + start
            yield record


# ---- the stage: run(fn) and process(fn, ...)

class _Stopped(BaseException):
    """A signal stopped the stage; a BaseException so that a stage's ``except Exception`` lets it by."""

    def __init__(self, signum):
        super().__init__(signum)
        self.signum = signum


class _FailedOn(Exception):
    """The stage's function failed on a record: the message says which, the cause says why."""


def run(fn, name=None, verbose=None):
    """Runs ``fn`` as a stage on stdin and stdout, and exits with its status (the module comment).

    ``name`` starts every message: by default the script's file name. ``verbose`` adds a traceback
    to a failure's message: by default when the script's arguments hold ``--verbose``, or the
    environment has ``RECPIPE_VERBOSE`` set to anything but ``0`` or nothing.
    """
    name = name or os.path.basename(sys.argv[0]) or "stage"
    if verbose is None:
        verbose = "--verbose" in sys.argv[1:] or os.environ.get("RECPIPE_VERBOSE", "0") not in ("", "0")
    sys.exit(_run(fn, name, verbose))


def _run(fn, name, verbose):
    stderr = sys.stderr
    if sys.stdout is None:  # Python's own sign that fd 1 was closed when the process started
        stderr.write(_visible("%s: stdout is closed" % name) + "\n")
        return 1
    output = _FdOutput(sys.stdout.fileno())
    stage = _Stage(fn, name, verbose, stderr)
    if sys.stdin is None:
        return stage.fail(output, b"", Error("stdin is closed"))
    if os.isatty(output.fd):  # records are binary: noise on a terminal, as gzip says of its output
        return stage.fail(output, b"", Error(_TERMINAL))
    _catch_signals(output)
    sys.stdout = stderr  # a print() in fn must not land among the records
    try:
        return stage.serve(sys.stdin.buffer, output)
    except _Stopped as stop:
        output.abort_stopped()
        return 128 + stop.signum  # as a shell reports a process a signal ended: 143 for SIGTERM


def process(fn, stdin, stdout, stderr, name="stage", verbose=False):
    """Runs ``fn`` as a stage on the given binary streams; returns the exit status instead of exiting.

    What ``run`` does, without the parts that belong to a whole process: signals, the standard
    streams and exiting. For tests, and for a stage inside a bigger program. ``stdin`` needs
    ``read`` (and ``read1`` if it has one), ``stdout`` ``write`` and ``flush``, ``stderr`` takes
    text. Closes none of them.
    """
    return _Stage(fn, name, verbose, stderr).serve(stdin, _StreamOutput(stdout))


class _Stage:
    """The record loop: the function on each record, its results out, and every way it can fail."""

    def __init__(self, fn, name, verbose, stderr):
        self.fn, self.name, self.verbose, self.stderr = fn, name, verbose, stderr

    def serve(self, stdin, output):
        """Returns the exit status; a signal (_Stopped) passes through, for the caller to end on."""
        results = bytearray()
        try:
            reader = Reader(stdin)
            while reader.read_chunk():
                for seq, value in reader.records():
                    self._process(seq, value, reader.offset, results)
                    if len(results) >= CHUNK:  # a stage whose results outgrow its input: memory stays bounded
                        output.write(results)
                        del results[:]
                output.write(results)
                del results[:]
            return 0
        except BrokenPipeError:
            return _BROKEN_PIPE
        except (Error, _FailedOn) as error:
            return self.fail(output, results, error)
        except OSError as error:  # reading stdin (a directory, an I/O error) or writing stdout
            what = "stdout" if output.failed else "stdin"
            return self.fail(output, results, Error("%s: %s" % (what, error.strerror or error)))
        except SystemExit:  # fn called sys.exit: a stage that stops before the end of its input has not
            try:              # succeeded, whatever status it gives, so its output ends as a failure's does
                self._end(output, results)
            except OSError:
                pass
            raise
        except Exception as error:  # a bug of this module's, not fn's
            return self.fail(output, results, error, "internal error: %s: %s" % (type(error).__name__, error))

    def _process(self, seq, value, offset, results):
        size = len(results)
        try:
            result = self.fn(value)
            if isinstance(result, collections.abc.Iterator):
                for each in result:
                    results += encode_record(seq, each)
            else:
                results += encode_record(seq, result)
        except SystemExit:
            del results[size:]
            raise
        except Exception as error:
            del results[size:]  # the failing record's results: none of them, rather than some
            what = str(error) if isinstance(error, Error) else "%s: %s" % (type(error).__name__, error)
            raise _FailedOn("record seq %d (byte offset %d): %s" % (seq, offset, what)) from error

    def fail(self, output, results, error, message=None):
        """Says why, then writes the results so far and the abort mark; status 1."""
        self.stderr.write(_visible("%s: %s" % (self.name, message or error)) + "\n")
        if self.verbose:
            cause = error.__cause__ or error
            self.stderr.write("".join(traceback.format_exception(type(cause), cause, cause.__traceback__)))
        self.stderr.flush()
        try:
            self._end(output, results)
        except OSError:
            pass  # nobody is reading (a broken pipe), or stdout is what failed: the message said it
        return 1

    @staticmethod
    def _end(output, results):
        output.write(results)
        output.abort()


def _visible(text):
    """``text`` with its control characters shown as the Java tools show them (common's
    ControlCharacters): C0 and DEL as ``\\xNN``, C1 as ``\\u00NN``. A message quotes what a stage's
    function raised and the script's name: a line end in them split its one line in two, and an
    escape sequence went to the terminal (``ValueError("\\x1b[31m")`` turned it red)."""
    return text.translate(_SHOWN)


_SHOWN = {code: ("\\x%02x" if code < 0x80 else "\\u%04x") % code for code in (*range(0x20), *range(0x7f, 0xa0))}


def _catch_signals(output):
    """SIGTERM, SIGINT, SIGHUP and the rest of _stop_signals stop the stage at a record boundary of its output (_FdOutput).

    A signal the process was started with ignored (``nohup``, a background job's SIGINT) stays
    ignored, as it does for the Java tools.
    """
    def stop(signum, frame):
        output.signal = signum
        if not output.in_write:
            raise _Stopped(signum)

    for signum in _stop_signals():
        signal.signal(signum, stop)
    _sigxcpu_before_sigkill()


def _stop_signals():
    """The numbers of _SIGNALS this system has, and its real-time signals (SIGRTMIN to SIGRTMAX, 34
    to 64 on Linux: ``kill -RTMIN+3`` ended the stage with no mark), but those the process was started
    with ignored."""
    numbers = [getattr(signal, name) for name in _SIGNALS if hasattr(signal, name)]
    if hasattr(signal, "SIGRTMIN") and hasattr(signal, "SIGRTMAX"):
        numbers += range(signal.SIGRTMIN, signal.SIGRTMAX + 1)
    return [signum for signum in numbers if signal.getsignal(signum) is not signal.SIG_IGN]


def _sigxcpu_before_sigkill():
    """A CPU time limit as a shell sets it (``ulimit -t N``) is a hard limit as well as a soft one,
    and at the hard limit the kernel sends SIGKILL, not SIGXCPU: the stage ended with no mark, and
    writer -o put the results before it in place, exit 0. The soft limit goes a second below the
    hard one, so SIGXCPU comes first, as the Java tools' launcher does it.
    """
    try:
        import resource
    except ImportError:  # not Unix: no such limit
        return
    soft, hard = resource.getrlimit(resource.RLIMIT_CPU)
    if soft == hard and hard != resource.RLIM_INFINITY and hard > 1:
        resource.setrlimit(resource.RLIMIT_CPU, (hard - 1, hard))


def _quiet_signals():
    """While the stage ends, a second signal must not cut the mark short."""
    for signum in _stop_signals():
        signal.signal(signum, signal.SIG_IGN)


class _StreamOutput:
    """Records to a binary stream (``process``): whole records in, one write and a flush each time."""

    def __init__(self, stream):
        self.stream = stream
        self.failed = False

    def write(self, records):
        if records:
            try:
                self.stream.write(records)
                self.stream.flush()
            except OSError:
                self.failed = True
                raise

    def abort(self):
        self.write(ABORT_MARK)


class _FdOutput:
    """stdout as a file descriptor, written so that a signal finds it at a record boundary.

    Why not ``sys.stdout.buffer``: a signal that stops the stage must end the output with the abort
    mark, and only between two records (inside one, ``ff`` could be read as a byte of a string). A
    buffered stream can't say how far a write got when a signal cut it. Here each ``os.write`` is at
    most ``PIPE_BUF`` bytes, after ``select`` says the pipe has room, so it neither blocks nor is cut
    (POSIX: such a write to a pipe is all or nothing); the signal handler raises only outside those
    writes (``in_write``), while waiting, and ``pending`` always holds exactly what is left to write.
    A write of whole records interrupted half way is finished before the mark, waiting for room for
    as long as the downstream keeps the pipe open, as the Java tools do: a stage that gave up after a
    while (2 s, once) left a busy downstream an output cut where a piece ended, and where that was a
    record's end, a clean one, so ``writer -o`` put part of the rows in place and exited 0. A
    downstream that has gone fails the write, and the stage exits then.
    """

    def __init__(self, fd):
        self.fd = fd
        self.pending = memoryview(b"")
        self.in_write = False
        self.signal = None
        self.failed = False
        mode = os.fstat(fd).st_mode
        # Writes to a regular file or a device never wait on a reader, so they need no pieces.
        self.piece = (1 << 30) if stat.S_ISREG(mode) or stat.S_ISCHR(mode) else select.PIPE_BUF

    def write(self, records):
        """Writes whole records (bytes-like); a signal may stop it between two pieces."""
        self.pending = memoryview(bytes(records))
        while self.pending:
            select.select([], [self.fd], [])
            self._write_piece()

    def _write_piece(self):
        self.in_write = True
        try:
            self.pending = self.pending[os.write(self.fd, self.pending[:self.piece]):]
        except OSError:
            self.failed = True
            raise
        finally:
            self.in_write = False
        if self.signal is not None:
            raise _Stopped(self.signal)

    def abort(self):
        """The mark, after the last whole record (the stage failed: records were all written)."""
        if not os.isatty(self.fd):
            self.write(ABORT_MARK)

    def abort_stopped(self):
        """The mark after a signal: the write in progress finished first, however long its reader takes."""
        _quiet_signals()
        self.signal = None
        try:
            while self.pending:
                select.select([], [self.fd], [])
                self._write_piece()
            if not os.isatty(self.fd):
                os.write(self.fd, ABORT_MARK)
        except OSError:
            pass  # nobody is reading: nothing to tell
