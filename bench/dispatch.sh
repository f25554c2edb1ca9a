#!/usr/bin/env bash
# Round-robin against ready dispatch on a skewed workload (examples/python/skewed.py: one 50-record
# cluster in ten costs 100x the others), run interleaved, median wall time of each.
#   bench/dispatch.sh [ROWS] [RUNS]      (defaults 20000 rows, 5 runs)
# Prints a markdown table and writes it to bench/results/dispatch.md.
set -euo pipefail
root=$(cd "$(dirname -- "$0")/.." && pwd)
rows=${1:-20000}
runs=${2:-5}
workers=$(nproc)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
. "$root/bench/lib.sh"
PATH=$root/bin:$PATH

gencsv "$rows" 10 5 > "$work/rows.csv"
reader "$work/rows.csv" > "$work/rows.rec"
reader "$work/rows.csv" | summer | writer > "$work/expected.csv"

seconds() { # command... -> wall seconds, and checks the output
  local start end
  start=$(date +%s.%N)
  "$@" < "$work/rows.rec" | writer > "$work/out.csv"
  end=$(date +%s.%N)
  cmp -s "$work/out.csv" "$work/expected.csv" || { echo "wrong output from: $*" >&2; exit 1; }
  awk -v a="$start" -v b="$end" 'BEGIN { printf "%.3f\n", b - a }'
}

: > "$work/rr"; : > "$work/ready"
for ((i = 1; i <= runs; i++)); do
  seconds fanout -n "$workers" -b 50 --dispatch round-robin python3 "$root/examples/python/skewed.py" >> "$work/rr"
  seconds fanout -n "$workers" -b 50 --dispatch ready python3 "$root/examples/python/skewed.py" >> "$work/ready"
done
rr=$(median < "$work/rr")
ready=$(median < "$work/ready")
ratio=$(awk -v a="$rr" -v b="$ready" 'BEGIN { printf "%.2f", a / b }')

mkdir -p "$root/bench/results"
{
  echo "## --dispatch on a skewed workload"
  echo
  echo "$(date -u +%Y-%m-%d), $(nproc) cores, $rows records, fanout -n $workers -b 50, median of $runs interleaved runs"
  echo
  echo "| dispatch | median wall (s) | all runs (s) |"
  echo "|---|---|---|"
  echo "| round-robin | $rr | $(tr '\n' ' ' < "$work/rr") |"
  echo "| ready | $ready | $(tr '\n' ' ' < "$work/ready") |"
  echo
  echo "ready is ${ratio}x faster than round-robin."
} | tee "$root/bench/results/dispatch.md"
