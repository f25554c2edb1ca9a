#!/usr/bin/env bash
# A line filter in parallel: `fanout --lines -n 2 awk` against GNU `parallel --pipe -k -j2 awk` and
# one awk alone, on LINES lines of text (default 1000000), run interleaved RUNS times (default 5):
# the median wall time of each, the median CPU time (user+sys) of all its processes, and of its own
# process alone (fanout's JVM, not the reader and writer around it nor its awks; parallel's perl),
# which python3 reads (bench/lib.sh own_cpu).
#   bench/lines.sh [RUNS] [LINES] [--install-peers]
# The awk program looks at one line at a time (its fields, no NR), so every command's output must
# equal the single awk's byte for byte, and is checked. Prints a markdown table with ratios to
# fanout's time and nproc; writes no file (record figures from a quiet machine).
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
lines=${args[1]:-1000000}
jobs=2
program='{ n = 0; for (i = 1; i <= NF; i++) n += length($i); print NF, n, toupper($1) }'
PATH=$root/bin:$PATH
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
. "$root/bench/lib.sh"

if ! command -v parallel > /dev/null && [ -n "$install" ]; then
  (apt-get update -qq && apt-get install -y -qq parallel) > /dev/null 2>&1 || sudo apt-get install -y -qq parallel > /dev/null 2>&1 || true
fi
have_parallel=$(command -v parallel > /dev/null && parallel --version 2> /dev/null | grep -q 'GNU parallel' && echo 1 || true)
[ -n "$have_parallel" ] || echo "lines.sh: GNU parallel not found (bench/lines.sh --install-peers installs it): skipping its row" >&2
reader --version > /dev/null # fails here, with the launcher's message, if the tools are not built

load=$(cut -d' ' -f1-3 /proc/loadavg)
cd "$work"
awk -v n="$lines" 'BEGIN { srand(14); for (i = 0; i < n; i++) { printf "line %d", i; for (w = int(rand() * 8); w > 0; w--) printf " w%d", int(rand() * 100000); print "" } }' > input.txt
awk "$program" input.txt > expected.txt

run_awk() { awk "$program" input.txt; }
run_fanout() { reader --lines input.txt | own_cpu own.fanout fanout --lines -n "$jobs" awk "$program" | writer -f lines; }
run_parallel() { own_cpu own.parallel parallel --pipe -k -j"$jobs" awk "'$program'" < input.txt; }

measure() { # name -> its wall and CPU seconds appended, its output checked
  measured "$1"
  cmp -s "out.$1" expected.txt || { echo "lines.sh: wrong output from $1" >&2; exit 1; }
}

tools=(fanout awk)
[ -z "$have_parallel" ] || tools=(fanout parallel awk)
for ((i = 1; i <= runs; i++)); do
  for tool in "${tools[@]}"; do measure "$tool"; done
done

base=$(median < wall.fanout)
echo "$lines lines, awk '$program', $jobs workers; median of $runs interleaved runs; nproc $(nproc); load average before: $load"
echo
echo "| command | wall (s) | vs fanout --lines | CPU, all processes (s) | CPU, its own process (s) |"
echo "|---|---|---|---|---|"
for tool in "${tools[@]}"; do
  t=$(median < "wall.$tool")
  ratio=$(ratio "$t" "$base")
  own=-
  case $tool in
    fanout) label="\`reader --lines \\| fanout --lines -n $jobs awk \\| writer -f lines\`"; own=$(median < own.fanout) ;;
    parallel) label="\`parallel --pipe -k -j$jobs awk\`"; own=$(median < own.parallel) ;;
    awk) label="one \`awk\`" ;;
  esac
  echo "| $label | $t | $ratio | $(median < "cpu.$tool") | $own |"
done
