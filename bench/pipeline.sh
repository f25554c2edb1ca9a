#!/usr/bin/env bash
# Whole pipelines side by side. The canonical job (index,sum of each CSV row): recpipe serial and
# under fanout, against one mawk process, GNU parallel with mawk (--pipepart, and --pipe
# --keep-order), Python's multiprocessing.Pool.imap and a one-loop Java floor; then the CPU-heavy
# example stage (heavy, 0.1-1 ms a record) serial against fanout; then what one fanout worker costs
# (summer on its share of the job at -n 8, and summer's start-up) against a hello-world JVM; last
# the machine's own ceiling for heavy: N heavy processes at once on N parts split beforehand, with no
# reader, fanout or writer, which no tool that runs N processes can beat.
# Runs are interleaved (each repetition runs every command once, in turn) and figures are medians,
# of wall time and of CPU time (user+sys of every process of the command). Every output is checked
# byte for byte: the canonical job's against awk's, the others' against their first run. Peak RSS
# of each recpipe stage comes from one more, untimed run. A last table checks issue 12's targets.
#   bench/pipeline.sh [--install-peers] [ROWS] [RUNS] [HEAVY_ROWS]   (defaults 1000000 5 20000)
# A peer that is not installed is skipped with a message; --install-peers installs GNU parallel and
# mawk first (apt-get). Progress goes to stderr; the markdown tables go to stdout and to
# bench/results/pipeline.md, the chart to bench/results/pipeline.png.
set -euo pipefail
root=$(cd "$(dirname -- "$0")/.." && pwd)
install_peers=false
if [ "${1:-}" = --install-peers ]; then install_peers=true; shift; fi
rows=${1:-1000000}
runs=${2:-5}
heavy_rows=${3:-20000}
cores=$(nproc)
java=${JAVA_HOME:+$JAVA_HOME/bin/}java
chunksize=5000 # Pool.imap's: 2000 was 18% slower, 5000 to 20000 alike (bench/README.md)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
. "$root/bench/lib.sh"
archives_fresh "$root" || exit 1
PATH=$root/bin:$PATH
results=$root/bench/results
csv=$work/rows.csv
heavy_csv=$work/heavy.csv
awk_program='{s=0;for(i=1;i<=NF;i++)s+=$i;print NR-1","s}'
awk_block_sum='{s=0;for(i=1;i<=NF;i++)s+=$i;print s}' # a worker's NR restarts with each block

calc() { # FORMAT EXPRESSION [NAME=VALUE...] -> the expression, printed with FORMAT
  local format=$1 expression=$2
  shift 2
  awk "$@" "BEGIN { printf \"$format\", $expression }"
}

# --- peers: which are here ---------------------------------------------------------------------

if ! is_gnu_parallel && $install_peers; then install_peer parallel; fi
if ! command -v mawk > /dev/null && $install_peers; then install_peer mawk; fi
have_parallel=false
if is_gnu_parallel; then
  have_parallel=true
else
  say "skipping GNU parallel: not installed (bench/pipeline.sh --install-peers installs it)"
fi
have_mawk=false
if command -v mawk > /dev/null; then
  have_mawk=true
else
  say "skipping mawk: not installed (bench/pipeline.sh --install-peers installs it)"
fi
block_awk=awk # the awk GNU parallel runs: mawk, the fastest here, where it is installed
if $have_mawk; then block_awk=mawk; fi

python=$(python3 -c 'import multiprocessing, sys; print(sys.executable)' 2> /dev/null) || python=
[ -n "$python" ] || say "skipping Python Pool.imap: no python3 with multiprocessing"

if [ ! -x /usr/bin/time ]; then
  say "/usr/bin/time is missing, and peak RSS needs it: apt-get install -y time"
  apt-get install -y time >&2 || say "could not install GNU time: no RSS figures"
fi

awk_name=$(basename -- "$(readlink -f -- "$(command -v awk)")")
worker_rows=$((rows / 8)) # one worker's share at fanout -n 8
reader --version > /dev/null # fails here, with the launcher's message, if the tools are not built

# --- data --------------------------------------------------------------------------------------

