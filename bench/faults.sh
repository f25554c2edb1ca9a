#!/usr/bin/env bash
# What a user sees when things go wrong: the canonical job (index,sum of each CSV row, in order) run
# through recpipe and its peers (GNU parallel --pipe --keep-order, xargs -P on parts, Python's
# Pool.imap and ProcessPoolExecutor.map) in the same failure scenarios, and one markdown table of
# what each did: its exit status, the rows it wrote and whether they are the truth, what became of
# an old output file, its first line on stderr, the processes and files left 5 s after it returned,
# and how long it took to return. Nothing in the table is written by hand: every cell is observed.
#   bench/faults.sh [--install-peers] [ROWS] [LIMIT]   (defaults 20000 rows, 20 s)
# A run still going after LIMIT seconds is a hang: it is left as it is, looked at 5 s later like
# every other (what is left running), then killed. Each run is a session of its own (setsid): its
# own process group, with this script outside it as a shell is outside its foreground job, so a
# signal to "the whole pipeline" (scenario 5) is a signal to that group, as Ctrl-C sends one (GNU
# parallel puts each job in a group of its own, which such a signal misses, as it would at a
# terminal); what is left is every process of the session, whatever its group. Signals that this
# script was started with ignored are set back to their default for the run (env --default-signal).
# The truth is exact integer arithmetic (python3), not any peer's output.
# FAULTS_ONLY=REGEX runs only the scenarios whose title matches (e.g. '^[25]'), for trying one; the
# table then goes to stdout alone, not to bench/results/faults.md.
# A peer that is not installed is skipped with a message; --install-peers installs GNU parallel and
# mawk first (apt-get). Progress goes to stderr, the table to stdout and to bench/results/faults.md.
set -uo pipefail
root=$(cd "$(dirname -- "$0")/.." && pwd)
install_peers=false
if [ "${1:-}" = --install-peers ]; then install_peers=true; shift; fi
rows=${1:-20000}
limit=${2:-20}
cores=$(nproc)
act_at=1.0 # seconds after the start: when a worker is killed (2) or the group signalled (5)
linger=5   # seconds after a run returned: when what it left behind is looked at
chunk=5000 # Pool.imap's chunksize, as in bench/pipeline.sh
work=$(mktemp -d)
sessions=()
session_pids() { ps -eo pid=,sid= | awk -v sid="$1" '$2 == sid { print $1 }'; } # SID -> its processes
kill_session() { session_pids "$1" | xargs -r kill -KILL 2> /dev/null; }    # SID: every process of it
cleanup() {
  local sid
  for sid in "${sessions[@]}"; do kill_session "$sid"; done
  rm -rf "$work"
}
trap cleanup EXIT
trap 'exit 130' INT # so that the EXIT trap runs: a signal's default would end the script without it
trap 'exit 143' TERM
. "$root/bench/lib.sh"
archives_fresh "$root" || exit 1
PATH=$root/bin:$PATH
results=$root/bench/results

# --- peers: which are here ---------------------------------------------------------------------

if ! is_gnu_parallel && $install_peers; then install_peer parallel; fi
if ! command -v mawk > /dev/null && $install_peers; then install_peer mawk; fi
have_parallel=false
if is_gnu_parallel; then have_parallel=true; else say "skipping GNU parallel: not installed (--install-peers installs it)"; fi
awk_cmd=awk # the awk of the shell peers' workers: mawk, as in bench/pipeline.sh, where it is installed
if command -v mawk > /dev/null; then awk_cmd=mawk; else say "no mawk: the shell peers run awk"; fi
command -v python3 > /dev/null || { say "python3 is needed: it computes the truth"; exit 1; }
have_python=false
if python3 -c 'import multiprocessing, concurrent.futures' 2> /dev/null; then have_python=true; else say "skipping Python: no multiprocessing"; fi
reader --version > /dev/null || exit 1 # fails here, with the launcher's message, if the tools are not built

# --- data and the truth ------------------------------------------------------------------------

