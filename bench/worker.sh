#!/usr/bin/env bash
# What one fanout worker costs. The CPU seconds of summer on one worker's share of the canonical
# job (125k records: 1M rows at -n 8) and of summer's start-up alone (< /dev/null), against a
# hello-world JVM started with the launcher's flags; then summer's JIT choice, C1 alone as
# bin/recpipe runs it against tiered C1 and C2, on 125k, 1M and 10M records. For each JVM given:
# JAVA_HOME's (else PATH's java) and each --java-home DIR, whose archives bin/recpipe picks (a JDK
# 25 or newer uses TOOL.jar.aot where `JAVA_HOME=DIR bin/recpipe-cds` has made one).
#   bench/worker.sh [--java-home DIR]... [RUNS]   (default 11)
# CPU is user+sys of a command and of the processes it waited for, from bash's `times` (1 ms
# resolution); figures are medians of RUNS interleaved runs. Progress goes to stderr; markdown to
# stdout and to bench/results/worker.md.
set -euo pipefail
root=$(cd "$(dirname -- "$0")/.." && pwd)
homes=("${JAVA_HOME:-}")
while [ "${1:-}" = --java-home ]; do homes+=("$2"); shift 2; done
runs=${1:-11}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
. "$root/bench/lib.sh"
archives_fresh "$root" || exit 1
PATH=$root/bin:$PATH
# bin/recpipe's memory flags, which every tool gets; the collector is summer's on each JVM (launcher_gc)
# and the JIT flags are each tool's own
launcher_flags=(-XX:-UsePerfData -Xms16m -Xmx256m -Xss1m)

java_of() { echo "${1:+$1/bin/}java"; }

cat_ten() { for _ in 1 2 3 4 5 6 7 8 9 10; do cat "$work/1m.rec"; done | "$@"; }

summer --version > /dev/null # fails here, with the launcher's message, if the tools are not built
load_before=$(cut -d' ' -f1 /proc/loadavg)
mkdir -p "$work/hello"
javac -d "$work/hello" "$root/bench/peers/Hello.java"
say "generating 125k and 1M records (gencsv ROWS 10 1 | reader)"
gencsv 125000 10 1 | reader > "$work/125k.rec"
gencsv 1000000 10 1 | reader > "$work/1m.rec"

labels=() keys=() gcs=()
for i in "${!homes[@]}"; do
  home=${homes[$i]}
  java=$(java_of "$home")
  version=$("$java" -version 2>&1 | head -1)
  labels+=("$version${home:+ ($home)}")
  keys+=("j$i")
  gcs+=("$(JAVA_HOME=$home launcher_gc summer)")
done

say "start-up and one worker's share: ${#homes[@]} JVM(s), $runs interleaved runs"
for ((run = 1; run <= runs; run++)); do
  for i in "${!homes[@]}"; do
    home=${homes[$i]}
    cpu "j$i.hello" /dev/null "$(java_of "$home")" ${gcs[$i]} "${launcher_flags[@]}" -XX:TieredStopAtLevel=1 -XX:-BackgroundCompilation -cp "$work/hello" Hello
    JAVA_HOME=$home cpu "j$i.null" /dev/null summer
    JAVA_HOME=$home cpu "j$i.share" "$work/125k.rec" summer
  done
done

say "what each loads and compiles: classes (from the archive or not) and JIT compilations"
classes() { # KEY INPUT COMMAND...: classes loaded, those not from the CDS archive, java.lang.invoke's
  local key=$1 input=$2
  shift 2
  "$@" < "$input" > /dev/null 2> "$work/err" || { say "$* failed: $(cat "$work/err")"; exit 1; }
  echo "$(grep -c 'source:' "$work/classes.log") $(grep -c -v 'shared objects file' "$work/classes.log")" \
    "$(grep -c 'java\.lang\.invoke\.' "$work/classes.log")" > "$work/$key.classes"
}
compiled() { # KEY INPUT COMMAND...: how many methods the JIT compiled (-XX:+PrintCompilation lines)
  local key=$1 input=$2
  shift 2
  "$@" < "$input" 2>&1 > /dev/null | grep -a -c -E '^ +[0-9]+ +[0-9]+ ' > "$work/$key.compiled" || true
}
for i in "${!homes[@]}"; do
  home=${homes[$i]}
  java=$(java_of "$home")
  log=-Xlog:class+load:file=$work/classes.log
  classes "j$i.hello" /dev/null "$java" ${gcs[$i]} "${launcher_flags[@]}" -XX:TieredStopAtLevel=1 -XX:-BackgroundCompilation "$log" -cp "$work/hello" Hello
  JAVA_HOME=$home RECPIPE_JAVA_OPTS=$log classes "j$i.null" /dev/null summer
  JAVA_HOME=$home RECPIPE_JAVA_OPTS=$log classes "j$i.share" "$work/125k.rec" summer
  compiled "j$i.hello" /dev/null "$java" ${gcs[$i]} "${launcher_flags[@]}" -XX:TieredStopAtLevel=1 -XX:-BackgroundCompilation -XX:+DisplayVMOutputToStderr -XX:+PrintCompilation \
    -cp "$work/hello" Hello
  JAVA_HOME=$home RECPIPE_JAVA_OPTS=-XX:+PrintCompilation compiled "j$i.null" /dev/null summer
  JAVA_HOME=$home RECPIPE_JAVA_OPTS=-XX:+PrintCompilation compiled "j$i.share" "$work/125k.rec" summer
