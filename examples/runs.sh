#!/usr/bin/env bash
# runs.sh [-c COLUMN] [DIR]: one line per run file DIR/*.csv (default: the example runs), in name
# order, `index,file,rows,mean,max` of its measurement column (the last one, or COLUMN): the files
# read and summed up in parallel by an ordinary per-file Python script, python/run_summary.py FILE
# [COLUMN], one process per file and one file per core at a time (fanout --each), the results back
# in order.
#
#   examples/runs.sh -c signal_mV examples/data/runs > summary.csv
#
# A missing or malformed file stops the script with run_summary.py's message, naming the file (and
# line), then fanout's, naming its record's seq. File names must not contain a newline: they travel
# as lines.
set -euo pipefail

# The recpipe tools on PATH, or else the ones of the source tree this script is in.
command -v reader > /dev/null || PATH="$(cd -- "$(dirname -- "$0")/../bin" && pwd):$PATH"

column=()
while getopts c: option; do
  case $option in
    c) column=("$OPTARG") ;;
    *) echo "usage: runs.sh [-c COLUMN] [DIR]" >&2; exit 2 ;;
  esac
done
shift $((OPTIND - 1))
dir=${1:-$(dirname -- "$0")/data/runs}

shopt -s nullglob
files=("$dir"/*.csv)
if [ "${#files[@]}" -eq 0 ]; then
  echo "runs.sh: no .csv files in $dir" >&2
  exit 1
fi

# printf, a builtin, rather than ls: no limit on the number of files. Each record's seq is its file's
# index, which writer -f lines leaves out and awk puts back in front.
summary=$(dirname -- "$0")/python/run_summary.py
printf '%s\n' "${files[@]}" | reader --lines - \
  | fanout -n "$(nproc)" --each python3 "$summary" {} "${column[@]}" \
  | writer -f lines | awk '{ print NR - 1 "," $0 }'
