#!/usr/bin/env python3
"""recpipe's side of bench/faults.sh's custom computation: a stage on examples/python/recpipe.py.

    reader F | FAULT=exit fanout -n 2 python3 bench/peers/fault_stage.py | writer

Each record [seq, [integers...]] becomes [seq, sum], fault_job.row_sum's, with $FAULT's fault.
"""
import os
import sys

here = os.path.dirname(os.path.abspath(__file__))
sys.path[:0] = [here, os.path.join(here, "..", "..", "examples", "python")]
import fault_job  # noqa: E402
import recpipe  # noqa: E402

if __name__ == "__main__":
    recpipe.run(fault_job.row_sum)
