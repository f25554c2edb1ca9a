#!/usr/bin/env python3
"""summer.py: recpipe's summer in Python, a function on recpipe.py's run().

Reads records [seq, [integers...]] and writes [seq, sum], integers of any size: the same bytes as
`summer` writes, and the same messages, so it can stand in for summer anywhere, fanout included:

    reader rows.csv | fanout -n 2 python3 summer.py | writer

recpipe.py does the rest: reading any valid CBOR, writing canonical records, the abort mark and the
exit statuses (its module comment says what it does and why).
"""
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import recpipe  # noqa: E402


def total(row):
    """The sum of a row of integers; anything else is bad data, said in summer's words."""
    if type(row) is not list:
        raise recpipe.Error("expected an array of integers, found " + recpipe.describe(row))
    for n in row:
        if type(n) is not int:  # not isinstance: True is an int to Python, a boolean to CBOR
            found = "an array inside the array" if type(n) is list else recpipe.describe(n)
            raise recpipe.Error("expected an array of integers, found " + found)
    return sum(row)


if __name__ == "__main__":
    recpipe.run(total)
