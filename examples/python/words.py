#!/usr/bin/env python3
"""words.py: each line of text to one record per word, all with the line's seq; none for a blank line.

    reader --lines notes.txt | fanout -n 2 python3 words.py | writer -f tsv

A stage that yields: recpipe.run() writes every value the generator yields as a record with the
input record's seq, so a line is split into several records, or dropped, and fanout keeps them
together, in order.
"""
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import recpipe  # noqa: E402


def words(line):
    if type(line) is not str:
        raise recpipe.Error("expected a text string, a line, found " + recpipe.describe(line))
    yield from line.split()


if __name__ == "__main__":
    recpipe.run(words)
