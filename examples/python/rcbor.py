"""A small CBOR codec, enough for recpipe records (docs/FORMAT.md), with no third-party package.

read_item(stream) decodes one data item (any major type, definite or indefinite lengths, bignums);
encode(value) writes ints (shortest form, bignums past 64 bits), str, bytes, lists, dicts, bools,
None and floats, as recpipe's own stages do.
"""
import struct

ABORT_MARK = b"\xff"


class Truncated(Exception):
    pass


class _Break(Exception):
    pass


def _read(stream, n):
    data = stream.read(n)
    if len(data) != n:
        raise Truncated()
    return data


def _argument(stream, info):
    if info < 24:
        return info
    if info == 24:
        return _read(stream, 1)[0]
    if info == 25:
        return struct.unpack(">H", _read(stream, 2))[0]
    if info == 26:
        return struct.unpack(">I", _read(stream, 4))[0]
    if info == 27:
        return struct.unpack(">Q", _read(stream, 8))[0]
    raise ValueError("invalid additional information %d" % info)


def read_item(stream, first=None):
    """One item; first is its initial byte when already read. Raises Truncated at a cut."""
    if first is None:
        first = _read(stream, 1)[0]
    major, info = first >> 5, first & 31
    if first == 0xFF:
        raise _Break()
    if major in (2, 3, 4, 5) and info == 31:
        return _indefinite(stream, major)
    if major == 7:
        if info == 20:
            return False
        if info == 21:
            return True
        if info in (22, 23):
            return None
        if info == 25:
            return struct.unpack(">e", _read(stream, 2))[0]
        if info == 26:
            return struct.unpack(">f", _read(stream, 4))[0]
        if info == 27:
            return struct.unpack(">d", _read(stream, 8))[0]
        return _argument(stream, info)
    n = _argument(stream, info)
    if major == 0:
        return n
    if major == 1:
        return -1 - n
    if major == 2:
        return _read(stream, n)
    if major == 3:
        return _read(stream, n).decode("utf-8")
    if major == 4:
        return [read_item(stream) for _ in range(n)]
    if major == 5:
        return {read_item(stream): read_item(stream) for _ in range(n)}
    value = read_item(stream)  # major 6: a tag
    if n == 2:
        return int.from_bytes(value, "big")
    if n == 3:
        return -1 - int.from_bytes(value, "big")
    return value


def _indefinite(stream, major):
    items = []
    while True:
        try:
            items.append(read_item(stream))
        except _Break:
            break
    if major == 2:
        return b"".join(items)
    if major == 3:
        return "".join(items)
    if major == 4:
        return items
    return dict(zip(items[::2], items[1::2]))


def read_records(stream):
    """Yields (seq, value) until a clean end of input; raises on a cut or an abort mark."""
    while True:
        first = stream.read(1)
        if not first:
            return
        if first == ABORT_MARK:
            raise ValueError("input ends with an abort mark: an earlier stage failed")
        record = read_item(stream, first[0])
        if not isinstance(record, list) or len(record) != 2:
            raise ValueError("expected a record [seq, value], found %r" % (record,))
        yield record[0], record[1]


def _head(major, n):
    if n < 24:
        return bytes([major << 5 | n])
    if n < 0x100:
        return bytes([major << 5 | 24, n])
    if n < 0x10000:
        return bytes([major << 5 | 25]) + struct.pack(">H", n)
    if n < 0x100000000:
        return bytes([major << 5 | 26]) + struct.pack(">I", n)
    return bytes([major << 5 | 27]) + struct.pack(">Q", n)


def encode(value):
    if value is True:
        return b"\xf5"
    if value is False:
        return b"\xf4"
    if value is None:
        return b"\xf6"
    if isinstance(value, int):
        if 0 <= value < 2**64:
            return _head(0, value)
        if -(2**64) <= value < 0:
            return _head(1, -1 - value)
        tag, magnitude = (2, value) if value > 0 else (3, -1 - value)
        data = magnitude.to_bytes((magnitude.bit_length() + 7) // 8, "big")
        return _head(6, tag) + _head(2, len(data)) + data
    if isinstance(value, float):
        return b"\xfb" + struct.pack(">d", value)
    if isinstance(value, str):
        data = value.encode("utf-8")
        return _head(3, len(data)) + data
    if isinstance(value, (bytes, bytearray)):
        return _head(2, len(value)) + bytes(value)
    if isinstance(value, (list, tuple)):
        return _head(4, len(value)) + b"".join(encode(v) for v in value)
    if isinstance(value, dict):
        return _head(5, len(value)) + b"".join(encode(k) + encode(v) for k, v in value.items())
    raise TypeError("no CBOR encoding for %r" % (value,))


def encode_record(seq, value):
    return b"\x82" + encode(seq) + encode(value)
