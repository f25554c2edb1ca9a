"""The canonical job's per-row computation with a fault planted, for bench/faults.sh.

One definition for the two Python peers of the faults table, so each runs the same code:
recpipe's Python stage (fault_stage.py, under fanout) and Python's Pool.imap (pool_imap_faults.py).
The shell peers run the same rules in awk (bench/faults.sh). $FAULT picks the fault:

    exit   the process exits with status 3 on the poison row (first field -7): a crash
    raise  the function raises ValueError on the poison row: a bug in the computation
    slow   rows whose first field is a multiple of 50 (2% of gencsv's, at random) take 10 ms more
    (unset or empty) the plain sum
"""
import os
import sys
import time

POISON = -7
SLOW_EVERY = 50
SLOW_SECONDS = 0.01
FAULT = os.environ.get("FAULT", "")
if FAULT not in ("", "exit", "raise", "slow"):
    sys.exit("fault_job: unknown FAULT %r: exit, raise, slow or none" % FAULT)


def row_sum(row):
    """The sum of a row's integers, with $FAULT's fault on the rows it names."""
    if row:
        if FAULT == "exit" and row[0] == POISON:
            sys.stderr.write("fault_job: exiting 3 on the poison row\n")
            sys.stderr.flush()
            os._exit(3)  # a crash: no cleanup, no exception for the caller to catch
        if FAULT == "raise" and row[0] == POISON:
            raise ValueError("poison row")
        if FAULT == "slow" and row[0] % SLOW_EVERY == 0:
            time.sleep(SLOW_SECONDS)
    return sum(row)
