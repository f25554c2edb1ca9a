#!/usr/bin/env python3
"""A record stage with skewed cost, for benchmarks: `skewed.py UNIT_MICROS`.

Records come in clusters of 50 consecutive seqs; one cluster in ten, picked by a fixed hash of the
cluster number, costs 100 units a record, the rest 1 unit. A unit is UNIT_MICROS microseconds of
busy CPU (default 20). Each record's output is [seq, sum(row)], as summer's.
"""
import os
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import recpipe  # noqa: E402


def cost(seq):
    cluster = seq // 50
    return 100 if (cluster * 2654435761) % 2**32 % 10 == 0 else 1


def main():
    unit = (int(sys.argv[1]) if len(sys.argv) > 1 else 20) / 1e6
    out = sys.stdout.buffer
    for seq, row in recpipe.Reader(sys.stdin.buffer):
        deadline = time.perf_counter() + cost(seq) * unit
        while time.perf_counter() < deadline:
            pass
        out.write(recpipe.encode_record(seq, sum(row)))
    out.flush()
    return 0


if __name__ == "__main__":
    sys.exit(main())
