#!/usr/bin/env bash
# line-stage.sh [--csv] STAGE [ARG...]: runs the record stage STAGE where only lines flow (under
# Hadoop Streaming, Spark's RDD.pipe, or any tool that feeds a command lines on stdin and reads
# lines from its stdout): each input line becomes a record, each output record a line.
#
#   line-stage.sh runstats            < file-names.txt   # each line a [seq, "line"] record
#   line-stage.sh --csv summer        < rows.csv         # each line a CSV row, [seq, [ints]]
#   line-stage.sh --csv fanout -n 4 summer < rows.csv    # any record pipeline, fanout too
#
# Output lines carry no seq: they are in input order, one or more per input line (or none, if the
# stage drops records), as `writer -f lines` prints values. If any stage fails, the script exits
# non-zero with that stage's message on stderr, so the job that runs it sees a failed task.
set -euo pipefail

# The recpipe tools on PATH, or else the ones of the source tree this script is in.
command -v reader > /dev/null || PATH="$(cd -- "$(dirname -- "$0")/../bin" && pwd):$PATH"

mode=(--lines)
if [ "${1:-}" = --csv ]; then
  mode=()
  shift
fi
if [ $# -eq 0 ]; then
  echo "usage: line-stage.sh [--csv] STAGE [ARG...]" >&2
  exit 2
fi

reader "${mode[@]}" - | "$@" | writer -f lines
