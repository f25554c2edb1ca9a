#!/usr/bin/env bash
# Generated faults, end to end: for each seed one pipeline, one fault (a signal to one process or to
# the group, bad data, a low limit for one stage), and recpipe's promise checked: exit 0 with the
# whole truth, or non-zero with writer -o's old file kept; no hang, nothing left behind.
#   bench/chaos.sh [--family sums|text] [--seed S[,S...]] [--from S0] [--kinds REGEX] [--timeout SECONDS] [--data DIR] [--keep] [CASES]
# The harness is bench/chaos.py (its docstring says what it picks and checks); bench/README.md, "Chaos".
set -euo pipefail
root=$(cd "$(dirname -- "$0")/.." && pwd)
work=$root # archives_fresh needs no scratch folder
. "$root/bench/lib.sh"
archives_fresh "$root"
PATH=$root/bin:$PATH reader --version > /dev/null # fails here, with the launcher's message, if the tools are not built
exec python3 "$root/bench/chaos.py" "$@"
