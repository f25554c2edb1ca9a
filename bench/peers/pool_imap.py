#!/usr/bin/env python3
"""Peer for bench/pipeline.sh: the canonical job with Python's multiprocessing, stdlib only.

    python3 bench/peers/pool_imap.py FILE [CHUNKSIZE]      (default chunksize 5000)

Prints "index,sum" for each CSV row of integers in FILE, in input order: the main process reads
lines and writes results, a Pool of os.cpu_count() processes sums them, fed by Pool.imap in chunks.
The chunksize matters most: one line per task spends all the time pickling (see bench/README.md).
"""
import multiprocessing
import sys

FLUSH_LINES = 10000


def sum_row(line):
    """The sum of one CSV line's integers; an empty line sums to 0, as in awk."""
    return sum(map(int, line.split(b","))) if line.strip() else 0


def main(function=sum_row):
    """Runs the job with ``function`` on each line (bytes, its line end kept) in the Pool's workers."""
    if not 2 <= len(sys.argv) <= 3:
        sys.exit("usage: pool_imap.py FILE [CHUNKSIZE]")
    chunksize = int(sys.argv[2]) if len(sys.argv) == 3 else 5000
    out = sys.stdout.buffer
    pending = []
    with open(sys.argv[1], "rb") as rows, multiprocessing.Pool() as pool:
        for index, total in enumerate(pool.imap(function, rows, chunksize)):
            pending.append(b"%d,%d\n" % (index, total))
            if len(pending) == FLUSH_LINES:
                out.write(b"".join(pending))
                pending.clear()
    out.write(b"".join(pending))
    out.flush()


if __name__ == "__main__":
    main()
