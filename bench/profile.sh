#!/usr/bin/env bash
# Where the time of the canonical job goes: the CPU seconds of each recpipe process, alone and in
# the serial and fanout pipelines, set against the machine's cores; the JIT compilers' share; and
# the methods fanout spends its samples in (JFR). bench/pipeline.sh says how fast; this says why.
#   bench/profile.sh [ROWS] [RUNS]   (defaults 1000000 5)
# Progress goes to stderr; markdown to stdout and into bench/results/profile.md, in place of the part
# between its two markers (what is written by hand around them is kept).
set -euo pipefail
root=$(cd "$(dirname -- "$0")/.." && pwd)
rows=${1:-1000000}
runs=${2:-5}
cores=$(nproc)
jdk_bin=${JAVA_HOME:+$JAVA_HOME/bin/}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
PATH=$root/bin:$PATH
out=$root/bench/results/profile.md

say() { echo "profile.sh: $*" >&2; }
median() { sort -n | awk '{a[NR]=$1} END {printf "%.2f", (NR%2 ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2)}'; }

# Runs "$@" RUNS times under GNU time; prints the medians "cpu wall": cpu is user+sys of the
# command and every process it waited for, so a pipeline under bash -c counts all its stages.
measure() {
  local i
  for i in $(seq "$runs"); do
    /usr/bin/time -f '%U %S %e' -o "$work/time" "$@" > /dev/null
    awk '{printf "%.3f %.3f\n", $1 + $2, $3}' "$work/time"
  done > "$work/samples"
  printf '%s %s\n' "$(cut -d' ' -f1 "$work/samples" | median)" "$(cut -d' ' -f2 "$work/samples" | median)"
}

row() { # LABEL COMMAND...: a table row of CPU and wall
  local label=$1 cpu wall
  shift
  read -r cpu wall < <(measure "$@")
  say "$label: cpu $cpu s, wall $wall s"
  printf '| %s | %s | %s |\n' "$label" "$cpu" "$wall"
}

[ -x /usr/bin/time ] || { say "needs GNU time: apt-get install -y time"; exit 1; }
reader --version > /dev/null

say "generating $rows rows and their records"
gencsv "$rows" 10 1 > "$work/rows.csv"
reader "$work/rows.csv" > "$work/rows.cbor"
summer < "$work/rows.cbor" > "$work/sums.cbor"
mb=$(awk -v b="$(stat -c %s "$work/rows.csv")" 'BEGIN {printf "%.0f", b / 1e6}')

{
  echo "# Where the time goes: $rows rows ($mb MB of CSV)"
  echo
  echo "$(date -u +%Y-%m-%d), $cores cores, $("${jdk_bin}java" -version 2>&1 | head -1). Made by \`bench/profile.sh $rows $runs\`;"
  echo "medians of $runs runs. CPU is user+sys seconds of a command and every process it started."
  echo
  echo "## Each process alone, input from a file, output to /dev/null"
  echo
  echo "| command | CPU s | wall s |"
  echo "|---|---:|---:|"
  row 'summer < /dev/null (start-up)' sh -c 'summer < /dev/null'
  row 'fanout -n 1 cat < /dev/null (start-up)' sh -c 'fanout -n 1 cat < /dev/null'
  row 'reader rows.csv' reader "$work/rows.csv"
  row 'summer < records' sh -c "summer < '$work/rows.cbor'"
  row 'writer < sums' sh -c "writer < '$work/sums.cbor'"
  row 'fanout -n 2 cat < records (fanout alone)' sh -c "fanout -n 2 cat < '$work/rows.cbor'"
  row 'fanout -n 2 summer < records' sh -c "fanout -n 2 summer < '$work/rows.cbor'"
  echo
  echo "## The pipelines: all their CPU, against what $cores cores allow"
  echo
  echo "A pipeline's wall time can't be less than its CPU seconds divided by the cores."
  echo
  echo "| pipeline | CPU s | wall s | CPU / $cores cores |"
  echo "|---|---:|---:|---:|"
  for p in 'reader rows.csv | summer | writer' 'reader rows.csv | fanout -n 2 summer | writer'; do
    read -r cpu wall < <(measure bash -c "${p//rows.csv/$work/rows.csv}")
    say "$p: cpu $cpu s, wall $wall s"
    printf '| `%s` | %s | %s | %s |\n' "${p//|/\\|}" "$cpu" "$wall" "$(awk -v c="$cpu" -v n="$cores" 'BEGIN {printf "%.2f", c / n}')"
  done
  echo
  echo "## JIT compilation (-XX:+CITime), one run each"
  echo
  echo "| process | C1 s | C2 s |"
  echo "|---|---:|---:|"
  for p in "summer < '$work/rows.cbor'" "fanout -n 2 cat < '$work/rows.cbor'" "reader '$work/rows.csv'"; do
    RECPIPE_JAVA_OPTS='-XX:+UnlockDiagnosticVMOptions -XX:+DisplayVMOutputToStderr -XX:+CITime' \
      sh -c "$p" 2> "$work/citime" > /dev/null
    c1=$(awk '/C1 Compile Time:/ {print $4}' "$work/citime")
    c2=$(awk '/C2 Compile Time:/ {print $4}' "$work/citime")
    printf '| `%s` | %s | %s |\n' "$(echo "$p" | sed "s|'$work/||g; s|'||g")" "${c1:--}" "${c2:--}"
  done
  echo
  echo "## fanout's samples by method (JFR, fanout -n 2 cat < records)"
  echo
  RECPIPE_JAVA_OPTS="-XX:StartFlightRecording=filename=$work/fanout.jfr,settings=profile" \
    sh -c "fanout -n 2 cat < '$work/rows.cbor'" > /dev/null 2> "$work/jfr.log"
  "${jdk_bin}jfr" print --events jdk.ExecutionSample "$work/fanout.jfr" \
    | awk '/stackTrace = \[/ {getline; sub(/^[ \t]+/, ""); sub(/[ \t]+line:.*/, ""); print}' > "$work/frames"
  echo "The top frame of each of the Java threads' $(wc -l < "$work/frames") execution samples (every 10 ms"
  echo "or 20 ms); the JIT and GC threads are not sampled."
  echo
  echo "| samples | method |"
  echo "|---:|---|"
  sort "$work/frames" | uniq -c | sort -rn | head -15 \
    | awk '{c=$1; $1=""; sub(/^ /, ""); printf "| %d | `%s` |\n", c, $0}'
} | tee "$work/section.md"

# The file's own text before the begin marker and after the end marker stays; without the markers
# (a new file), the section is all of it.
begin='<!-- bench/profile.sh writes from here to the end marker; the rest of this file is kept -->'
end='<!-- bench/profile.sh: end -->'
if grep -qxF -- "$begin" "$out" 2> /dev/null && grep -qxF -- "$end" "$out"; then
  awk -v b="$begin" -v e="$end" -v s="$work/section.md" '
    $0 == b { print; while ((getline line < s) > 0) print line; skip = 1; next }
    $0 == e { skip = 0 }
    !skip' "$out" > "$work/profile.md"
else
  { echo "$begin"; cat "$work/section.md"; echo "$end"; } > "$work/profile.md"
fi
cp "$work/profile.md" "$out"
say "wrote $out"
