#!/usr/bin/env python3
"""mean_max.py: each row of integers to [mean, max], a float and an integer (both null for an empty row).

    reader rows.csv | fanout -n 2 python3 mean_max.py | writer

The mean is the row's exact sum divided by its length, rounded once, so it is the same double
whatever the size of the integers. recpipe.py writes the array and the float (single precision when
that is exact, as recpipe's Java stages do).
"""
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import recpipe  # noqa: E402


def mean_max(row):
    if type(row) is not list or not all(type(n) is int for n in row):
        raise recpipe.Error("expected an array of integers, found " + recpipe.describe(row))
    if not row:
        return [None, None]
    return [sum(row) / len(row), max(row)]


if __name__ == "__main__":
    recpipe.run(mean_max)