done

say "JIT: C1 alone against tiered, on 125k, 1M and 10M records"
jit_runs=$(((runs + 1) / 2))
for ((run = 1; run <= jit_runs; run++)); do
  for i in "${!homes[@]}"; do
    home=${homes[$i]}
    for size in 125k 1m; do
      JAVA_HOME=$home cpu "j$i.c1.$size" "$work/$size.rec" summer
      JAVA_HOME=$home RECPIPE_JAVA_OPTS=-XX:TieredStopAtLevel=4 cpu "j$i.tiered.$size" "$work/$size.rec" summer
    done
    cpu "cat.10m" /dev/null cat_ten cat
    JAVA_HOME=$home cpu "j$i.c1.10m" /dev/null cat_ten summer
    JAVA_HOME=$home RECPIPE_JAVA_OPTS=-XX:TieredStopAtLevel=4 cpu "j$i.tiered.10m" /dev/null cat_ten summer
  done
done

med() { median < "$work/$1.cpu"; }
less_cat() { awk -v a="$1" -v c="$(med cat.10m)" 'BEGIN {printf "%.3f", a - c}'; }

tree=$(git -C "$root" describe --always --dirty 2> /dev/null) || tree="an unknown commit"
{
  echo "## One worker's cost: summer's CPU against a hello-world JVM"
  echo
  echo "$(date -u +%F), $(nproc) cores, recpipe at $tree; CPU seconds (user+sys), median of $runs" \
    "interleaved runs; load average $load_before at the start, $(cut -d' ' -f1 /proc/loadavg) at the end" \
    "(above 0.5, other processes shared the cores: compare within the run). \`bench/worker.sh\` made this file."
  echo
  echo "| JVM | hello-world | summer < /dev/null | summer, 125k records | start-up vs hello | 125k vs hello |"
  echo "|---|---|---|---|---|---|"
  for i in "${!keys[@]}"; do
    k=${keys[$i]}
    echo "| ${labels[$i]} | $(med "$k.hello") | $(med "$k.null") | $(med "$k.share") |" \
      "$(ratio "$(med "$k.null")" "$(med "$k.hello")") | $(ratio "$(med "$k.share")" "$(med "$k.hello")") |"
  done
  echo
  echo "hello-world: \`java GC ${launcher_flags[*]} -XX:TieredStopAtLevel=1 -cp DIR Hello\` (bench/peers/Hello.java), the launcher's" \
    "flags less the archives; GC: the collector the launcher gives summer on that JVM (${gcs[*]}). summer: through bin/summer, as fanout starts a worker, so the launcher's" \
    "shell is counted too. 125k records are one worker's share of 1M rows at \`fanout -n 8\`."
  echo
  echo "### What each loads and compiles"
  echo
  echo "One run each. Classes: all those loaded; those not from the CDS archive (read from the jar or" \
    "made at run time); java.lang.invoke's (method handles: a lambda's or a VarHandle's bootstrap)." \
    "Compiled: methods the JIT compiled (-XX:+PrintCompilation), hello-world with C1 alone as summer."
  echo
  echo "| JVM | run | classes | not from the archive | java.lang.invoke | compiled |"
  echo "|---|---|---|---|---|---|"
  for i in "${!keys[@]}"; do
    k=${keys[$i]}
    for run in hello null share; do
      read -r all outside invoke < "$work/$k.$run.classes"
      case $run in hello) what="hello-world" ;; null) what="summer < /dev/null" ;; *) what="summer, 125k records" ;; esac
      echo "| ${labels[$i]} | $what | $all | $outside | $invoke | $(cat "$work/$k.$run.compiled") |"
    done
  done
  echo
  echo "### summer's JIT: C1 alone (-XX:TieredStopAtLevel=1, bin/recpipe's choice) against tiered C1 and C2"
  echo
  echo "Median of $jit_runs runs. 10M: ten copies of the 1M records through \`cat\`, less cat's own CPU."
  echo
  echo "| JVM | records | C1 alone | tiered | tiered / C1 |"
  echo "|---|---|---|---|---|"
  for i in "${!keys[@]}"; do
    k=${keys[$i]}
    for size in 125k 1m 10m; do
      c1=$(med "$k.c1.$size") tiered=$(med "$k.tiered.$size")
      if [ "$size" = 10m ]; then c1=$(less_cat "$c1") tiered=$(less_cat "$tiered"); fi
      echo "| ${labels[$i]} | ${size/m/M} | $c1 | $tiered | $(ratio "$tiered" "$c1") |"
    done
  done
} > "$work/report.md"
mkdir -p "$root/bench/results"
tee "$root/bench/results/worker.md" < "$work/report.md"
