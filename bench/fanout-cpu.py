#!/usr/bin/env python3
"""fanout's own CPU apart from its workers', two builds interleaved (bench/results/fanout-path.md).

Each run is waited for without being reaped (waitid WNOWAIT) and its /proc/PID/stat read while it is
a zombie: utime+stime is fanout's own CPU (all its threads), cutime+cstime that of the children it
reaped, its workers. bin/fanout execs java, so the pid is fanout's. Clock ticks (1/100 s): take
medians over many runs, and compare builds in the same run (the load hits both alike).

usage: bench/fanout-cpu.py RUNS NAME=ROOT:ARGS...   (stdin from $IN, default rows.rec; stdout to /dev/null)
  e.g. IN=/tmp/rows.rec bench/fanout-cpu.py 15 'old=/tmp/old:-n 2 summer' 'new=.:-n 2 summer'
ROOT is a built worktree (ROOT/bin/fanout); ROOT/bin goes first on PATH, so its summer is used.
"""
import os
import statistics
import sys

runs = int(sys.argv[1])
builds = [arg.split('=', 1) for arg in sys.argv[2:]]
tick = os.sysconf('SC_CLK_TCK')
source = os.environ.get('IN', 'rows.rec')
own = {name: [] for name, _ in builds}
workers = {name: [] for name, _ in builds}
loads = []
for _ in range(runs):
    for name, spec in builds:
        root, args = spec.split(':', 1)
        root = os.path.abspath(root)
        env = dict(os.environ, PATH=root + '/bin:' + os.environ['PATH'])
        pid = os.fork()
        if pid == 0:
            os.dup2(os.open(source, os.O_RDONLY), 0)
            os.dup2(os.open('/dev/null', os.O_WRONLY), 1)
            os.execve(root + '/bin/fanout', [root + '/bin/fanout'] + args.split(), env)
        os.waitid(os.P_PID, pid, os.WEXITED | os.WNOWAIT)
        with open(f'/proc/{pid}/stat') as stat:
            fields = stat.read().rsplit(')', 1)[1].split()
        utime, stime, cutime, cstime = (int(field) for field in fields[11:15])
        _, status = os.waitpid(pid, 0)
        if status != 0:
            print(f'{name}: fanout exited with status {status >> 8}', file=sys.stderr)
        own[name].append((utime + stime) / tick)
        workers[name].append((cutime + cstime) / tick)
    loads.append(os.getloadavg()[0])
for name, _ in builds:
    print(f"{name}: fanout's own CPU median {statistics.median(own[name]):.3f} s "
          f"(min {min(own[name]):.2f}, max {max(own[name]):.2f}); its workers' {statistics.median(workers[name]):.3f} s; "
          f"{runs} runs")
print(f'load average (1 min) over the runs: {min(loads):.2f} to {max(loads):.2f}')