load_start=$(cut -d' ' -f1-3 /proc/loadavg)
data=$work/data
mkdir -p "$data" "$work/runs"
bad_row=$((rows / 2)) # the row (from 0) that is bad, or poison, in the inputs that have one
say "generating $rows rows (gencsv $rows 10 1) and the inputs made from them"
gencsv "$rows" 10 1 > "$data/good.csv"
plant() { # NAME TEXT: good.csv with row bad_row's line replaced by TEXT
  awk -v n=$((bad_row + 1)) -v text="$2" 'NR == n { print text; next } { print }' "$data/good.csv" > "$data/$1.csv"
}
plant letter '12,x,5'
plant blank '12,,5'
plant big '12,99999999999999999999,5'
awk -F, -v OFS=, -v n=$((bad_row + 1)) 'NR == n { $1 = -7 } { print }' "$data/good.csv" > "$data/poison.csv"
: > "$data/empty.csv"
head -c -1 "$data/good.csv" > "$data/nonl.csv"
truth() { # NAME: the exact index,sum of each row of NAME.csv, up to the first row that has no sum
  python3 - "$data/$1.csv" > "$data/$1.truth" << 'PY'
import sys
lines = open(sys.argv[1], "rb").read().split(b"\n")
if lines[-1] == b"":
    lines.pop()
out = sys.stdout
for index, line in enumerate(lines):
    try:
        total = sum(int(field) for field in line.split(b","))
    except ValueError:
        break
    out.write("%d,%d\n" % (index, total))
PY
}
for name in good letter blank big poison empty nonl; do
  truth "$name"
  awk 'END { print NR }' "$data/$name.csv" > "$data/$name.rows" # a last line with no line feed counts too
done
# The truth checked against the serial tools on the good input (a disagreement stops the script)
reader "$data/good.csv" | summer | writer | cmp -s - "$data/good.truth" || { say "recpipe serial disagrees with the truth"; exit 1; }
"$awk_cmd" -F, '{s=0;for(i=1;i<=NF;i++)s+=$i;print NR-1","s}' "$data/good.csv" | cmp -s - "$data/good.truth" \
  || { say "$awk_cmd disagrees with the truth"; exit 1; }

# --- the peers' commands -----------------------------------------------------------------------

# Each command runs with bash -c in a folder of its own, with these in its environment: F the input,
# N the cores, BLOCK GNU parallel's block, PROG the awk program, STAGE recpipe's Python stage,
# POOL and POOL_FAULTS the Python peers, CHUNK their chunksize, FAULT the fault, TMPDIR a folder
# of the run's own (where parallel, fanout and Python make their temporary files).
sum_prog='{s=0;for(i=1;i<=NF;i++)s+=$i;print s}' # a worker's NR restarts with each part: sums only
prog_for() { # VARIANT -> the awk program
  case $1 in
    plain) echo "$sum_prog" ;;
    exit) echo "\$1==-7{exit 3} $sum_prog" ;;
    slow) echo "\$1%50==0{system(\"sleep 0.01\")} $sum_prog" ;;
  esac
}
number="$awk_cmd '{print NR-1\",\"\$0}'"

peers=(recpipe_o recpipe_gt)
label_recpipe_o='recpipe, `writer -o out`'
label_recpipe_gt='recpipe, `writer > out`'
if $have_parallel; then
  peers+=(parallel parallel_halt)
  label_parallel='GNU parallel `--pipe -k`'
  label_parallel_halt='GNU parallel `--pipe -k --halt now,fail=1`, pipefail'
fi
peers+=(xargs)
label_xargs="xargs \`-P $cores\` on $cores parts"
if $have_python; then
  peers+=(imap executor)
  label_imap='Python `Pool.imap`'
  label_executor='Python `ProcessPoolExecutor.map`'
fi

