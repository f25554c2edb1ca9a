#!/usr/bin/env bash
# Soak test, not run in CI: RECORDS generated rows through `fanout -n N summer`, the input streamed
# from gencsv (nothing on disk), with each stage's RSS sampled every second. It passes when the
# output's checksum equals the serial pipeline's and no stage's memory grows over the run.
#   bench/soak.sh [RECORDS] [N]   (defaults 100000000 8)
# Progress goes to stderr; markdown to stdout and to bench/results/soak.md.
set -euo pipefail
root=$(cd "$(dirname -- "$0")/.." && pwd)
records=${1:-100000000}
workers=${2:-8}
cores=$(nproc)
seed=7
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
PATH=$root/bin:$PATH
out=$root/bench/results/soak.md
stages="$root/(reader|summer|writer|fanout)/target/"

say() { echo "soak.sh: $*" >&2; }
reader --version > /dev/null

# Samples "seconds stage rss_kb" for every process of this tree's tools, each second, until $1 exits.
sample() {
  local pid=$1 start=$SECONDS p tool rss
  while kill -0 "$pid" 2> /dev/null; do
    for p in $(pgrep -f "$stages"); do
      # a process may end between pgrep and here: then its /proc entry is gone, quietly
      tool=$( { tr '\0' ' ' < "/proc/$p/cmdline"; } 2> /dev/null | grep -oE '(reader|summer|writer|fanout)\.jar' | head -1) || continue
      rss=$(awk '/^VmRSS:/ {print $2}' "/proc/$p/status" 2> /dev/null) || continue
      [ -n "$tool" ] && [ -n "$rss" ] && echo "$((SECONDS - start)) ${tool%.jar} $rss"
    done
    sleep 1
  done
}

say "serial: gencsv $records 10 $seed | reader | summer | writer | md5sum"
start=$SECONDS
serial=$(gencsv "$records" 10 "$seed" | reader | summer | writer | md5sum | cut -d' ' -f1)
serial_s=$((SECONDS - start))
say "serial: $serial in $serial_s s"

say "fanout: gencsv $records 10 $seed | reader | fanout -n $workers summer | writer | md5sum"
start=$SECONDS
(set -o pipefail; gencsv "$records" 10 "$seed" | reader | fanout -n "$workers" summer | writer | md5sum | cut -d' ' -f1 > "$work/sum") &
job=$!
sample "$job" > "$work/rss" &
sampler=$!
status=0
wait "$job" || status=$?
wait "$sampler" || true
parallel_s=$((SECONDS - start))
parallel=$(cat "$work/sum")
say "fanout: $parallel in $parallel_s s (exit $status)"

# Per stage and per tenth of the run: the largest RSS seen (summer: the largest of the workers).
table=$(awk -v total="$parallel_s" '
  { tenth = int($1 * 10 / (total > 0 ? total : 1)); if (tenth > 9) tenth = 9
    key = $2 SUBSEP tenth; if ($3 > peak[key]) peak[key] = $3; if ($3 > max[$2]) max[$2] = $3 }
  END {
    split("reader fanout summer writer", order, " ")
    for (i = 1; i <= 4; i++) {
      s = order[i]; line = "| " s " |"
      for (t = 0; t < 10; t++) line = line " " ((s SUBSEP t) in peak ? int(peak[s SUBSEP t] / 1024) : "-") " |"
      print line " " int(max[s] / 1024) " |"
    }
  }' "$work/rss")

{
  echo "# Soak: $records records through fanout -n $workers"
  echo
  echo "$(date -u +%Y-%m-%d), $cores cores, $(java -version 2>&1 | head -1). Made by \`bench/soak.sh $records $workers\`."
  echo
  echo "| run | wall s | output md5 |"
  echo "|---|---:|---|"
  echo "| \`gencsv $records 10 $seed \\| reader \\| summer \\| writer\` | $serial_s | \`$serial\` |"
  echo "| \`gencsv $records 10 $seed \\| reader \\| fanout -n $workers summer \\| writer\` | $parallel_s | \`$parallel\` |"
  echo
  if [ "$status" = 0 ] && [ "$serial" = "$parallel" ]; then
    echo "The checksums are equal: fanout's output is byte for byte the serial pipeline's."
  else
    echo "**FAILED**: exit status $status; the checksums differ or the run failed."
  fi
  echo
  echo "Peak RSS in MB of each stage in each tenth of the fanout run (sampled every second; summer is"
  echo "the largest of its $workers workers):"
  echo
  echo "| stage | 1 | 2 | 3 | 4 | 5 | 6 | 7 | 8 | 9 | 10 | peak |"
  echo "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|"
  echo "$table"
} | tee "$out"
say "wrote $out"
[ "$status" = 0 ] && [ "$serial" = "$parallel" ]