say "generating $rows rows (gencsv $rows 10 1), $heavy_rows for heavy, $worker_rows records for one worker's share, and awk's reference output"
gencsv "$rows" 10 1 > "$csv"
gencsv "$heavy_rows" 10 2 > "$heavy_csv"
gencsv "$worker_rows" 10 3 | reader > "$work/share.rec"
reader "$heavy_csv" > "$work/heavy.rec"
split_parts() { # N: heavy's CSV in N parts of whole lines, each made into records numbered on from the last
  local n=$1 part first=0
  mkdir -p "$work/parts$n"
  split -n "l/$n" -d -a 2 "$heavy_csv" "$work/parts$n/p"
  for part in "$work/parts$n"/p??; do
    reader --first-seq "$first" "$part" > "$part.rec"
    first=$((first + $(wc -l < "$part")))
  done
}
awk -F, "$awk_program" "$csv" > "$work/expected.csv"
csv_bytes=$(stat -c %s "$csv")
summer_gc=$(launcher_gc summer)
mkdir -p "$work/floor" "$work/hello"
javac -d "$work/floor" "$root/bench/peers/Floor.java"
javac -d "$work/hello" "$root/bench/peers/Hello.java"

# --- the commands ------------------------------------------------------------------------------

run_serial() { reader "$csv" | summer | writer; }
run_fanout() { reader "$csv" | fanout -n "$1" summer | writer; }
run_parallel() {
  parallel --will-cite --pipe --keep-order -j"$cores" --block 4M "$block_awk -F, '$awk_block_sum'" < "$csv" \
    | "$block_awk" '{print NR-1","$0}'
}
run_pipepart() { # the file split in place into one block per job, read by each job itself
  parallel --will-cite --pipepart -a "$csv" --keep-order -j"$cores" --block -1 "$block_awk -F, '$awk_block_sum'" \
    | "$block_awk" '{print NR-1","$0}'
}
run_awk() { awk -F, "$awk_program" "$csv"; }
run_mawk() { mawk -F, "$awk_program" "$csv"; }
run_python() { "$python" "$root/bench/peers/pool_imap.py" "$csv" "$chunksize"; }
run_floor() { "$java" $summer_gc -cp "$work/floor" Floor "$csv"; }
run_heavy() { reader "$heavy_csv" | heavy | writer; }
run_heavy_fanout() { reader "$heavy_csv" | fanout -n "$1" heavy | writer; }
run_heavy_alone() { heavy < "$work/heavy.rec"; }
run_heavy_split() { # N: N heavy processes at once, one on each part; their outputs one after another
  local n=$1 part pids=() pid
  for part in "$work/parts$n"/p??.rec; do
    heavy < "$part" > "$part.out" &
    pids+=($!)
  done
  for pid in "${pids[@]}"; do wait "$pid"; done
  cat "$work/parts$n"/p??.rec.out
}
# summer's JVM options from bin/recpipe but its archive: its collector, memory and JIT (C1 alone). With
# them a hello-world is cheaper than with java's defaults (31 against 36 ms of CPU on JDK 17): the
# strictest baseline for a worker's cost.
run_hello() { "$java" $summer_gc -XX:-UsePerfData -Xms16m -Xmx256m -Xss1m -XX:TieredStopAtLevel=1 -XX:-BackgroundCompilation -cp "$work/hello" Hello; }
run_summer_null() { summer < /dev/null; }
run_summer_share() { summer < "$work/share.rec"; }

keys=() labels=() kinds=() calls=() shown=()
add() { # KEY LABEL KIND CALL SHOWN: one command of the canonical job
  keys+=("$1") labels+=("$2") kinds+=("$3") calls+=("$4") shown+=("$5")
}
widths=$(printf '%s\n' 1 2 "$cores" 8 | sort -nu)
add serial "recpipe serial" recpipe run_serial 'reader F | summer | writer'
for n in $widths; do
  add "fanout$n" "recpipe fanout -n $n" recpipe "run_fanout $n" "reader F | fanout -n $n summer | writer"
done
if $have_parallel; then
  add pipepart "GNU parallel --pipepart -j$cores + $block_awk" peer run_pipepart \
    "parallel --pipepart -a F --keep-order -j$cores --block -1 \"$block_awk -F, '$awk_block_sum'\" | $block_awk '{print NR-1\",\"\$0}'"
  add parallel "GNU parallel --pipe -j$cores + $block_awk" peer run_parallel \
    "parallel --pipe --keep-order -j$cores --block 4M \"$block_awk -F, '$awk_block_sum'\" < F | $block_awk '{print NR-1\",\"\$0}'"