command_for() { # PEER VARIANT SINK -> the command, or nothing where PEER has no such variant or sink
  local peer=$1 variant=$2 sink=$3 to worker
  case $sink in
    file) to='> out' ;;
    head) to='| head -1' ;;
    full) to='> /dev/full' ;;
  esac
  worker=summer
  [ "$variant" = plain ] || worker='python3 "$STAGE"'
  case $peer in
    recpipe_o)
      case $sink in
        file) echo "reader \"\$F\" | fanout -n \$N $worker | writer -o out" ;;
        *) echo "reader \"\$F\" | fanout -n \$N $worker | writer $to" ;;
      esac ;;
    recpipe_gt) [ "$sink" = file ] && echo "reader \"\$F\" | fanout -n \$N $worker | writer > out" ;;
    parallel | parallel_halt)
      [ "$variant" = raise ] && return
      local halt= pipefail=
      [ "$peer" = parallel_halt ] && halt=' --halt now,fail=1' pipefail='set -o pipefail; '
      echo "${pipefail}parallel$halt --pipe --keep-order -j\$N --block \$BLOCK '$awk_cmd -F, \"\$PROG\"' < \"\$F\" | $number $to" ;;
    xargs)
      [ "$variant" = raise ] && return
      echo "split -n l/\$N -d \"\$F\" part. && ls part.?? | xargs -P \$N -n 1 sh -c '$awk_cmd -F, \"\$PROG\" \"\$1\" > \"\$1.sum\"' sh && cat part.??.sum | $number $to && rm part.*" ;;
    imap)
      if [ "$variant" = plain ]; then echo "python3 \"\$POOL\" \"\$F\" \$CHUNK $to"; else echo "python3 \"\$POOL_FAULTS\" \"\$F\" \$CHUNK $to"; fi ;;
    executor) echo "python3 \"\$POOL_FAULTS\" --executor \"\$F\" \$CHUNK $to" ;;
  esac
}

worker_kind() { # PEER -> which of the run's processes are its workers, for find_worker
  case $1 in
    recpipe_*) echo stage ;;
    parallel* | xargs) echo awk ;;
    imap | executor) echo pool ;;
  esac
}

find_worker() { # SESSION KIND -> "PID NAME" of one worker process of the run's session, if any
  ps -eo pid=,ppid=,sid=,comm=,args= | awk -v sid="$1" -v kind="$2" -v awk_cmd="$awk_cmd" '
    $3 == sid {
      comm[$1] = $4; parent[$1] = $2
      args = $0; sub(/^ *[0-9]+ +[0-9]+ +[0-9]+ +[^ ]+ +/, "", args); line[$1] = args
    }
    END {
      for (pid in comm) {
        if (kind == "stage") ok = comm[pid] ~ /^python/ && line[pid] ~ /fault_stage\.py/
        if (kind == "awk") ok = comm[pid] == awk_cmd && line[pid] ~ / -F,/
        if (kind == "pool") ok = comm[pid] ~ /^python/ && line[pid] ~ /pool_imap/ && line[parent[pid]] ~ /pool_imap/
        if (ok) { print pid, comm[pid]; exit }
      }
    }'
}

elapsed() { # START -> seconds since START (date +%s.%N), to 2 decimals
  awk -v a="$1" -v b="$(date +%s.%N)" 'BEGIN { printf "%.2f", b - a }'
}

is_running() { # PID: a process that has not ended (a zombie has)
  local state
  state=$(sed 's/.*) //' "/proc/$1/stat" 2> /dev/null | cut -d' ' -f1)
  [ -n "$state" ] && [ "$state" != Z ]
}

act() { # ACTION GROUP KIND START NOTE: at act_at seconds, kill a worker or signal the group (the
  # note first: the run may end, and this be killed, as soon as the signal is sent)
  local action=$1 group=$2 kind=$3 start=$4 note=$5 found
  sleep "$act_at"
  case $action in
    kill)
      while :; do
        found=$(find_worker "$group" "$kind")
        if [ -n "$found" ]; then
          echo "SIGKILL to one worker, ${found#* }, at $(elapsed "$start") s" > "$note"
          kill -KILL "${found% *}" || echo "SIGKILL to a worker, ${found#* }, that had gone" > "$note"
          return
        fi
        sleep 0.1
      done ;;
    TERM | INT)
      if is_running "$group"; then
        echo "SIG$action to the group at $(elapsed "$start") s" > "$note"
        kill "-$action" -- "-$group"
      else
        echo "it had ended before the signal" > "$note"
      fi ;;
  esac
}

# --- one run -----------------------------------------------------------------------------------

# A run's findings go to $work/runs/K/ as files (status, wall, pipestatus, note, ...); the table
# is made from them at the end.
pending=() # runs whose leftovers are still to be looked at: "K GROUP END"
runs=0

