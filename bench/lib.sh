# What every bench script does the same way; sourced (`. "$root/bench/lib.sh"`) after setting
# `work`, the script's scratch folder.

say() { echo "${0##*/}: $*" >&2; }

archives_fresh() { # ROOT: fails, saying which, if a tool's class-data-sharing archive is older than
  # its jar. The launcher then runs the tool without it (a start about 15 ms slower), and a run
  # measures that: a build of one module (mvn -pl) remakes its jar, not the archive. (The .jsa, which
  # JDK 17 to 24 use; a JDK 25 uses the .aot where it is newer than the jar, else the same .jsa.)
  local jar stale=
  for jar in "$1"/*/target/*.jar; do
    if [ -e "$jar.jsa" ] && [ "$jar.jsa" -ot "$jar" ]; then stale="$stale ${jar#"$1"/}.jsa"; fi
  done
  [ -z "$stale" ] || { say "start-up archives older than their jars:$stale; run 'mvn -q -DskipTests package' (or bin/recpipe-cds) first"; return 1; }
}

launcher_gc() { # TOOL -> the collector options bin/recpipe gives TOOL on the JVM that JAVA_HOME or
  # PATH names (G1 on JDK 17, where only it maps the JDK's archived module graph; else the serial one)
  RECPIPE_JAVA_OPTS=-XX:+PrintFlagsFinal "$1" --version 2>&1 > /dev/null | awk '
    $2 ~ /^Use(G1|Serial)GC$/ && $4 == "true" { gc = "-XX:+" $2 }
    $2 == "ParallelGCThreads" && /command line/ { threads = " -XX:ParallelGCThreads=" $4 }
    END { if (gc == "") exit 1; print gc threads }'
}

ratio() { # A B -> A over B as "1.23x"
  awk -v a="$1" -v b="$2" 'BEGIN {printf "%.2fx", a / b}'
}

median() { # numbers, one a line, on stdin -> their median, to 3 decimals
  sort -n | awk '{a[NR]=$1} END {printf "%.3f\n", (NR%2 ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2)}'
}

children_cpu() { # FILE (the output of `times`) -> user+sys seconds of the processes this shell waited for
  tail -1 "$1" | tr 'ms' '  ' | awk '{print $1 * 60 + $2 + $3 * 60 + $4}'
}

cpu() { # KEY INPUT COMMAND...: runs COMMAND < INPUT once, appends its CPU seconds to KEY's list
  local key=$1 input=$2
  shift 2
  times > "$work/before" # `times` in this shell, not in $(...): the children are this shell's
  "$@" < "$input" > /dev/null 2> "$work/err" || { say "$* failed: $(cat "$work/err")"; exit 1; }
  times > "$work/after"
  awk -v a="$(children_cpu "$work/before")" -v b="$(children_cpu "$work/after")" \
    'BEGIN {printf "%.4f\n", b - a}' >> "$work/$key.cpu"
}

wall_seconds() { # NAME: runs run_NAME > out.NAME in the current folder; prints its wall seconds
  local start end
  start=$(date +%s.%N)
  "run_$1" > "out.$1"
  end=$(date +%s.%N)
  awk -v a="$start" -v b="$end" 'BEGIN { printf "%.3f\n", b - a }'
}

measured() { # NAME: runs run_NAME > out.NAME in the current folder; appends its wall seconds to
  # wall.NAME and the CPU seconds (user+sys) of all its processes to cpu.NAME
  local start end
  times > "$work/before"
  start=$(date +%s.%N)
  "run_$1" > "out.$1"
  end=$(date +%s.%N)
  times > "$work/after"
  awk -v a="$start" -v b="$end" 'BEGIN { printf "%.3f\n", b - a }' >> "wall.$1"
  awk -v a="$(children_cpu "$work/before")" -v b="$(children_cpu "$work/after")" 'BEGIN { printf "%.3f\n", b - a }' >> "cpu.$1"
}

own_cpu() { # FILE COMMAND...: runs COMMAND (stdin and stdout its own) and appends to FILE the CPU
  # seconds (user+sys) of its process alone, its children's left out: read from /proc once it has
  # exited, before it is reaped (python3's waitid), to the clock tick (10 ms)
  python3 -c '
import os, subprocess, sys
process = subprocess.Popen(sys.argv[2:])
os.waitid(os.P_PID, process.pid, os.WEXITED | os.WNOWAIT)
with open("/proc/%d/stat" % process.pid) as stat:
    fields = stat.read().rsplit(")", 1)[1].split()
with open(sys.argv[1], "a") as out:
    out.write("%.2f\n" % ((int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")))
status = process.wait()
sys.exit(status if status >= 0 else 128 - status)
' "$@"
}

is_gnu_parallel() { command -v parallel > /dev/null && parallel --version 2> /dev/null | grep -q 'GNU parallel'; }

install_peer() { # PACKAGE: installs it with apt-get (a peer of the benchmarks, for --install-peers)
  say "installing $1: apt-get install -y $1"
  apt-get install -y "$1" >&2 || { apt-get update >&2 && apt-get install -y "$1" >&2; }
}