fi
if $have_mawk; then add mawk "mawk, 1 process" peer run_mawk "mawk -F, '$awk_program' F"; fi
if [ "$awk_name" != mawk ] || ! $have_mawk; then # awk is another awk: it too
  add awk "awk ($awk_name), 1 process" peer run_awk "awk -F, '$awk_program' F"
fi
if [ -n "$python" ]; then
  add python "Python Pool.imap, $cores procs" peer run_python \
    "python3 bench/peers/pool_imap.py F $chunksize   (Pool() of $cores processes, imap chunksize $chunksize)"
fi
add floor "Java floor, 1 thread" peer run_floor "java GC -cp CLASSES Floor F   (bench/peers/Floor.java, compiled once; GC: summer's collector)"

worker_keys=(hello summer_null summer_share)
worker_labels=("hello-world JVM" "summer < /dev/null (start-up)" "summer, $worker_rows records (one worker's share at -n 8)")
worker_calls=(run_hello run_summer_null run_summer_share)
worker_shown=("java FLAGS -cp CLASSES Hello   (bench/peers/Hello.java; FLAGS: summer's from bin/recpipe but its archive)"
  "summer < /dev/null" "summer < R   (R: gencsv $worker_rows 10 3 | reader)")

heavy_keys=(heavy_serial) heavy_labels=("heavy serial") heavy_calls=(run_heavy) heavy_widths=(1)
for n in $(printf '%s\n' 1 2 "$cores" $((2 * cores)) 8 | sort -nu); do
  heavy_keys+=("heavy$n") heavy_labels+=("heavy under fanout -n $n") heavy_calls+=("run_heavy_fanout $n")
  heavy_widths+=("$n")
done

ceiling_keys=(heavy_alone) ceiling_labels=("heavy, 1 process") ceiling_calls=(run_heavy_alone) ceiling_widths=(1)
for n in $(printf '%s\n' "$cores" 8 | sort -nu); do
  split_parts "$n"
  ceiling_keys+=("split$n") ceiling_labels+=("$n heavy processes on $n parts") ceiling_calls+=("run_heavy_split $n")
  ceiling_widths+=("$n")
done

# --- timed runs --------------------------------------------------------------------------------

wall() { # KEY CALL EXPECTED: runs CALL once, checks its output, appends its wall and CPU seconds to KEY's lists
  local key=$1 call=$2 expected=$3 start end
  times > "$work/cpu.before" # `times` in this shell, not in $(...): CALL's processes are its children
  start=$(date +%s.%N)
  $call > "$work/out" 2> "$work/err" || {
    say "$call failed:"
    cat "$work/err" >&2
    exit 1
  }
  end=$(date +%s.%N)
  times > "$work/cpu.after"
  calc "%.3f\n" "b - a" -v a="$(children_cpu "$work/cpu.before")" -v b="$(children_cpu "$work/cpu.after")" \
    >> "$work/$key.cpu"
  [ -f "$expected" ] || cp "$work/out" "$expected"
  if ! cmp -s "$work/out" "$expected"; then
    say "wrong output from $call: $(cmp "$work/out" "$expected" 2>&1 | head -1)"
    exit 1
  fi
  [ -s "$work/err" ] && say "$call wrote on stderr: $(head -c 300 "$work/err")"
  calc "%.3f\n" "b - a" -v a="$start" -v b="$end" >> "$work/$key.times"
}

cpu_busy() { # -> percent of all CPU time not idle over the next second, from /proc/stat
  local a b
  a=$(head -1 /proc/stat)
  sleep 1
  b=$(head -1 /proc/stat)
  printf '%s\n%s\n' "$a" "$b" | awk '{idle[NR] = $5 + $6; total[NR] = 0; for (i = 2; i <= NF; i++) total[NR] += $i}
    END {printf "%.0f", 100 * (1 - (idle[2] - idle[1]) / (total[2] - total[1]))}'
}

mark() { # NAME: notes the clock, the machine's busy CPU seconds and those of our finished children
  date +%s.%N > "$work/$1.clock"
  head -1 /proc/stat | awk -v hz="$(getconf CLK_TCK)" \
    '{t = 0; for (i = 2; i <= NF; i++) if (i != 5 && i != 6) t += $i; print t / hz}' > "$work/$1.busy"
  times > "$work/$1.rusage" # a builtin with a redirection: this shell's times, not a subshell's
  children_cpu "$work/$1.rusage" > "$work/$1.ours"
} # so call it in this shell, never in $(...) or a pipeline