run() { # SCENARIO PEER INPUT VARIANT SINK ACTION
  local scenario=$1 peer=$2 input=$3 variant=$4 sink=$5 action=$6 cmd k dir start group alarm actor=
  cmd=$(command_for "$peer" "$variant" "$sink") || return 0
  [ -n "$cmd" ] || return 0
  k=$((runs += 1))
  dir=$work/runs/$k
  mkdir -p "$dir/cwd/tmp"
  printf '%s\n' "$scenario" "$peer" "$input" "$sink" "$cmd" > "$dir/what"
  [ "$sink" = file ] && printf 'old,output\nof,an earlier run\n' > "$dir/cwd/out"
  ln -s "$data/$input.csv" "$dir/cwd/in.csv" # so that messages name in.csv, as a user's would
  local bytes block
  bytes=$(stat -c %s "$data/$input.csv")
  block=$((bytes / (4 * cores) + 1))
  [ "$block" -ge 4096 ] || block=4096
  say "run $k: $scenario: $peer: $cmd"
  start=$(date +%s.%N)
  (
    cd "$dir/cwd" || exit 1
    export F=in.csv N=$cores BLOCK=$block PROG STAGE=$root/bench/peers/fault_stage.py \
      POOL=$root/bench/peers/pool_imap.py POOL_FAULTS=$root/bench/peers/pool_imap_faults.py CHUNK=$chunk \
      FAULT= TMPDIR=$dir/cwd/tmp
    PROG=$(prog_for "$variant")
    [ "$variant" = plain ] || FAULT=$variant
    exec setsid env --default-signal bash -c "$cmd"$'\nrc=$? statuses="${PIPESTATUS[*]}"; echo "$statuses" > "$0"; exit $rc' \
      "$dir/pipestatus" < /dev/null > "$dir/stdout" 2> "$dir/stderr"
  ) &
  group=$! # the run's process group and session: setsid needs no fork here, as no job control
  # made the subshell a group leader
  sessions+=("$group")
  sleep "$limit" &
  alarm=$!
  if [ "$action" != - ]; then
    act "$action" "$group" "$(worker_kind "$peer")" "$start" "$dir/note" &
    actor=$!
  fi
  local done_pid= status
  wait -n -p done_pid "$group" "$alarm" 2> /dev/null
  status=$?
  elapsed "$start" > "$dir/wall"
  if [ "$done_pid" = "$group" ]; then
    echo "$status" > "$dir/status"
    kill "$alarm" 2> /dev/null
  else
    echo hang > "$dir/status"
  fi
  wait "$alarm" 2> /dev/null
  if [ -n "$actor" ]; then
    kill "$actor" 2> /dev/null
    wait "$actor" 2> /dev/null
  fi
  [ -f "$dir/note" ] || { [ "$action" = kill ] && echo "no worker found to kill before it ended" > "$dir/note"; }
  look_at_output "$dir" "$input" "$sink"
  pending+=("$k $group $(date +%s.%N)")
}

look_at_output() { # DIR INPUT SINK: rows and verdict of what the run wrote, as it returned
  local dir=$1 input=$2 sink=$3 truth=$data/$2.truth got
  case $sink in
    file)
      got=$dir/cwd/out
      if [ ! -e "$got" ]; then echo "no file" > "$dir/file"
      elif printf 'old,output\nof,an earlier run\n' | cmp -s - "$got"; then echo kept > "$dir/file"
      else echo replaced > "$dir/file"
      fi ;;
    head)
      got=$dir/stdout
      head -1 "$truth" > "$dir/truth.head"
      truth=$dir/truth.head ;;
    full) return ;;
  esac
  if [ "$(cat "$dir/file" 2> /dev/null)" = kept ] || [ "$(cat "$dir/file" 2> /dev/null)" = "no file" ]; then
    echo 0 > "$dir/rows"
    echo "- (no new output)" > "$dir/verdict"
    return
  fi
  awk 'END { print NR }' "$got" > "$dir/rows" # a last line without a line feed counts too
  verdict "$got" "$truth" "$input" > "$dir/verdict"
}

line_of() { sed -n "$1{p;q}" "$2"; } # N FILE -> its line N

