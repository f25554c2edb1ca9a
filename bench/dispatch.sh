#!/usr/bin/env bash
# How fanout deals, side by side: the default batch size (each worker's own, adaptive) against a fixed
# -b, and round-robin against ready dispatch, on three jobs, each variant run interleaved with the
# others, median of RUNS:
#   1. the canonical job, reader F | fanout -n 2 summer | writer on ROWS rows of 10 integers;
#   2. a skewed workload (examples/python/skewed.py: one 50-record cluster in ten costs 100x the
#      others) on SKEWED rows, fanout -n $(nproc);
#   3. the many-file job, printf '%s\n' runs/*.csv | reader --lines - | fanout -n 8 runstats on 900
#      small files: wall time, and each worker's share as fanout --progress counts it;
#   4. records that cost 10 ms each, waiting rather than computing (a Python worker that sleeps, as
#      one waiting on I/O would, so the figure does not hang on how busy the cores are): 900 of them
#      to 8 workers, and 60 to $(nproc), the two lists of the issue.
# Every output is checked against the serial pipeline's.
#   bench/dispatch.sh [ROWS] [RUNS] [SKEWED]      (defaults 1000000 rows, 5 runs, 20000 skewed rows)
# Prints a markdown report and writes it to bench/results/dispatch.md.
set -euo pipefail
root=$(cd "$(dirname -- "$0")/.." && pwd)
rows=${1:-1000000}
runs=${2:-5}
skewed=${3:-20000}
files=900
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
. "$root/bench/lib.sh"
PATH=$root/bin:$PATH
cd "$work"

timed() { # KEY INPUT EXPECTED COMMAND: runs COMMAND < INPUT once, appends wall and CPU seconds to KEY's lists
  local key=$1 input=$2 expected=$3 command=$4 start end
  times > before
  start=$(date +%s.%N)
  bash -c "set -o pipefail; $command" < "$input" > out 2> err || { say "$command failed: $(cat err)"; exit 1; }
  end=$(date +%s.%N)
  times > after
  cmp -s out "$expected" || { say "wrong output from: $command"; exit 1; }
  awk -v a="$start" -v b="$end" 'BEGIN { printf "%.3f\n", b - a }' >> "$key.wall"
  awk -v a="$(children_cpu before)" -v b="$(children_cpu after)" 'BEGIN { printf "%.3f\n", b - a }' >> "$key.cpu"
}

row() { # LABEL KEY BASE: a table row of KEY's medians, and its wall time over BASE's
  local wall cpu base
  wall=$(median < "$2.wall")
  cpu=$(median < "$2.cpu")
  base=$(median < "$3.wall")
  echo "| $1 | $wall | $(ratio "$wall" "$base") | $cpu | $(tr '\n' ' ' < "$2.wall")|"
}

table() { # JOB: the table of the variants named in JOB.variants (label|key lines), the first the base
  local base
  echo "| variant | median wall (s) | vs first | median CPU (s) | all runs, wall (s) |"
  echo "|---|---|---|---|---|"
  base=$(head -1 "$1.variants" | cut -d'|' -f2)
  while IFS='|' read -r label key; do row "$label" "$key" "$base"; done < "$1.variants"
}

run_job() { # JOB INPUT EXPECTED: runs each variant of JOB (JOB.variants, JOB.commands) RUNS times, interleaved
  local i key
  for ((i = 1; i <= runs; i++)); do
    while IFS='|' read -r key command; do timed "$key" "$2" "$3" "$command"; done < "$1.commands"
  done
}

load=$(cut -d' ' -f1-3 /proc/loadavg)
say "canonical job: $rows rows"
gencsv "$rows" 10 1 > rows.csv
reader rows.csv | summer | writer > canonical.expected
cat > canonical.commands <<'EOF'
c_default|reader rows.csv | fanout -n 2 summer | writer
c_b256|reader rows.csv | fanout -n 2 -b 256 summer | writer
c_ready|reader rows.csv | fanout -n 2 --dispatch ready summer | writer
c_b256ready|reader rows.csv | fanout -n 2 -b 256 --dispatch ready summer | writer
EOF
cat > canonical.variants <<'EOF'
default batch, round-robin|c_default
-b 256, round-robin|c_b256
default batch, ready|c_ready
-b 256, ready|c_b256ready
EOF
run_job canonical /dev/null canonical.expected

say "skewed workload: $skewed rows"
gencsv "$skewed" 10 5 > skewed.csv
reader skewed.csv > skewed.rec
reader skewed.csv | summer | writer > skewed.expected
skew="python3 $root/examples/python/skewed.py"
cat > skewed.commands <<EOF
s_default|fanout -n $(nproc) $skew | writer
s_ready|fanout -n $(nproc) --dispatch ready $skew | writer
s_b50|fanout -n $(nproc) -b 50 $skew | writer
s_b50ready|fanout -n $(nproc) -b 50 --dispatch ready $skew | writer
EOF
cat > skewed.variants <<'EOF'
default batch, round-robin|s_default
default batch, ready|s_ready
-b 50, round-robin|s_b50
-b 50, ready|s_b50ready
EOF
run_job skewed skewed.rec skewed.expected