others_between() { # MARK MARK -> percent of the CPUs that processes not ours took between the marks
  calc "%.0f" "100 * ((b - b0) - (o - o0)) / ((t - t0) * c)" -v c="$cores" \
    -v t0="$(cat "$work/$1.clock")" -v b0="$(cat "$work/$1.busy")" -v o0="$(cat "$work/$1.ours")" \
    -v t="$(cat "$work/$2.clock")" -v b="$(cat "$work/$2.busy")" -v o="$(cat "$work/$2.ours")"
}

warn_if_shared() { # PERCENT WHAT
  [ "$1" -le 5 ] || say "other processes took $1% of the CPUs during $2: its figures are noisy"
}

busy=$(cpu_busy)
[ "$busy" -le 10 ] || say "the machine is busy ($busy% of its CPU time over a second): figures will be noisy"
# GROUP WHAT KEYS CALLS EXPECTED: RUNS interleaved runs of a group of commands, KEYS and CALLS naming
# arrays of their keys and calls, each output checked against EXPECTED (KEY in it: the command's key);
# sets others_GROUP, the share of the CPUs other processes took meanwhile
time_group() {
  local group=$1 what=$2 expected=$5 run i key
  local -n group_keys=$3 group_calls=$4
  mark "$group"
  say "$what: ${#group_keys[@]} commands, $runs interleaved runs"
  for ((run = 1; run <= runs; run++)); do
    for i in "${!group_keys[@]}"; do wall "${group_keys[$i]}" "${group_calls[$i]}" "${expected//KEY/${group_keys[$i]}}"; done
    say "run $run: $(for key in "${group_keys[@]}"; do
      printf '%s %ss (cpu %ss)  ' "$key" "$(tail -1 "$work/$key.times")" "$(tail -1 "$work/$key.cpu")"
    done)"
  done
  mark "$group-end"
  local others
  others=$(others_between "$group" "$group-end")
  printf -v "others_$group" '%s' "$others"
  warn_if_shared "$others" "$what"
}

time_group canonical "the canonical job" keys calls "$work/expected.csv"
time_group heavy heavy heavy_keys heavy_calls "$work/heavy.expected"
time_group worker "one worker's cost" worker_keys worker_calls "$work/KEY.expected"
time_group ceiling "the machine's ceiling for heavy" ceiling_keys ceiling_calls "$work/ceiling.expected"

# --- peak RSS: one more run of each recpipe command, untimed --------------------------------

# GNU time's %M is exact for a process with no children (reader, summer, writer, each worker). For
# fanout it would be the largest of fanout and its workers, so fanout's own peak is its VmHWM,
# sampled from /proc every 50 ms while it runs.
timed() { /usr/bin/time -f %M -o "$@"; }