verdict() { # GOT TRUTH INPUT -> whether GOT is the truth, a part of it, or where it is wrong
  local got=$1 truth=$2 input=$3 diff line truth_rows
  if cmp -s "$got" "$truth"; then echo yes; return; fi
  truth_rows=$(wc -l < "$truth")
  [ -s "$got" ] || { echo "no rows"; return; }
  diff=$(cmp "$got" "$truth" 2>&1 | head -1)
  case $diff in
    *"EOF on $got"*)
      if [ "$(tail -c 1 "$got" | od -An -c | tr -d ' ')" = '\n' ]; then
        echo "cut short: its $(wc -l < "$got") rows right, then none"
      else
        echo "cut short inside a row"
      fi ;;
    *"EOF on $truth"*)
      line=$((truth_rows + 1))
      if [ "$input" = letter ] || [ "$input" = blank ]; then # the inputs whose truth stops at the bad row
        echo "**no**: \`$(line_of "$line" "$got" | cut -c1-40)\` for row $((line - 1)), \`$(line_of "$line" "$data/$input.csv" | cut -c1-30)\`, which has no sum"
      else
        echo "**no**: a row more than the truth's $truth_rows: \`$(line_of "$line" "$got" | cut -c1-40)\`"
      fi ;;
    *)
      line=$(sed 's/.*line \([0-9]*\).*/\1/' <<< "$diff")
      echo "**no**: line $line \`$(line_of "$line" "$got" | cut -c1-40)\`, truth \`$(line_of "$line" "$truth" | cut -c1-40)\`" ;;
  esac
}