say "many-file job: $files files"
mkdir runs
for ((i = 1; i <= files; i++)); do
  printf 'time_s,signal_mV\n0.0,%d\n0.5,%d\n1.0,%d\n' "$i" $((i % 7)) $((i % 13)) > "runs/run-$(printf %04d "$i").csv"
done
printf '%s\n' runs/*.csv > files.txt
reader --lines files.txt | runstats | writer > files.expected
cat > files.commands <<'EOF'
f_default|reader --lines - | fanout -n 8 --progress runstats | writer
f_ready|reader --lines - | fanout -n 8 --progress --dispatch ready runstats | writer
f_b256|reader --lines - | fanout -n 8 --progress -b 256 runstats | writer
EOF
cat > files.variants <<'EOF'
default batch, round-robin|f_default
default batch, ready|f_ready
-b 256, round-robin|f_b256
EOF
: > files.shares
for ((i = 1; i <= runs; i++)); do
  while IFS='|' read -r key command; do
    timed "$key" files.txt files.expected "$command"
    [ "$i" -eq 1 ] && echo "$key|$(sed -n 's/.*answered per worker: //p' err)" >> files.shares
  done < files.commands
done
shares() { sed -n "s/^$1|//p" files.shares; }

say "records that cost 10 ms"
cat > sleepy.py <<EOF
import sys, time
sys.path.insert(0, "$root/examples/python")
import recpipe
out = sys.stdout.buffer
for seq, value in recpipe.Reader(sys.stdin.buffer):
    time.sleep(0.01)
    out.write(recpipe.encode_record(seq, value))
out.flush()
EOF
head -60 files.txt > files60.txt
reader --lines files.txt | writer > sleepy.expected
reader --lines files60.txt | writer > sleepy60.expected
cat > sleepy.commands <<'EOF'
z_default|reader --lines - | fanout -n 8 python3 sleepy.py | writer
z_ready|reader --lines - | fanout -n 8 --dispatch ready python3 sleepy.py | writer
z_b256|reader --lines - | fanout -n 8 -b 256 python3 sleepy.py | writer
z_b256ready|reader --lines - | fanout -n 8 -b 256 --dispatch ready python3 sleepy.py | writer
EOF
cat > sleepy.variants <<'EOF'
default batch, round-robin|z_default
default batch, ready|z_ready
-b 256, round-robin|z_b256
-b 256, ready|z_b256ready
EOF
run_job sleepy files.txt sleepy.expected
sed -e 's/^z_/y_/' -e "s/-n 8/-n $(nproc)/" sleepy.commands > sleepy60.commands
sed -e 's/|z_/|y_/' sleepy.variants > sleepy60.variants
run_job sleepy60 files60.txt sleepy60.expected

mkdir -p "$root/bench/results"
{
  echo "## How fanout deals: the default batch size against -b, round-robin against ready"
  echo
  echo "$(date -u +%Y-%m-%d), $(nproc) cores, load average $load at the start; recpipe at $(git -C "$root" rev-parse --short HEAD)."
  echo "The machine was shared with other sessions' builds and tests while this ran: the figures are noisy,"
  echo "read the CPU columns and the ratios, not the last digit. Median of $runs interleaved runs;"
  echo "every output checked against the serial pipeline's. \`bench/dispatch.sh $rows $runs $skewed\` made this file."
  echo
  echo "### The canonical job: reader F | fanout -n 2 summer | writer, $rows rows of 10 integers"
  echo
  table canonical
  echo
  echo "### A skewed workload: $skewed records, fanout -n $(nproc) python3 examples/python/skewed.py"
  echo
  echo "One 50-record cluster in ten costs 100x the others (20 µs a unit)."
  echo
  table skewed
  echo
  echo "### The many-file job: $files files, reader --lines - | fanout -n 8 runstats"
  echo
  table files
  echo
  echo "Records answered per worker (fanout --progress), first run:"
  echo
  echo "| variant | per worker |"
  echo "|---|---|"
  while IFS='|' read -r label key; do echo "| $label | $(shares "$key") |"; done < files.variants
  echo
  echo "### Records that cost 10 ms each: 900 to fanout -n 8, 60 to fanout -n $(nproc)"
  echo
  echo "A Python worker that sleeps 10 ms a record (bench/dispatch.sh writes it), as one waiting on I/O"
  echo "would: the time is about the largest share times 10 ms, however busy the cores are. At best,"
  echo "900 records take 113 x 10 ms and 60 take $(((60 + $(nproc) - 1) / $(nproc))) x 10 ms, plus the workers' start."
  echo
  echo "900 records, -n 8:"
  echo
  table sleepy
  echo
  echo "60 records, -n $(nproc):"
  echo
  table sleepy60
} | tee "$root/bench/results/dispatch.md"