last_vmhwm() { # PIDFILE -> the last VmHWM (KiB) of the process whose pid PIDFILE will hold within 10 s
  local pid line hwm= tries=1000
  until [ -s "$1" ]; do
    ((--tries > 0)) || return 0
    sleep 0.01
  done
  pid=$(cat "$1")
  while line=$(grep '^VmHWM:' "/proc/$pid/status" 2> /dev/null); do
    hwm=${line//[!0-9]/}
    sleep 0.05
  done
  echo "$hwm"
}

rss_serial() { timed "$1.reader" reader "$csv" | timed "$1.summer" summer | timed "$1.writer" writer; }

rss_fanout() { # PREFIX N
  timed "$1.reader" reader "$csv" \
    | sh -c 'echo $$ > "$0"; exec "$@"' "$1.pid" \
        fanout -n "$2" sh -c 'exec /usr/bin/time -f %M -o "$0.$RECPIPE_WORKER" summer' "$1.summer" \
    | timed "$1.writer" writer
}

kib() { tail -1 "$1"; } # GNU time puts a line about a failed command before the figure

mib() { calc "%.0f" "k / 1024" -v k="$1"; }

rss_rows=()
if [ -x /usr/bin/time ]; then
  say "peak RSS: one more run of each recpipe command"
  mkdir -p "$work/rss"
  rss_serial "$work/rss/serial" > "$work/out"
  cmp -s "$work/out" "$work/expected.csv" || { say "wrong output from the RSS run of recpipe serial"; exit 1; }
  r=$(kib "$work/rss/serial.reader") s=$(kib "$work/rss/serial.summer") w=$(kib "$work/rss/serial.writer")
  rss_rows+=("| recpipe serial | $(mib "$r") | | $(mib "$s") | $(mib "$w") | $(mib $((r + s + w))) |")
  for n in $widths; do
    prefix=$work/rss/fanout$n
    last_vmhwm "$prefix.pid" > "$prefix.fanout" &
    sampler=$!
    rss_fanout "$prefix" "$n" > "$work/out" || { kill "$sampler"; say "the RSS run of fanout -n $n failed"; exit 1; }
    wait "$sampler"
    cmp -s "$work/out" "$work/expected.csv" || { say "wrong output from the RSS run of fanout -n $n"; exit 1; }
    r=$(kib "$prefix.reader") f=$(kib "$prefix.fanout") w=$(kib "$prefix.writer")
    workers=$(for ((k = 1; k <= n; k++)); do kib "$prefix.summer.$k"; done)
    largest=$(sort -n <<< "$workers" | tail -1)
    all=$(awk -v t=$((r + f + w)) '{t += $1} END {print t}' <<< "$workers")
    rss_rows+=("| recpipe fanout -n $n | $(mib "$r") | $(mib "$f") | $(mib "$largest") (largest of $n) | $(mib "$w") | $(mib "$all") |")
  done
fi

# --- figures -----------------------------------------------------------------------------------

med() { median < "$work/$1.times"; }
cpu_med() { median < "$work/$1.cpu"; }
all_runs() { tr '\n' ' ' < "$work/$1.times" | sed 's/ $//'; }
ratio() { # SECONDS KEY -> SECONDS over KEY's median, or n/a
  if [ -f "$work/$2.times" ]; then calc "%.2fx" "a / b" -v a="$1" -v b="$(med "$2")"; else echo n/a; fi
}

faster() { # KEY KEY -> the one with the lower median wall, of those that ran
  if [ ! -f "$work/$2.times" ]; then echo "$1"; return; fi
  if [ -z "$1" ] || [ "$(calc "%d" "(a < b)" -v a="$(med "$2")" -v b="$(med "$1")")" = 1 ]; then echo "$2"; else echo "$1"; fi
}
# The targets' yardstick: one mawk process or GNU parallel --pipepart, whichever is faster; where
# neither ran, the fastest other peer that does the whole job (the floor does not)
fastest=
for key in mawk pipepart; do fastest=$(faster "$fastest" "$key"); done
if [ -z "$fastest" ]; then
  for key in awk parallel python; do fastest=$(faster "$fastest" "$key"); done
fi
label_of() { for i in "${!keys[@]}"; do [ "${keys[$i]}" != "$1" ] || echo "${labels[$i]}"; done; }

target_row() { # WHAT FIGURE TARGET MET: a row of the targets table; MET is 1 or 0
  echo "| $1 | $2 | $3 | $([ "$4" = 1 ] && echo yes || echo "**no**") |"
}

java_version=$("$java" -version 2>&1 | head -1)
tree=$(git -C "$root" describe --always --dirty 2> /dev/null) || tree="an unknown commit"
mkdir -p "$results"
: > "$work/walls.tsv"
: > "$work/speedups.tsv"
{
  echo "## Whole pipelines: the canonical job and a CPU-heavy stage"
  echo
  echo "$(date -u +%F), $cores cores, $java_version, $rows rows of 10 integers" \
    "($(calc "%.1f" "b / 1e6" -v b="$csv_bytes") MB of CSV, gencsv $rows 10 1), median of $runs interleaved runs," \
    "CPUs $busy% busy before the start; other processes took $others_canonical% of them during the" \
    "canonical job's runs, $others_heavy% during heavy's, $others_worker% during the worker's cost," \
    "$others_ceiling% during the ceiling's; recpipe at" \
    "$tree. \`bench/pipeline.sh\` made this file."
  echo
  echo "### The canonical job: index,sum of each row"
  echo
  echo "Every output is byte for byte awk's. \"vs\" columns: wall time over that command's (above 1 is slower);" \
    "the fastest peer here is ${fastest:+$(label_of "$fastest")}. CPU: user+sys seconds of all the command's processes;" \
    "over the number of cores it is the least wall time the command could take with every core busy all along."
  echo
  echo "| command | median wall (s) | median CPU (s) | CPU / $cores cores (s) | records/s | CSV MB/s | vs fastest peer | vs floor | all runs (s) |"
  echo "|---|---|---|---|---|---|---|---|---|"
  for i in "${!keys[@]}"; do
    key=${keys[$i]}
    m=$(med "$key")
    echo "| ${labels[$i]} | $m | $(cpu_med "$key") | $(calc "%.3f" "c / n" -v c="$(cpu_med "$key")" -v n="$cores") |" \
      "$(calc "%.0f" "r / m" -v r="$rows" -v m="$m") |" \
      "$(calc "%.1f" "b / 1e6 / m" -v b="$csv_bytes" -v m="$m") | $(ratio "$m" "$fastest") | $(ratio "$m" floor) | $(all_runs "$key") |"
    printf '%s\t%s\t%s\n' "${labels[$i]}" "$m" "${kinds[$i]}" >> "$work/walls.tsv"
  done
  echo
  echo "The commands (F is the CSV file):"
  echo
  for i in "${!keys[@]}"; do echo "- ${labels[$i]}: \`${shown[$i]}\`"; done
  if [ ${#rss_rows[@]} -gt 0 ]; then
    echo
    echo "### Peak RSS of each recpipe stage (MiB), from one more, untimed run"
    echo
    echo "GNU time's \`%M\` for reader, summer (each fanout worker apart) and writer; fanout's own VmHWM," \
      "sampled every 50 ms (its \`%M\` would count its largest worker). \"all stages\" adds every process."
    echo
    echo "| command | reader | fanout | summer | writer | all stages |"
    echo "|---|---|---|---|---|---|"
    printf '%s\n' "${rss_rows[@]}"
  fi
  echo
  echo "### heavy: $heavy_rows rows, 0.1-1 ms of CPU each"
  echo
  echo "\`reader F | heavy | writer\` against \`reader F | fanout -n N heavy | writer\`, on gencsv $heavy_rows 10 2." \
    "Speedup: serial median over this median. Efficiency: speedup over min(N, $cores cores)." \
    "Outputs are checked against the first serial run's. The machine's ceiling: \`heavy < R\` (R: heavy's" \
    "input as records) against N \`heavy < R_k\` at once on N parts of R made beforehand, the heavy work" \
    "alone with no reader, fanout or writer and nothing to order: no tool that runs N heavy processes on this" \
    "machine can do better. fanout's share: its speedup over the ceiling's."
  echo
  echo "| command | median wall (s) | speedup | efficiency | the machine's ceiling | fanout's share of it | all runs (s) |"
  echo "|---|---|---|---|---|---|---|"
  serial=$(med heavy_serial)
  for i in "${!heavy_keys[@]}"; do
    key=${heavy_keys[$i]}
    m=$(med "$key")
    n=${heavy_widths[$i]}
    ideal=$((n < cores ? n : cores))
    speedup=$(calc "%.2f" "s / m" -v s="$serial" -v m="$m")
    ceiling= share=
    if [ "$i" -gt 0 ] && [ -f "$work/split$n.times" ]; then
      ceiling=$(calc "%.2f" "a / m" -v a="$(med heavy_alone)" -v m="$(med "split$n")")
      share=$(calc "%.0f%%" "100 * x / c" -v x="$speedup" -v c="$ceiling")
      ceiling="${ceiling}x ($(med "split$n") s against $(med heavy_alone) s)"
    fi
    echo "| ${heavy_labels[$i]} | $m | ${speedup}x | $(calc "%.0f%%" "100 * x / i" -v x="$speedup" -v i="$ideal") | $ceiling | $share | $(all_runs "$key") |"
    printf '%s\t%s\trecpipe\t%s\n' "${heavy_labels[$i]}" "$speedup" "$ideal" >> "$work/speedups.tsv"
  done
  echo
  echo "### One worker's cost: CPU against a hello-world JVM"
  echo
  echo "A fanout worker is a JVM that starts, reads its share and exits, N times a run. CPU: user+sys" \
    "seconds, summer's through bin/summer as fanout starts it (the launcher's shell counted too)."
  echo
  echo "| command | median CPU (s) | vs hello-world | median wall (s) |"
  echo "|---|---|---|---|"
  hello=$(cpu_med hello)
  for i in "${!worker_keys[@]}"; do
    key=${worker_keys[$i]}
    echo "| ${worker_labels[$i]} | $(cpu_med "$key") | $(calc "%.2fx" "a / b" -v a="$(cpu_med "$key")" -v b="$hello") | $(med "$key") |"
  done
  echo
  for i in "${!worker_keys[@]}"; do echo "- ${worker_labels[$i]}: \`${worker_shown[$i]}\`"; done
  echo
  echo "### Issue 12's targets, in this run"
  echo
  echo "| target | figure | at most / at least | met |"
  echo "|---|---|---|---|"
  if [ -n "$fastest" ]; then
    x=$(calc "%.2f" "a / b" -v a="$(med fanout2)" -v b="$(med "$fastest")")
    target_row "\`fanout -n 2\` wall over the fastest peer's ($(label_of "$fastest"))" "${x}x" "at most 1.00x" \
      "$(calc "%d" "(x <= 1)" -v x="$x")"
  fi
  x=$(calc "%.2f" "a / b" -v a="$(med fanout8)" -v b="$(med fanout2)")
  target_row "\`fanout -n 8\` wall over \`fanout -n 2\`'s" "${x}x" "at most 1.15x" "$(calc "%d" "(x <= 1.15)" -v x="$x")"
  x=$(calc "%.2f" "a / b" -v a="$(cpu_med summer_share)" -v b="$hello")
  target_row "one worker's share, CPU over a hello-world JVM's" "${x}x" "at most 1.50x" "$(calc "%d" "(x <= 1.5)" -v x="$x")"
  x=$(calc "%.2f" "a / b" -v a="$(cpu_med summer_null)" -v b="$hello")
  target_row "\`summer < /dev/null\`, CPU over a hello-world JVM's" "${x}x" "at most 2.00x" "$(calc "%d" "(x <= 2)" -v x="$x")"
  for n in 2 8; do
    least=$([ "$n" = 2 ] && echo 1.9 || echo 1.8)
    x=$(calc "%.2f" "s / m" -v s="$serial" -v m="$(med "heavy$n")")
    target_row "heavy's speedup at \`-n $n\`" "${x}x" "at least ${least}x" "$(calc "%d" "(x >= l)" -v x="$x" -v l="$least")"
  done
  echo
  echo "What bounds them in this run:"
  echo
  echo "- \`fanout -n 2\` against the fastest peer: its CPU over $cores cores is" \
    "$(calc "%.3f" "c / n" -v c="$(cpu_med fanout2)" -v n="$cores") s, the least wall time it could take with both cores" \
    "busy all along; the peer took $( [ -n "$fastest" ] && med "$fastest" || echo n/a) s."
  x=$(calc "%.2f" "(f + (8 - 2) * w / c) / f" -v f="$(med fanout2)" -v w="$(cpu_med summer_null)" -v c="$cores")
  echo "- \`fanout -n 8\` against \`-n 2\`: six more workers, each a JVM start-up of $(cpu_med summer_null) s of CPU" \
    "(\`summer < /dev/null\`), add at least 6 × that over $cores cores to -n 2's wall on a busy machine: ${x}x" \
    "before any other cost."
  for n in 2 8; do
    [ -f "$work/split$n.times" ] || continue
    echo "- heavy at \`-n $n\`: the machine's ceiling is $(calc "%.2f" "a / m" -v a="$(med heavy_alone)" -v m="$(med "split$n")")x" \
      "($n heavy processes on $n parts, table above)."
  done
  echo
  echo "Not measured here: RSS flat over 10M rows (\`bench/soak.sh\`), 100 MB/s on 10M rows (\`bench/pipeline.sh 10000000\`)."
  echo
  echo "![Median wall times and heavy's speedups](pipeline.png)"
} > "$work/report.md"

"$java" -Djava.awt.headless=true "$root/bench/Chart.java" "$results/pipeline.png" \
  "The canonical job, $rows rows: median wall time (blue: recpipe, grey: the others)" s "$work/walls.tsv" \
  "heavy, $heavy_rows rows: speedup over serial (dashed: ideal, min(N, $cores cores))" x "$work/speedups.tsv"
tee "$results/pipeline.md" < "$work/report.md"
