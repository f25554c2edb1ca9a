#!/usr/bin/env python3
"""Python's side of bench/faults.sh's custom computation: pool_imap.py with fault_job's sum.

    FAULT=exit python3 bench/peers/pool_imap_faults.py [--executor] FILE [CHUNKSIZE]

The same program as pool_imap.py (Pool().imap over the lines, in order), each line's sum
fault_job.row_sum's, with $FAULT's fault. With --executor, concurrent.futures'
ProcessPoolExecutor().map instead, the standard library's pool that notices a worker's death
(BrokenProcessPool) where multiprocessing.Pool waits for its results for ever; its map takes the
whole input in at once, so it is for inputs that fit in memory.
"""
import concurrent.futures
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import fault_job  # noqa: E402
import pool_imap  # noqa: E402


def faulty_sum(line):
    """A line's sum as pool_imap.sum_row takes it, by fault_job.row_sum."""
    return fault_job.row_sum(list(map(int, line.split(b",")))) if line.strip() else 0


def executor_main():
    """pool_imap.main's loop on ProcessPoolExecutor.map: results in order, written in blocks."""
    if not 2 <= len(sys.argv) <= 3:
        sys.exit("usage: pool_imap_faults.py --executor FILE [CHUNKSIZE]")
    chunksize = int(sys.argv[2]) if len(sys.argv) == 3 else 5000
    out = sys.stdout.buffer
    pending = []
    with open(sys.argv[1], "rb") as rows, concurrent.futures.ProcessPoolExecutor() as pool:
        for index, total in enumerate(pool.map(faulty_sum, rows, chunksize=chunksize)):
            pending.append(b"%d,%d\n" % (index, total))
            if len(pending) == pool_imap.FLUSH_LINES:
                out.write(b"".join(pending))
                pending.clear()
    out.write(b"".join(pending))
    out.flush()


if __name__ == "__main__":
    if sys.argv[1:2] == ["--executor"]:
        del sys.argv[1]
        executor_main()
    else:
        pool_imap.main(faulty_sum)