look_at_leftovers() { # K SESSION: the processes of the run still there, and the files in its folder
  local k=$1 group=$2 dir=$work/runs/$1 procs files
  procs=$(ps -eo sid=,comm= | awk -v sid="$group" '$1 == sid { n[$2]++ }
    END { sep = ""; for (c in n) { printf "%s%s%s", sep, c, (n[c] > 1 ? " x" n[c] : ""); sep = ", " } }')
  files=$(cd "$dir/cwd" && find . -mindepth 1 ! -path ./out ! -path ./tmp ! -path ./in.csv | sed 's|^\./||' | sort)
  local count
  count=$(grep -c . <<< "$files")
  if [ "$count" -gt 3 ]; then files="$count files: $(head -3 <<< "$files" | paste -sd, | sed 's/,/, /g'), ..."
  else files=$(paste -sd, <<< "$files" | sed 's/,/, /g')
  fi
  local left=
  [ -z "$procs" ] || left="processes: $procs"
  [ -z "$files" ] || left="${left:+$left; }files: $files"
  echo "${left:-nothing}" > "$dir/left"
  kill_session "$group"
}

look_at_due() { # [all]: the pending runs whose linger has passed (all of them, waiting, with "all")
  local entry k group end still=() wait_for
  for entry in "${pending[@]}"; do
    read -r k group end <<< "$entry"
    wait_for=$(awk -v e="$end" -v now="$(date +%s.%N)" -v l="$linger" 'BEGIN { w = e + l - now; print (w > 0 ? w : 0) }')
    if [ "${1:-}" = all ]; then sleep "$wait_for"; fi
    if [ "${1:-}" = all ] || [ "$wait_for" = 0 ]; then look_at_leftovers "$k" "$group"; else still+=("$entry"); fi
  done
  pending=("${still[@]}")
}

# --- the scenarios -----------------------------------------------------------------------------

scenario_titles=()
scenario() { # TITLE INPUT VARIANT SINK ACTION: every peer through it
  local title=$1 peer
  [[ $title =~ ${FAULTS_ONLY:-.} ]] || return 0
  scenario_titles+=("$title")
  for peer in "${peers[@]}"; do
    look_at_due
    run "$title" "$peer" "$2" "$3" "$4" "$5"
  done
}

scenario "1a. a bad field, \`12,x,5\`, at row $bad_row" letter plain file -
scenario "1b. an empty field, \`12,,5\`, at row $bad_row" blank plain file -
scenario "1c. an integer past 64 bits, \`12,99999999999999999999,5\`, at row $bad_row" big plain file -
scenario "2. SIGKILL to one worker mid-run (2% of rows 10 ms slower)" good slow file kill
scenario "3a. the computation exits 3 on row $bad_row (a crash)" poison exit file -
scenario "3b. the computation raises on row $bad_row (Python's functions)" poison raise file -
scenario "4. the reader of the output closes early: \`| head -1\`" good plain head -
scenario "5a. SIGTERM to the whole pipeline's process group mid-run" good slow file TERM
scenario "5b. SIGINT to the whole pipeline's process group mid-run (Ctrl-C)" good slow file INT
scenario "6. output to a full disk: \`> /dev/full\`" good plain full -
scenario "7. order under uneven per-row time: 2% of rows, at random, 10 ms slower" good slow file -
scenario "8a. empty input" empty plain file -
scenario "8b. the last line without a line feed" nonl plain file -
look_at_due all

# --- the table ---------------------------------------------------------------------------------

cell() { # -> stdin as one table cell: control characters dropped, | escaped, backticks made quotes
  tr -d '\000-\011\013-\037' | tr '`' "'" | sed 's/|/\\|/g'
}

exit_cell() { # DIR
  local status statuses
  status=$(cat "$1/status")
  if [ "$status" = hang ]; then echo "**hang**: still running at $limit s"; return; fi
  statuses=$(cat "$1/pipestatus" 2> /dev/null)
  if [ "$(wc -w <<< "$statuses")" -gt 1 ]; then echo "$status ($statuses)"; else echo "$status"; fi
}

stderr_cell() { # DIR
  local first more
  first=$(grep -m 1 . "$1/stderr" | cut -c1-110 | cell)
  [ -n "$first" ] || { echo "(none)"; return; }
  more=$(($(grep -c . "$1/stderr") - 1))
  if [ "$more" -gt 0 ]; then # the last line too: where Python says what the traceback was about
    echo "\`$first\` (+$more lines, the last \`$(grep . "$1/stderr" | tail -1 | cut -c1-110 | cell)\`)"
  else
    echo "\`$first\`"
  fi
}

get() { # NAME FILE: the first line of FILE into NAME, or - where there is no FILE (no fork: the
  # table reads a dozen files a run)
  if [ -f "$2" ]; then IFS= read -r "$1" < "$2"; else printf -v "$1" %s -; fi
}

declare -A tally_runs tally_silent tally_hangs tally_lost tally_left
table_row() { # K: the run's row of the table; it is counted in the tally too
  local dir=$work/runs/$1 scenario peer input sink cmd title label label_var rows note status verdict file left wall in_rows
  { read -r scenario; read -r peer; read -r input; read -r sink; read -r cmd; } < "$dir/what"
  get status "$dir/status"; get verdict "$dir/verdict"; get file "$dir/file"; get left "$dir/left"
  get wall "$dir/wall"; get rows "$dir/rows"; get in_rows "$data/$input.rows"
  title=$scenario
  [ "$scenario" = "${last_scenario:-}" ] && title=
  last_scenario=$scenario
  label_var=label_$peer
  label=${!label_var}
  [ "$peer" = recpipe_o ] && [ "$sink" != file ] && label=recpipe # writer | head -1, writer > /dev/full
  if [ -f "$dir/note" ]; then get note "$dir/note"; label="$label ($note)"; fi
  if [ "$sink" = full ]; then rows=-; else rows="$rows / $in_rows"; fi
  echo "| ${title//|/\\|} | $label | $(exit_cell "$dir") | $rows | $verdict | $file | $(stderr_cell "$dir") | $(cell <<< "$left") | $wall |"
  tally_runs[$peer]=$((${tally_runs[$peer]:-0} + 1))
  [ "$status" = hang ] && tally_hangs[$peer]=$((${tally_hangs[$peer]:-0} + 1))
  if [ "$status" = 0 ] && { [ "$sink" = full ] || { [ "$sink" = file ] && [ "$verdict" != yes ]; }; }; then
    tally_silent[$peer]=$((${tally_silent[$peer]:-0} + 1))
  fi
  if [ "$status" != 0 ] && [ "$sink" = file ] && [ "$file" != kept ]; then tally_lost[$peer]=$((${tally_lost[$peer]:-0} + 1)); fi
  [ "$left" = nothing ] || tally_left[$peer]=$((${tally_left[$peer]:-0} + 1))
}

tally_row() { # PEER: its runs counted by what went wrong
  local label_var=label_$1 label
  label=${!label_var}
  [ "$1" = recpipe_o ] && label='recpipe, `writer -o out` (`writer` in 4 and 6)'
  echo "| $label | ${tally_runs[$1]:-0} | ${tally_silent[$1]:-0} | ${tally_hangs[$1]:-0} | ${tally_lost[$1]:-0} | ${tally_left[$1]:-0} |"
}

runs_total=$runs
last_scenario=
for ((k = 1; k <= runs_total; k++)); do table_row "$k"; done > "$work/rows.md"
load_end=$(cut -d' ' -f1-3 /proc/loadavg)
java_version=$(java -version 2>&1 | head -1)
tree=$(git -C "$root" describe --always --dirty 2> /dev/null) || tree="an unknown commit"
versions="recpipe at $tree on $java_version; $("$awk_cmd" -W version 2>&1 | head -1)"
$have_parallel && versions="$versions; $(parallel --version | head -1)"
versions="$versions; $(xargs --version | head -1); $(split --version | head -1)"
$have_python && versions="$versions; $(python3 --version 2>&1) (multiprocessing start method $(python3 -c 'import multiprocessing as m; print(m.get_start_method())'))"
{
  echo "## What a user sees when things go wrong: recpipe and its peers"
  echo
  echo "$(date -u '+%F %H:%M') UTC, $cores cores, $(uname -sr). $versions." \
    "\`bench/faults.sh $rows $limit\` made this file: $rows rows of 10 integers (gencsv $rows 10 1), each peer on $cores" \
    "workers, a run still going at $limit s counted as a hang. Load average $load_start at the start, $load_end at" \
    "the end: the times are what this run took on this machine, not a benchmark (bench/pipeline.sh is)."
  echo
  echo "Columns: the exit status as the shell sees it (in brackets, each stage's, where the command's last" \
    "pipeline has several); rows written against rows in the input; the output against the truth (exact sums of the" \
    "rows up to the first one that has none); what became of an \`out\` file that held an earlier run's output; the" \
    "first line on stderr and how many more; the run's processes and files (temporary ones included) still there" \
    "$linger s after it returned; seconds to return."
  echo
  echo "| scenario | peer | exit | rows out / in | output = truth? | old \`out\` | first line on stderr | left after ${linger} s | s |"
  echo "|---|---|---|---|---|---|---|---|---|"
  cat "$work/rows.md"
  echo
  echo "### Counted"
  echo
  echo "Per peer, of the runs above: exit 0 with output that is not the truth (a file run), or with no output" \
    "(\`/dev/full\`); hangs; failed runs (exit not 0) that left \`out\` other than it was; runs that left a" \
    "process or a file."
  echo
  echo "| peer | runs | exit 0, output wrong or lost | hangs | failed, old \`out\` gone | left something |"
  echo "|---|---|---|---|---|---|"
  for peer in "${peers[@]}"; do tally_row "$peer"; done
  echo
  echo "### The commands"
  echo
  echo "Each runs with \`bash -c\` in a folder of its own, that folder's \`tmp/\` as TMPDIR; F is the input (in.csv)," \
    "N=$cores. In scenarios 2, 3, 5 and 7 the per-row computation carries the fault: recpipe's worker is then" \
    "\`python3 \"\$STAGE\"\` (bench/peers/fault_stage.py, on examples/python/recpipe.py) instead of summer, and" \
    "Pool.imap runs \`\$POOL_FAULTS\` (bench/peers/pool_imap_faults.py), both the same Python function" \
    "(bench/peers/fault_job.py); the shell peers' awk program is PROG below."
  echo
  for peer in "${peers[@]}"; do
    label_var=label_$peer
    plain=$(command_for "$peer" plain file) faulty=$(command_for "$peer" exit file)
    echo "- ${!label_var}: \`$plain\`$([ "$faulty" = "$plain" ] || echo "; with a fault, \`$faulty\`")"
  done
  echo "- PROG: \`$(prog_for plain)\`; with the crash (3a) \`$(prog_for exit)\`; with slow rows (2, 5, 7)" \
    "\`$(prog_for slow)\`. BLOCK: the input's size over 4N, so that each job gets about 4 blocks" \
    "(bench/pipeline.sh's 4M would make one block of this input: one job)."
  echo "- POOL: bench/peers/pool_imap.py, bench/pipeline.sh's peer; CHUNK=$chunk."
  echo "- Scenarios 4 and 6 put \`| head -1\` and \`> /dev/full\` where \`> out\` (\`-o out\`) is."
} > "$work/report.md"
if [ -n "${FAULTS_ONLY:-}" ]; then # a part of the table: not a run to record
  cat "$work/report.md"
else
  mkdir -p "$results"
  tee "$results/faults.md" < "$work/report.md"
fi
