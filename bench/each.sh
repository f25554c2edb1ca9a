#!/usr/bin/env bash
# One process per file: `fanout --each -n 4` against GNU `parallel -k -j4` and `xargs -P4`, on FILES
# small files (default 900) and a per-file command of about 10 ms (a shell script: sleep 0.01, then
# cksum of its file), run interleaved RUNS times (default 5): the median wall time of each, the
# median CPU time (user+sys) of all its processes, and of its own process alone (fanout's JVM, not
# the reader and writer around it nor the processes it starts; parallel's perl; xargs), which
# python3 reads (bench/lib.sh own_cpu).
#   bench/each.sh [RUNS] [FILES] [--install-peers]
# Every output is checked against a serial `for` loop's: byte for byte for fanout and parallel -k,
# after sorting for xargs, whose -P output comes in the order processes end. Prints a markdown table
# with ratios to fanout's time and nproc; writes no file (record figures from a quiet machine).
set -euo pipefail
root=$(cd "$(dirname -- "$0")/.." && pwd)
install=
args=()
for arg in "$@"; do
  case $arg in
    --install-peers) install=1 ;;
    *) args+=("$arg") ;;
  esac
done
runs=${args[0]:-5}
files=${args[1]:-900}
jobs=4
PATH=$root/bin:$PATH
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
. "$root/bench/lib.sh"

if ! command -v parallel > /dev/null && [ -n "$install" ]; then
  (apt-get update -qq && apt-get install -y -qq parallel) > /dev/null 2>&1 || sudo apt-get install -y -qq parallel > /dev/null 2>&1 || true
fi
have_parallel=$(command -v parallel > /dev/null && echo 1 || true)
[ -n "$have_parallel" ] || echo "each.sh: GNU parallel not found (bench/each.sh --install-peers installs it): skipping its row" >&2

load=$(cut -d' ' -f1-3 /proc/loadavg)
cd "$work"
mkdir files
for ((i = 0; i < files; i++)); do printf 'run %d\n%d,%d\n' "$i" "$i" $((i * 7)) > "files/f$(printf %04d "$i").csv"; done
printf '#!/bin/sh\nsleep 0.01\ncksum "$1"\n' > job.sh
chmod +x job.sh
printf '%s\n' files/*.csv > names.txt
for f in files/*.csv; do ./job.sh "$f"; done > expected.txt
sort expected.txt > expected.sorted

run_fanout() { reader --lines - < names.txt | own_cpu own.fanout fanout -n "$jobs" --each ./job.sh {} | writer -f lines; }
run_parallel() { own_cpu own.parallel parallel -k -j"$jobs" ./job.sh < names.txt; }
run_xargs() { own_cpu own.xargs xargs -d '\n' -n 1 -P "$jobs" ./job.sh < names.txt; }

measure() { # name -> its wall and CPU seconds appended, its output checked
  measured "$1"
  if [ "$1" = xargs ]; then
    sort "out.$1" | cmp -s - expected.sorted || { echo "each.sh: wrong output from $1" >&2; exit 1; }
  else
    cmp -s "out.$1" expected.txt || { echo "each.sh: wrong output from $1" >&2; exit 1; }
  fi
}

tools=(fanout xargs)
[ -z "$have_parallel" ] || tools=(fanout parallel xargs)
for ((i = 1; i <= runs; i++)); do
  for tool in "${tools[@]}"; do measure "$tool"; done
done

base=$(median < wall.fanout)
echo "$files files, a ~10 ms command per file, $jobs at a time; median of $runs interleaved runs; nproc $(nproc); load average before: $load"
echo
echo "| command | wall (s) | vs fanout --each | CPU, all processes (s) | CPU, its own process (s) | output |"
echo "|---|---|---|---|---|---|"
for tool in "${tools[@]}"; do
  t=$(median < "wall.$tool")
  ratio=$(ratio "$t" "$base")
  case $tool in
    fanout) label="\`reader --lines - \\| fanout -n $jobs --each job.sh {} \\| writer -f lines\`"; order="in order, = serial loop" ;;
    parallel) label="\`parallel -k -j$jobs job.sh\`"; order="in order, = serial loop" ;;
    xargs) label="\`xargs -d '\\n' -n 1 -P$jobs job.sh\`"; order="unordered (= serial loop sorted)" ;;
  esac
  echo "| $label | $t | $ratio | $(median < "cpu.$tool") | $(median < "own.$tool") | $order |"
done
