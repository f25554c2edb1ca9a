#!/usr/bin/env bash
# What fanout's own start costs: `fanout -n 1 cat < /dev/null` and `fanout -n 2 cat` on 1000 records,
# against a hello-world JVM on the launcher's flags and C1 alone (as fanout runs), in CPU seconds;
# and what one start loads and compiles: classes in all, classes not from the class-data-sharing
# archive or AOT cache (parsed, verified and linked at every start), methods compiled by the JIT.
# For this tree, and for each --tree DIR given (another checkout, or a copy of one with its bin/,
# tools.txt and built jars, e.g. the commit before a change), interleaved.
#   bench/fanout-startup.sh [--tree DIR]... [RUNS]   (default 15)
# CPU is user+sys of a command and of the processes it waited for (fanout's workers), from bash's
# `times`; figures are medians of RUNS interleaved runs. Counts are of one run. JAVA_HOME picks the
# JVM (a JDK 25 or newer uses the trees' AOT caches where `JAVA_HOME=DIR bin/recpipe-cds` made them).
# Progress goes to stderr; markdown to stdout.
set -euo pipefail
root=$(cd "$(dirname -- "$0")/.." && pwd)
trees=("$root")
while [ "${1:-}" = --tree ]; do trees+=("$(cd "$2" && pwd)"); shift 2; done
runs=${1:-15}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
. "$root/bench/lib.sh"
java=${JAVA_HOME:+$JAVA_HOME/bin/}java
# bin/recpipe's memory and GC flags for fanout (tools.txt: serial), and its C1 alone (c1)
flags=(-XX:+UseSerialGC -XX:-UsePerfData -Xms16m -Xmx256m -Xss1m -XX:TieredStopAtLevel=1)

counts() { # TREE: "classes | not archived | compiled" of one `fanout -n 1 cat < /dev/null`
  RECPIPE_JAVA_OPTS="-Xlog:class+load:file=$work/classes" "$1/bin/fanout" -n 1 cat < /dev/null > /dev/null
  RECPIPE_JAVA_OPTS=-XX:+PrintCompilation "$1/bin/fanout" -n 1 cat < /dev/null 2> "$work/jit" > /dev/null
  echo "$(grep -c . "$work/classes") | $(grep -vc 'shared objects file' "$work/classes")" \
    "| $(grep -cE '^ *[0-9]+ +[0-9]+ ' "$work/jit")"
}

mkdir -p "$work/hello"
javac -d "$work/hello" "$root/bench/peers/Hello.java"
"$root/bin/gencsv" 1000 10 1 | "$root/bin/reader" > "$work/small.rec"
load_before=$(cut -d' ' -f1 /proc/loadavg)

say "${#trees[@]} tree(s), $runs interleaved runs"
for ((run = 1; run <= runs; run++)); do
  cpu hello /dev/null "$java" "${flags[@]}" -cp "$work/hello" Hello
  for i in "${!trees[@]}"; do
    cpu "t$i.n1" /dev/null "${trees[$i]}/bin/fanout" -n 1 cat
    cpu "t$i.n2" "$work/small.rec" "${trees[$i]}/bin/fanout" -n 2 cat
  done
done

med() { median < "$work/$1.cpu"; }
hello=$(med hello)
echo "$(date -u +%F), $(nproc) cores, $("$java" -version 2>&1 | head -1); CPU seconds (user+sys), median of" \
  "$runs interleaved runs; load average $load_before at the start, $(cut -d' ' -f1 /proc/loadavg) at the end."
echo "hello-world (\`java ${flags[*]} Hello\`): $hello s."
echo
echo "| tree | fanout -n 1 cat < /dev/null | vs hello | fanout -n 2 cat, 1000 records | vs hello | classes | not archived | compiled methods |"
echo "|---|---|---|---|---|---|---|---|"
for i in "${!trees[@]}"; do
  tree=$(git -C "${trees[$i]}" describe --always --dirty 2> /dev/null) || tree=${trees[$i]}
  n1=$(med "t$i.n1") n2=$(med "t$i.n2")
  echo "| $tree | $n1 | $(ratio "$n1" "$hello") | $n2 | $(ratio "$n2" "$hello") | $(counts "${trees[$i]}") |"
done
