#!/usr/bin/env python3
"""Generated faults, end to end: for each seed, one pipeline, one fault, and the invariant checked.

    bench/chaos.sh [--family sums|text] [--seed S[,S...]] [--from S0] [--kinds REGEX] [--timeout SECONDS] [--data DIR] [--keep] [CASES]

Two families of pipelines, each with seeds of its own. The sums family (the default) is below. The
text family (--family text, random.Random("text:S")): reader --lines, --text or --typed [-H] over
one to three files (one of them `-`, stdin), alone or through fanout cat or fanout --lines cat, to
writer -f lines|csv|tsv|jsonl; or a list of lines through fanout --each with a script (each.sh) that
prints its argument, twice, nothing, bytes that are not UTF-8, to stderr, closes its stdout, and on
records marked POISON exits 3, kills itself (SEGV, KILL), writes 9 MB, fails once, or hangs once
until a signal ends it; called as `sh each.sh {}`, `./each.sh {}`, `./each.sh` ({} left out),
`./each.sh x{}y`, a command not found, a file not executable; --retries, --skip-failed, LC_ALL=C
drawn. Its faults: odd but good input (a line of 1 MB, a NUL byte, a lone CR, an empty file, a header
alone, a line of 200,000 bytes, blank lines; CRLF, a BOM, no final LF drawn apart); bad input (not
UTF-8, a quoted field cut by the end of the file, text after a closing quote, a header naming a field
twice, a row with a field too many); a file missing, or removed or made a directory while reader
reads the one before it (a FIFO); a signal, as below, to a stage, an --each process, the hung one,
the group or the pipeline's bash. Its truth is python's (the csv and json modules, and
examples/src/test/python/csv_reference.py for --typed's values), with the seqs of the records that
must fail: exit 3 from fanout --skip-failed must skip exactly those (and a record whose process the
signal hit). A text case also fails on a line of stderr without a tool's name in front (or the
script's or the shell's), and on a Java stack trace or exception name.

A seed picks a scenario (random.Random(seed), so the same seed is the same scenario on every run):
  - the pipeline: reader F | STAGE | writer -o OUT, STAGE summer or heavy --scale 0.1, alone or under
    fanout -n K (K 1..8, with --retries, --stall-timeout, --skip-failed, --dispatch ready, -b drawn),
    or ... | writer > OUT under set -o pipefail; F is gencsv 20000 10 D (D = 1 + seed % 4, cached);
  - the fault: a signal to ONE process (a stage, its launcher shell before the exec, a fanout worker,
    the pipeline's bash) or to the process group, at a time weighted to the first 200 ms of the
    target's life and to the last records; or a data fault (a bad field, the CSV cut at a byte, the
    records cut or corrupted at an offset, fed to the stage); or an environment fault for one stage
    (ulimit -n, -v, -u, -t; stdout to /dev/full; OUT's directory immutable).
The invariant: the pipeline's status (pipefail) is 0 and OUT is the truth byte for byte (exact sums
by python3, from F as it was fed; heavy's from a clean serial run); or it is non-zero and OUT holds
its old content (or the whole truth, a failure after writer had put it in place); writer > OUT: a
prefix of the truth. fanout --skip-failed's status 3: the truth less the seqs it names. Never a hang
(each case is bounded by --timeout); nothing left 5 s after the run (no fanout-* in its TMPDIR, no
.OUT.recpipe-*.tmp, no process of its session).
A broken invariant that docs/GUARANTEES.md names as a limit is counted as a "documented limit",
not a finding: SIGKILL to a stage, a real-time signal to a JVM, a signal the target had no handler
for yet (its first moments; read from /proc/PID/status's SigCgt as it was sent) or a stage's shell
before its JVM (the launcher before it has read the tool's row, or the pipeline shell's fork), SIGTERM, SIGINT or
SIGHUP to a JVM before the tool's main set its handlers, a JVM that fails in its own start.
One line per case on stdout, then a summary; every finding with its reproducer. Exit 1 if any
case was a finding, else 0.
"""
import argparse
import hashlib
import os
import random
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
BIN = os.path.join(ROOT, "bin")
ROWS = 20000
HEAVY = "heavy --scale 0.1"
CLK = os.sysconf("SC_CLK_TCK")
LINGER = 5.0

CRASH_FILE = re.compile(r"recpipe-[a-z]+-(hs_err|replay)_pid[0-9]+\.log$")
SIGNALS = ["TERM", "INT", "HUP", "QUIT", "USR1", "USR2", "ALRM", "XCPU", "PIPE", "STOP", "KILL", "RT"]
# default action ends the process (for the "no handler yet" classification)
TERMINATING = {signal.SIGTERM, signal.SIGINT, signal.SIGHUP, signal.SIGQUIT, signal.SIGUSR1,
               signal.SIGUSR2, signal.SIGALRM, signal.SIGXCPU, signal.SIGPIPE}


def say(*words):
    print("chaos:", *words, file=sys.stderr, flush=True)


# --- processes --------------------------------------------------------------------------------

def proc_stat(pid):
    """(ppid, sid, start seconds since boot) of PID, or None once it has gone (or is a zombie)."""
    try:
        with open("/proc/%d/stat" % pid) as f:
            fields = f.read().rsplit(")", 1)[1].split()
        if fields[0] == "Z":
            return None
        return int(fields[1]), int(fields[3]), int(fields[19]) / CLK
    except (OSError, IndexError, ValueError):
        return None


def session_pids(sid):
    pids = []
    for name in os.listdir("/proc"):
        if name.isdigit():
            stat = proc_stat(int(name))
            if stat and stat[1] == sid:
                pids.append(int(name))
    return sorted(pids)


def children(pid, sid):
    """PID's live children, from the kernel's lists of its threads' children: cheap enough to call
    every 2 ms, where a walk of /proc is not (sid: the session, for a kernel without the lists)."""
    kids = []
    try:
        for task in os.listdir("/proc/%d/task" % pid):
            with open("/proc/%d/task/%s/children" % (pid, task)) as f:
                kids += [int(word) for word in f.read().split()]
    except FileNotFoundError:
        if not os.path.exists("/proc/self/task/%d/children" % os.getpid()):
            return [p for p in session_pids(sid) if (proc_stat(p) or (0,))[0] == pid]
    except OSError:
        pass
    return sorted(p for p in kids if proc_stat(p))


def cmdline(pid):
    try:
        with open("/proc/%d/cmdline" % pid, "rb") as f:
            return f.read().replace(b"\0", b" ").decode("utf-8", "replace").strip()
    except OSError:
        return ""


def what_it_is(pid):
    """'jvm', 'shell' (a launcher of BIN), 'subshell' (the pipeline shell's fork of a stage, before it
    runs the stage's launcher: its command line is still the pipeline shell's), or another program's
    name."""
    try:
        exe = os.path.basename(os.readlink("/proc/%d/exe" % pid))
    except OSError:
        return "gone"
    if exe == "java":
        return "jvm"
    if exe in ("sh", "dash", "bash"):
        try:
            with open("/proc/%d/cmdline" % pid, "rb") as f:
                argv = f.read().split(b"\0")
        except OSError:
            return "gone"
        launcher = len(argv) > 1 and os.path.dirname(argv[1].decode("utf-8", "replace")) == BIN
        return "shell" if launcher else "subshell"
    return exe


def signal_masks(pid):
    """(caught, ignored) bit masks of PID's signals, from /proc/PID/status."""
    caught = ignored = 0
    try:
        with open("/proc/%d/status" % pid) as f:
            for line in f:
                if line.startswith("SigCgt:"):
                    caught = int(line.split()[1], 16)
                elif line.startswith("SigIgn:"):
                    ignored = int(line.split()[1], 16)
    except OSError:
        pass
    return caught, ignored


def uptime():
    with open("/proc/uptime") as f:
        return float(f.read().split()[0])


def become_subreaper():
    """Makes this process the parent of what the pipelines leave orphaned (their bash ended first),
    so that it can reap them: else they stay zombies under an init that may not reap."""
    import ctypes
    PR_SET_CHILD_SUBREAPER = 36
    ctypes.CDLL(None, use_errno=True).prctl(PR_SET_CHILD_SUBREAPER, 1, 0, 0, 0)


def reap():
    try:
        while os.waitpid(-1, os.WNOHANG)[0] > 0:
            pass
    except ChildProcessError:
        pass


def kill_session(sid):
    for pid in session_pids(sid):
        try:
            os.kill(pid, signal.SIGCONT)
            os.kill(pid, signal.SIGKILL)
        except OSError:
            pass


# --- truth ------------------------------------------------------------------------------------

INTEGER = re.compile(rb"-?[0-9]+\Z")


def csv_truth(data):
    """index,sum lines of a CSV of integers as reader reads it, or (lines, row) of its first bad row."""
    lines = data.split(b"\n")
    if lines and lines[-1] == b"":
        lines.pop()
    out = []
    for i, line in enumerate(lines):
        fields = line.split(b",")
        if not all(INTEGER.match(f) for f in fields):
            return b"".join(out), i
        out.append(b"%d,%d\n" % (i, sum(int(f) for f in fields)))
    return b"".join(out), None


class Bad(Exception):
    pass


class Cbor:
    """A strict reader of a CBOR sequence, enough for reader's and summer's records: what summer,
    given these bytes, must write, or where it must fail."""

    BREAK = object()

    def __init__(self, data):
        self.data, self.at = data, 0

    def byte(self):
        if self.at >= len(self.data):
            raise Bad("truncated")
        self.at += 1
        return self.data[self.at - 1]

    def take(self, n):
        if self.at + n > len(self.data):
            raise Bad("truncated")
        self.at += n
        return self.data[self.at - n:self.at]

    def argument(self, info):
        if info < 24:
            return info
        if info in (24, 25, 26, 27):
            return int.from_bytes(self.take(1 << (info - 24)), "big")
        raise Bad("reserved additional information %d" % info)

    def item(self, depth=0):
        if depth > 100:
            raise Bad("too deep")
        head = self.byte()
        major, info = head >> 5, head & 31
        if head == 0xFF:
            return Cbor.BREAK
        if major in (0, 1):
            n = self.argument(info)
            return n if major == 0 else -1 - n
        if major in (2, 3):
            if info == 31:
                chunks = []
                while True:
                    chunk_head = self.byte()
                    if chunk_head == 0xFF:
                        break
                    if chunk_head >> 5 != major or chunk_head & 31 == 31:
                        raise Bad("bad chunk")
                    chunks.append(self.take(self.argument(chunk_head & 31)))
                raw = b"".join(chunks)
            else:
                raw = self.take(self.argument(info))
            if major == 3:
                try:
                    return raw.decode("utf-8")
                except UnicodeDecodeError:
                    raise Bad("not utf-8")
            return raw
        if major == 4:
            return self.sequence(info, depth, 1)
        if major == 5:
            pairs = self.sequence(info, depth, 2)
            return ("map", pairs)
        if major == 6:
            tag = self.argument(info)
            inner = self.item(depth + 1)
            if inner is Cbor.BREAK:
                raise Bad("break after a tag")
            if tag in (2, 3) and isinstance(inner, bytes):
                n = int.from_bytes(inner, "big")
                return n if tag == 2 else -1 - n
            if tag == 4 and isinstance(inner, list):
                return ("decimal", inner)
            return inner
        # major 7
        if info in (20, 21, 22, 23):
            return ("simple", info)
        if info in (25, 26, 27):
            self.take(1 << (info - 24))
            return ("float",)
        if info == 24:
            self.take(1)
        raise Bad("unsupported simple value")

    def sequence(self, info, depth, per):
        items = []
        if info == 31:
            while True:
                item = self.item(depth + 1)
                if item is Cbor.BREAK:
                    break
                items.append(item)
        else:
            for _ in range(self.argument(info) * per):
                item = self.item(depth + 1)
                if item is Cbor.BREAK:
                    raise Bad("break inside a definite-length item")
                items.append(item)
        if len(items) % per:
            raise Bad("odd map")
        return items


def is_integer(value):
    return isinstance(value, int) and not isinstance(value, bool)


class Unsure(Exception):
    """A record this harness can't tell the rendering of (writer given a value that is no integer)."""


def records_truth(data, stage, ordered):
    """What `STAGE | writer` writes from these record bytes, and whether all of them are good records
    (else the run must fail): (lines, None) or (lines before the bad record, its offset). STAGE summer
    or heavy (a value that is an array of integers; heavy's truth is a clean run's, so only whether
    the input is good), or cat (a value that is an integer, written as it is; Unsure for any other).
    ORDERED: seqs must not go down (fanout's input)."""
    reader, out, last = Cbor(data), [], -1
    while reader.at < len(data):
        start = reader.at
        try:
            record = reader.item()
        except Bad:
            return b"".join(out), start
        if not (isinstance(record, list) and len(record) == 2 and is_integer(record[0])
                and 0 <= record[0] < 2 ** 63) or (ordered and record[0] < last):
            return b"".join(out), start
        last, value = record[0], record[1]
        if stage == "cat":
            if not is_integer(value):
                raise Unsure("record at byte offset %d holds %r" % (start, value))
            out.append(b"%d,%d\n" % (record[0], value))
            continue
        if not (isinstance(value, list) and all(is_integer(v) for v in value)):
            return b"".join(out), start
        if stage == "summer":
            out.append(b"%d,%d\n" % (record[0], sum(value)))
    return b"".join(out), None


def records_each(data, stage):
    """For fanout --skip-failed, which leaves out a record its worker fails on and goes on: each
    record as (seq, its bytes, its line or None where the stage must fail on it), as far as the
    records can be read and their seqs go up (past that, fanout fails the run)."""
    reader, each, last = Cbor(data), [], -1
    while reader.at < len(data):
        start = reader.at
        try:
            record = reader.item()
        except Bad:
            break
        if not (isinstance(record, list) and len(record) == 2 and is_integer(record[0])
                and last <= record[0] < 2 ** 63):
            break
        last, value = record[0], record[1]
        good = isinstance(value, list) and all(is_integer(v) for v in value)
        each.append((last, data[start:reader.at], b"%d,%d\n" % (last, sum(value)) if good else None))
    return each


# --- scenarios --------------------------------------------------------------------------------

class Case:
    pass


def pick(seed):
    rng = random.Random(seed)
    c = Case()
    c.seed, c.rng = seed, rng
    c.data_seed = 1 + seed % 4
    c.stage = "summer" if rng.random() < 0.75 else "heavy"
    c.fanout = rng.random() < 0.6
    c.fanout_args = []
    if c.fanout:
        c.workers = rng.randint(1, 8)
        args = ["-n", str(c.workers)]
        if rng.random() < 0.25:
            args += ["--retries", str(rng.randint(1, 2))]
        if rng.random() < 0.2:
            args += ["--stall-timeout", str(rng.choice([2, 5]))]
        if rng.random() < 0.2:
            args += ["--skip-failed"]
        if rng.random() < 0.25:
            args += ["--dispatch", "ready"]
        if rng.random() < 0.2:
            args += ["-b", str(rng.choice([1, 7, 256]))]
        c.fanout_args = args
    c.to_stdout = rng.random() < 0.25
    c.kind = rng.choices(["signal", "data", "env"], [6, 2, 2])[0]
    c.fault = {"signal": pick_signal, "data": pick_data, "env": pick_env}[c.kind](c, rng)
    if c.fanout and rng.random() < 0.15:  # drawn last, so that adding it changed no other seed's case
        c.fanout_args += ["--buffer", "0"]  # records waiting for their turn go to a spill file in TMPDIR
    if c.kind == "data" and c.fault["data"].startswith("sums"):
        c.stage = "cat"  # summer's records, passed on as they are (by fanout too), to writer
    return c


def stage_command(c):
    return {"heavy": HEAVY}.get(c.stage, c.stage)


def stage_names(c):
    return ["reader", "fanout" if c.fanout else c.stage, "writer"]


def pick_signal(c, rng):
    name = rng.choice(SIGNALS)
    targets = ["reader", "stage", "writer", "stage", "group", "bash"]
    if c.fanout:
        targets += ["worker", "worker", "worker"]
    target = rng.choice(targets)
    when = rng.choices(["start", "any", "last"], [5, 3, 3])[0]
    delay = rng.uniform(0, 0.2) if when == "start" else rng.uniform(0, 1)
    frac = rng.uniform(0.8, 1.0)
    number = None
    if name == "RT":
        number = rng.randint(signal.SIGRTMIN, signal.SIGRTMAX)
    return {"signal": name, "number": number, "target": target, "when": when, "delay": delay,
            "frac": frac, "worker": rng.randint(1, 8), "stop_for": rng.uniform(0.1, 1.5),
            "from": rng.choice(["fork", "exec"])}


def pick_data(c, rng):
    what = rng.choice(["field", "cut", "records-cut", "records-corrupt", "sums-cut", "sums-corrupt"])
    fault = {"data": what, "pos": rng.random(), "token": rng.choice(
        [b"x", b"", b"1.5", b"0x1f", b"1e3", b"--2", b"99999999999999999999999", b"-5",
         b"-99999999999999999999999"]), "bytes": [rng.randrange(256) for _ in range(3)],
        "count": rng.randint(1, 3), "column": rng.randrange(10)}
    return fault


def pick_env(c, rng):
    what = rng.choice(["nofile", "vmem", "nproc", "cpu", "full", "immutable"])
    where = rng.choice(["reader", "stage", "writer"])
    if what == "full" or what == "immutable":
        where = "writer"
    if what == "cpu":
        where = "stage"
    value = {"nofile": rng.randint(3, 40), "vmem": rng.choice([200000, 1000000, 2400000, 2600000, 3000000]),
             "nproc": rng.choice([1, 20, 60, 200]), "cpu": rng.randint(1, 2)}.get(what)
    return {"env": what, "where": where, "value": value}


def describe(c):
    if getattr(c, "family", "sums") == "text":
        return describe_text(c)
    stage = stage_command(c)
    middle = ("fanout " + " ".join(c.fanout_args) + " " + stage) if c.fanout else stage
    f = c.fault
    if c.kind == "signal":
        sig = "RT%d" % f["number"] if f["number"] else f["signal"]
        target = "worker %d" % f["worker"] if f["target"] == "worker" else f["target"]
        when = "%s of its %s" % (f["when"], f["from"]) if f["when"] == "start" else f["when"]
        fault = "%s to %s at %s+%.0fms" % (sig, target, when, f["delay"] * 1000) if f["when"] != "last" \
            else "%s to %s at %.0f%% of the input" % (sig, target, f["frac"] * 100)
    elif c.kind == "data":
        fault = "data %s at %.3f" % (f["data"], f["pos"]) + (" %r" % f["token"].decode() if f["data"] == "field" else "")
    else:
        fault = "env %s %s on %s" % (f["env"], f["value"] if f["value"] is not None else "", f["where"])
    feed = "reader F" if c.kind != "data" or f["data"] in ("field", "cut") else "cat " + f["data"].split("-")[0]
    return "%s | %s | writer %s; %s" % (feed, middle, "> OUT" if c.to_stdout else "-o OUT", fault)


# --- the text family: reader --lines, --text, --typed, several files, writer's formats, --each ----

# Chosen by --family text; its seeds are its own (random.Random("text:S")), so the sums family's
# seeds draw what they drew. Its truths come from python alone: the csv and json modules, and the
# project's python reference of reader --typed (examples/src/test/python/csv_reference.py).
sys.path.insert(0, os.path.join(ROOT, "examples", "src", "test", "python"))
import base64  # noqa: E402
import csv  # noqa: E402
import io  # noqa: E402
import json  # noqa: E402
import csv_reference  # noqa: E402

LINE_LIMIT = 8388592  # bytes of a line or row, its end not counted (reader.md)
VALUE_LIMIT = 8388592  # bytes of an --each process's output (fanout.md)
ARGUMENT_LIMIT = 131072  # Linux's MAX_ARG_STRLEN, the NUL included
WORDS = ["apple", "run-01.csv", "a b", "-n", "$HOME", "*", "x,y", 'say "hi"', "tab\there", "back\\slash",
         "caf\u00e9", "\u65e5\u672c", "\U0001f600", "  padded  ", "'quoted'", "semi;colon", "\x7f", "\x01ctl",
         "\u2028sep", "12", "-3", "1.5", ""]
FIELDS = ["12", "-3", "+4", "007", "123456789012345678901234567890", "1.5", "0.1", ".5", "3.", "1e-3",
          "2E+5", "3.14159265358979323846", "1e400", "apple", "n/a", "0x1f", "NaN", " 12 ", "5\"", "",
          "\u00e9t\u00e9", "\u65e5\u672c", "12 kg", "1,5", 'say "hi"', "two\nlines", "crlf\r\ninside",
          "cr\rinside", "\t", "-0.0", "9007199254740993.0"]
EACH_OUTPUTS = ["angle", "angle", "twice", "none", "bytes", "stderr", "closed", "newlines"]
EACH_POISONS = ["exit", "signal", "kill", "flaky", "big", "hang"]


def pick_text(seed):
    rng = random.Random("text:%d" % seed)
    c = Case()
    c.family, c.seed, c.rng = "text", seed, rng
    c.mode = rng.choice(["lines", "lines", "typed", "text", "each", "each", "each"])
    c.header = c.mode in ("typed", "text") and rng.random() < 0.6
    c.files = rng.choice([1, 1, 2, 3])
    c.stdin_at = rng.randrange(c.files) if rng.random() < 0.3 else None  # that input is `-`
    c.format = {"lines": rng.choice(["lines", "csv", "tsv", "jsonl"]), "typed": "jsonl",
                "text": "jsonl" if c.header else rng.choice(["csv", "tsv", "jsonl"]),
                "each": rng.choice(["lines", "lines", "csv", "tsv", "jsonl"])}[c.mode]
    c.to_stdout = rng.random() < 0.25
    c.crlf = rng.random() < 0.2
    c.bom = rng.random() < 0.2
    c.final_newline = rng.random() < 0.8
    c.rows = rng.randint(20, 120) if c.mode == "each" else rng.randint(50, 3000)
    c.middle, c.fanout_args = "", []
    if c.mode == "each":
        c.fanout_args = ["-n", str(rng.randint(1, 6))]
        if rng.random() < 0.35:
            c.fanout_args += ["--retries", str(rng.randint(1, 2))]
        if rng.random() < 0.35:
            c.fanout_args += ["--skip-failed"]
        c.output = rng.choice(EACH_OUTPUTS)
        c.poison = rng.choice(EACH_POISONS) if rng.random() < 0.6 else None
        c.command = rng.choice(["sh", "sh", "exec", "append", "around", "notfound", "noexec"]) \
            if rng.random() < 0.9 else "sh"
        c.c_locale = rng.random() < 0.1
    else:
        c.middle = rng.choice(["", "", "records", "lines"] if c.mode == "lines" else ["", "", "records"])
        if c.middle:
            c.fanout_args = ["-n", str(rng.randint(1, 4))] + (["-b", str(rng.choice([1, 7]))] if rng.random() < 0.3 else [])
    c.fanout = bool(c.fanout_args)
    c.kind = rng.choices(["odd", "bad", "files", "signal"], [4, 2, 1, 3] if c.mode == "each" else [3, 3, 1, 3])[0]
    if c.mode == "each" and c.poison == "hang":
        c.kind = "signal"  # a process that hangs until a signal: to it, or to the pipeline
    c.fault = {"odd": pick_odd, "bad": pick_bad, "files": pick_files, "signal": pick_text_signal}[c.kind](c, rng)
    c.roles = ["reader", "stage", "writer"] if c.fanout else ["reader", "writer"]
    return c


def pick_odd(c, rng):
    """Input that is odd but good: a line of 1 MB, a NUL byte, a lone CR, an empty file, a header alone."""
    what = rng.choice(["bigline", "nul", "cr", "empty-file", "header-only", "long-arg", "blank-lines"])
    return {"data": what, "pos": rng.random(), "file": rng.randrange(c.files)}


def pick_bad(c, rng):
    """Input that must fail: not UTF-8, a quote cut at the end, text after a closing quote, a header
    that names a field twice, a row with a field too many."""
    if c.mode in ("typed", "text"):
        what = rng.choice(["utf8", "cut-quote", "after-quote", "ragged", "dup-header"] if c.header
                          else ["utf8", "cut-quote", "after-quote"])
    else:
        what = "utf8"
    return {"data": what, "pos": rng.random(), "file": rng.randrange(c.files)}


def pick_files(c, rng):
    """A file that is missing, or vanishes or turns into a directory while reader reads the one
    before it (a FIFO, fed by a job that removes the next file before it ends the FIFO)."""
    what = rng.choice(["missing", "vanish", "directory"]) if c.files > 1 else "missing"
    at = rng.randrange(1, c.files) if c.files > 1 else 0
    if c.stdin_at in (at - 1, at) if what != "missing" else c.stdin_at == at:
        c.stdin_at = None  # the FIFO is a named file; and `- < missing` is the shell's failure, before reader
    return {"data": what, "file": at}


HANG_SIGNALS = ["TERM", "INT", "HUP", "USR1", "USR2", "ALRM", "XCPU", "KILL"]


def pick_text_signal(c, rng):
    if c.mode == "each" and c.poison == "hang":  # the one poison record hangs until a signal ends it
        target = rng.choice(["hung"] * 6 + ["stage", "group"])
        return {"signal": rng.choice(HANG_SIGNALS), "number": None, "target": target, "when": "start",
                "delay": rng.uniform(0, 0.5), "frac": 0, "worker": 1, "stop_for": 0, "from": "fork"}
    name = rng.choice(SIGNALS)
    targets = ["reader", "writer", "group", "bash"] + (["stage", "stage"] if c.fanout else [])
    if c.mode == "each":
        targets += ["worker"] * 4
    if c.mode == "each" and c.poison == "hang":
        targets += ["hung"] * 6
    target = rng.choice(targets)
    when = rng.choices(["start", "any", "last"], [4, 3, 3])[0]
    return {"signal": name, "number": rng.randint(signal.SIGRTMIN, signal.SIGRTMAX) if name == "RT" else None,
            "target": target, "when": when, "delay": rng.uniform(0, 0.2) if when == "start" else rng.uniform(0, 1),
            "frac": rng.uniform(0.5, 1.0), "worker": rng.randint(1, 8), "stop_for": rng.uniform(0.1, 1.5),
            "from": "fork" if target == "worker" else rng.choice(["fork", "exec"])}


def text_reader_command(c):
    return {"lines": "reader --lines", "typed": "reader --typed", "text": "reader --text",
            "each": "reader --lines"}[c.mode] + (" -H" if c.header else "")


def each_command(c):
    """fanout --each's CMD and ARGs, for a case's script each.sh in the case's folder."""
    return {"sh": "sh each.sh {}", "exec": "./each.sh {}", "append": "./each.sh", "around": "./each.sh x{}y",
            "notfound": "no-such-command-chaos {}", "noexec": "./each-noexec.sh {}"}[c.command]


def text_middle(c):
    if c.mode == "each":
        return "fanout --each %s %s" % (" ".join(c.fanout_args), each_command(c))
    if c.middle == "records":
        return "fanout %s cat" % " ".join(c.fanout_args)
    if c.middle == "lines":
        return "fanout --lines %s cat" % " ".join(c.fanout_args)
    return ""


def describe_text(c):
    names = ["-" if i == c.stdin_at else "f%d" % i for i in range(c.files)]
    stages = [text_reader_command(c) + " " + " ".join(names)]
    if c.fanout:
        stages.append(("LC_ALL=C " if c.mode == "each" and c.c_locale else "") + text_middle(c))
    stages.append("writer -f %s %s" % (c.format, "> OUT" if c.to_stdout else "-o OUT"))
    f = c.fault
    shape = "%d rows%s%s%s" % (c.rows, ", CRLF" if c.crlf else "", ", BOM" if c.bom else "",
                               "" if c.final_newline else ", no final LF")
    if c.mode == "each":
        shape += ", output %s, poison %s" % (c.output, c.poison)
    if c.kind == "signal":
        sig = "RT%d" % f["number"] if f["number"] else f["signal"]
        target = "worker %d" % f["worker"] if f["target"] == "worker" else f["target"]
        fault = "%s to %s at %s" % (sig, target, "%s+%.0fms" % (f["when"], f["delay"] * 1000) if f["when"] != "last"
                                     else "%.0f%% of the input" % (f["frac"] * 100))
    elif c.kind == "files":
        fault = "file %s: f%d" % (f["data"], f["file"])
    else:
        fault = "%s %s at %.3f in f%d" % (c.kind, f["data"], f["pos"], f["file"])
    return "text: %s (%s); %s" % (" | ".join(stages), shape, fault)


# The content: each input's lines (or rows), as text, before its line ends are put on

def text_lines(c, rng, count):
    lines = []
    for i in range(count):
        roll = rng.random()
        if c.mode == "each" and roll < 0.08 and not (c.poison == "hang" and c.hung):
            lines.append("POISON-%d" % i)
            c.hung = True  # one record hangs: the one signal ends it
        elif roll < 0.1:
            lines.append("")
        else:
            lines.append(" ".join(rng.choice(WORDS) for _ in range(rng.randint(1, 4))))
    return lines


def csv_field(text, rng):
    if any(ch in text for ch in ',"\r\n') or text[:1] == '"' or rng.random() < 0.1:
        return '"' + text.replace('"', '""') + '"'
    return text


def text_rows(c, rng, count, columns):
    rows = []
    for _ in range(count):
        rows.append(",".join(csv_field(rng.choice(FIELDS), rng) for _ in range(columns)))
    return rows


def make_inputs(c):
    """Each input file's bytes, with the fault put in: [bytes, ...]."""
    rng = random.Random("text-input:%d" % c.seed)
    f = c.fault
    c.hung = False
    columns = rng.randint(1, 5)
    per_file = [c.rows // c.files + (1 if i < c.rows % c.files else 0) for i in range(c.files)]
    end = "\r\n" if c.crlf else "\n"
    inputs = []
    for i, count in enumerate(per_file):
        if c.mode in ("typed", "text"):
            lines = text_rows(c, rng, count, columns)
            if c.header:
                lines.insert(0, ",".join("c%d" % k for k in range(columns)))
        else:
            lines = text_lines(c, rng, count)
        if f.get("file") == i and c.kind in ("odd", "bad"):
            lines = put_fault(c, f, lines, columns, rng)
        if lines is None:
            inputs.append(b"")
            continue
        text = end.join(lines) + (end if c.final_newline or f.get("data") == "header-only" else "")
        data = text.encode("utf-8", "surrogateescape")
        if c.bom:
            data = b"\xef\xbb\xbf" + data
        if c.kind == "bad" and f["data"] == "utf8" and f["file"] == i:
            at = data.find(b"@UTF8@")
            data = data[:at] + b"caf\xc3(" + data[at + 6:]
        if c.kind == "bad" and f["data"] == "cut-quote" and f["file"] == i:
            data = data.rstrip(b"\r\n") + b',"cut off at the end of the file'
        inputs.append(data)
    return inputs


def put_fault(c, f, lines, columns, rng):
    at = int(f["pos"] * len(lines)) if lines else 0
    what = f["data"]
    body = 1 if c.header else 0  # the header stays first
    at = max(at, body)
    if what == "empty-file":
        return None
    if what == "header-only":
        return lines[:1] if c.header else []
    if what == "bigline":
        big = "x" * (1 << 20)
        text = big if c.mode in ("lines", "each") else ",".join([big] * columns)
        return lines[:at] + [text] + lines[at:]
    if what == "nul":
        text = "nul\x00byte" if c.mode in ("lines", "each") else ",".join(["nul\x00byte"] * columns)
        return lines[:at] + [text] + lines[at:]
    if what == "cr":
        text = "lone\rcr" if c.mode in ("lines", "each") else ",".join(['"lone\rcr"'] * columns)
        return lines[:at] + [text] + lines[at:]
    if what == "long-arg":  # an argument longer than Linux allows (--each), or a long line anyway
        text = "L" * 200000 if c.mode in ("lines", "each") else ",".join(["L" * 200000] * columns)
        return lines[:at] + [text] + lines[at:]
    if what == "blank-lines":
        return lines[:at] + ["", "", ""] + lines[at:]
    if what == "utf8":
        return lines[:at] + ["@UTF8@" if c.mode in ("lines", "each") else ",".join(["@UTF8@"] * columns)] + lines[at:]
    if what == "after-quote":
        return lines[:at] + [",".join(['"4"x'] * columns)] + lines[at:]
    if what == "ragged":
        return lines[:at] + [",".join(["1"] * (columns + 1))] + lines[at:]
    if what == "dup-header":
        return [",".join(["c0"] * (columns + 1))] + lines[1:]
    return lines


# The truth: what the pipeline writes, as (seq, line) items, and where it must fail

class Items:
    """The truth of a text case: each record's line as (seq, bytes), the seqs whose record fails for
    good (fanout --skip-failed skips them), and whether the run must fail."""

    def __init__(self):
        self.items, self.failing, self.must_fail, self.done = [], set(), False, False

    def add(self, seq, line):
        if not self.done:
            self.items.append((seq, line))

    def fail(self):
        self.must_fail = self.done = True

    def lines(self, skipped=()):
        return b"".join(line for seq, line in self.items if seq not in skipped)


def lines_of(data):
    """reader --lines on one input: its lines, bytes, the LF (or CRLF) taken off; a last line
    without its LF kept, and its CR too."""
    parts = data.split(b"\n")
    last = parts.pop()
    lines = [p[:-1] if p.endswith(b"\r") else p for p in parts]
    return lines + ([last] if last else [])


def render(fmt, seq, value):
    """writer -f FMT's line for [seq, value], value text (str) or a byte string (bytes); None where
    writer must fail on it."""
    if isinstance(value, bytes):
        text = base64.b64encode(value).decode()
        if fmt == "jsonl":
            return ('{"seq":%d,"value":%s}\n' % (seq, json.dumps(text))).encode()
        return ("%s\n" % text if fmt == "lines" else "%d%s%s\n" % (seq, "\t" if fmt == "tsv" else ",", text)).encode()
    if fmt == "lines":
        return None if "\n" in value else (value + "\n").encode()
    if fmt == "jsonl":
        return ('{"seq":%d,"value":%s}\n' % (seq, json.dumps(value, ensure_ascii=False))).encode()
    return ("%d%s%s\n" % (seq, "\t" if fmt == "tsv" else ",", delimited(fmt, value))).encode()


def delimited(fmt, value):
    if fmt == "tsv":
        return value.replace("\\", "\\\\").replace("\t", "\\t").replace("\n", "\\n").replace("\r", "\\r")
    return '"' + value.replace('"', '""') + '"' if any(ch in value for ch in ',"\r\n') else value


def lines_truth(c, inputs):
    """reader --lines | [fanout (--lines) cat] | writer -f FMT."""
    t, seq = Items(), 0
    for data in inputs:
        for line in lines_of(data):
            try:
                text = line.decode("utf-8")
            except UnicodeDecodeError:
                t.fail()
                return t
            if len(line) > LINE_LIMIT or (c.middle == "lines" and text.endswith("\r")):
                t.fail()
                return t
            rendered = render(c.format, seq, text)
            if rendered is None:
                t.fail()
                return t
            t.add(seq, rendered)
            seq += 1
    return t


def csv_truth_text(c, inputs):
    """reader --text or --typed [-H] | [fanout cat] | writer -f FMT, by python's csv module."""
    t, seq = Items(), 0
    csv.field_size_limit(sys.maxsize)
    for data in inputs:
        if data.startswith(b"\xef\xbb\xbf"):
            data = data[3:]
        text = data.decode("utf-8", "surrogateescape")
        rows = csv.reader(io.StringIO(text, newline=""), strict=True)
        names = None
        try:
            for row in rows:
                if not row:
                    continue
                if any("\udc80" <= ch <= "\udcff" for field in row for ch in field):
                    t.fail()  # not UTF-8
                    return t
                if c.header and names is None:
                    if len(set(row)) != len(row):
                        t.fail()
                        return t
                    names = row
                    continue
                if sum(len(field.encode()) + 1 for field in row) > LINE_LIMIT:
                    t.fail()
                    return t
                values = [csv_reference.typed(field, " \t") if c.mode == "typed" else field for field in row]
                if names is not None:
                    if len(row) != len(names):
                        t.fail()
                        return t
                    values = dict(zip(names, values))
                if c.format == "jsonl":
                    line = '{"seq":%d,"value":%s}\n' % (seq, csv_reference.json_value(values))
                else:
                    sep = "\t" if c.format == "tsv" else ","
                    line = "%d%s\n" % (seq, "".join(sep + delimited(c.format, v) for v in values))
                t.add(seq, line.encode())
                seq += 1
        except csv.Error:
            t.fail()
            return t
    return t


EACH_SCRIPT = r"""#!/bin/sh
# one record's process: poison %(poison)s, output %(output)s
case "$1" in
*POISON*)
  case %(poison)s in
  exit) printf 'each.sh: poison record: %%s\n' "$1" >&2; exit 3 ;;
  signal) kill -SEGV $$ ;;
  kill) kill -KILL $$ ;;
  big) head -c 9000000 /dev/zero | tr '\0' a; exit 0 ;;
  flaky|hang)
    mark="%(marks)s/$(printf '%%s' "$1" | cksum | tr ' ' _)"
    if [ ! -e "$mark" ]; then
      : > "$mark"
      [ %(poison)s = hang ] && exec sleep 600
      printf 'each.sh: fails once: %%s\n' "$1" >&2; exit 4
    fi ;;
  esac ;;
esac
case %(output)s in
angle) printf '<%%s>\n' "$1" ;;
twice) printf '%%s\n%%s\n' "$1" "$1" ;;
none) ;;
bytes) printf '\377\376%%s' "$1" ;;
stderr) printf 'each.sh: %%s\n' "$1" >&2; printf 'ok\n' ;;
closed) printf '%%s' "$1"; exec >&-; sleep 0.01 ;;
newlines) printf '%%s\n\n\n' "$1" ;;
esac
"""


def each_value(c, text):
    """What each.sh prints for a record's argument, less one final newline: str, or bytes if not UTF-8."""
    out = {"angle": "<%s>\n" % text, "twice": "%s\n%s\n" % (text, text), "none": "",
           "stderr": "ok\n", "closed": text, "newlines": text + "\n\n\n"}.get(c.output)
    raw = b"\xff\xfe" + text.encode() if c.output == "bytes" else out.encode()
    if raw.endswith(b"\n"):
        raw = raw[:-1]
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError:
        return raw


def each_truth(c, inputs):
    """reader --lines LIST | fanout --each CMD | writer -f FMT: each record's line, or its failure."""
    t, seq = Items(), 0
    if c.command in ("notfound", "noexec"):
        t.fail()  # CMD is looked up before any record, and fails as a worker does, even on empty input
        return t
    retries = int(c.fanout_args[c.fanout_args.index("--retries") + 1]) if "--retries" in c.fanout_args else 0
    skip = "--skip-failed" in c.fanout_args
    for data in inputs:
        for line in lines_of(data):
            try:
                text = line.decode("utf-8")
            except UnicodeDecodeError:
                t.fail()
                return t
            if len(line) > LINE_LIMIT:
                t.fail()
                return t
            arg = "x%sy" % text if c.command == "around" else text
            fails = len(arg.encode()) + 1 > ARGUMENT_LIMIT or "\0" in arg \
                or (c.c_locale and not arg.isascii())
            if "POISON" in arg and c.poison in ("exit", "signal", "kill", "big"):
                fails = True
            if "POISON" in arg and c.poison in ("flaky", "hang") and retries == 0:
                fails = True  # hang: only as a signal ends it, which fails its one try
            if fails:
                t.failing.add(seq)
                if not skip:
                    t.fail()
                    return t
                seq += 1
                continue
            value = each_value(c, arg)
            rendered = render(c.format, seq, value)
            if rendered is None:
                t.fail()
                return t
            t.add(seq, rendered)
            seq += 1
    return t


# --- running ----------------------------------------------------------------------------------

class Harness:
    def __init__(self, work, timeout, data):
        self.work, self.timeout, self.data_dir = work, timeout, data
        self.env = dict(os.environ, PATH=BIN + os.pathsep + os.environ.get("PATH", ""))

    def sh(self, script, cwd=None):
        """Runs SCRIPT (making inputs and truths), in a session of its own, killed if this is stopped."""
        process = subprocess.Popen(["bash", "-c", "set -eo pipefail; " + script], env=self.env,
                                   cwd=cwd or self.work, start_new_session=True)
        try:
            if process.wait() != 0:
                raise subprocess.CalledProcessError(process.returncode, script)
        finally:
            kill_session(process.pid)

    def data(self, d):
        csv = os.path.join(self.data_dir, "d%d.csv" % d)
        if not os.path.exists(csv):
            base = csv[:-4]
            self.sh("gencsv %d 10 %d > %s.part && reader %s.part > %s.rec && summer < %s.rec > %s.sums && mv %s.part %s"
                    % (ROWS, d, csv, csv, base, base, base, csv, csv))
        return csv

    def heavy_truth(self, source, is_records):
        """heavy's output for SOURCE (CSV or records), by a clean serial run, cached by content."""
        key = os.path.join(self.work, "heavy-" + hashlib.md5(open(source, "rb").read()).hexdigest())
        if not os.path.exists(key):
            feed = "cat %s" % source if is_records else "reader %s" % source
            self.sh("%s | %s | writer > %s.part && mv %s.part %s" % (feed, HEAVY, key, key, key))
        return open(key, "rb").read()

    def prepare(self, c, case_dir):
        """The input file and the truth: (feed command, truth bytes, bad: whether the run must fail)."""
        f = c.fault
        csv = self.data(c.data_seed)
        records = csv[:-4] + ".rec"
        if c.kind != "data":
            truth, bad_row = csv_truth(open(csv, "rb").read())
            if c.stage == "heavy":
                truth = self.heavy_truth(csv, False)
            return "reader %s" % csv, truth, False
        if f["data"] in ("field", "cut"):
            raw = open(csv, "rb").read()
            if f["data"] == "field":
                lines = raw.split(b"\n")
                row = int(f["pos"] * (len(lines) - 1))
                fields = lines[row].split(b",")
                fields[f["column"] % len(fields)] = f["token"]
                lines[row] = b",".join(fields)
                raw = b"\n".join(lines)
            else:
                raw = raw[:int(f["pos"] * len(raw))]
            path = os.path.join(case_dir, "in.csv")
            open(path, "wb").write(raw)
            truth, bad_row = csv_truth(raw)
            if c.stage == "heavy":  # of the whole input, or of the rows before the bad one
                good = path if bad_row is None else self.part(case_dir, b"".join(
                    line + b"\n" for line in raw.split(b"\n")[:bad_row]))
                truth = self.heavy_truth(good, False)
            return "reader %s" % path, truth, bad_row is not None
        source = records if f["data"].startswith("records") else csv[:-4] + ".sums"
        raw = bytearray(open(source, "rb").read())
        at = int(f["pos"] * len(raw))
        if f["data"].endswith("-cut"):
            raw = raw[:at]
        else:
            for i in range(f["count"]):
                if at + i < len(raw):
                    raw[at + i] = f["bytes"][i]
        path = os.path.join(case_dir, "in.rec")
        open(path, "wb").write(bytes(raw))
        try:
            truth, bad_at = records_truth(bytes(raw), c.stage, c.fanout)
        except Unsure as unsure:
            c.unsure = str(unsure)
            return "cat %s" % path, None, False
        if c.stage == "heavy":
            truth = self.heavy_truth(path if bad_at is None else self.part(case_dir, bytes(raw[:bad_at])), True)
        if "--skip-failed" in c.fanout_args and c.stage != "cat":
            each = records_each(bytes(raw), c.stage)
            c.skip_truth = b"".join(line for seq, item, line in each if line)
            if c.stage == "heavy":
                c.skip_truth = self.heavy_truth(self.part(case_dir, b"".join(item for seq, item, line in each if line)), True)
        return "cat %s" % path, truth, bad_at is not None

    @staticmethod
    def part(case_dir, data):
        path = os.path.join(case_dir, "good-part")
        open(path, "wb").write(data)
        return path

    def script(self, c, feed, out):
        stage = stage_command(c)
        middle = ("fanout " + " ".join(c.fanout_args) + " " + stage) if c.fanout else stage
        writer = "writer > %s" % out if c.to_stdout else "writer -o %s" % out
        parts = {"reader": feed, "stage": middle, "writer": writer}
        f = c.fault
        if c.kind == "env":
            where = f["where"]
            if f["env"] == "full":
                parts["writer"] = "writer > /dev/full" if c.to_stdout else "writer -o /dev/full"
            elif f["env"] != "immutable":
                flag = {"nofile": "-n", "vmem": "-v", "nproc": "-u", "cpu": "-t"}[f["env"]]
                parts[where] = "{ ulimit %s %d && exec %s; }" % (flag, f["value"], parts[where])
        return ("set -o pipefail\n%s | %s | %s\necho \"$? ${PIPESTATUS[*]}\" > status\n"
                % (parts["reader"], parts["stage"], parts["writer"]))

    def prepare_text(self, c, case_dir, out):
        """A text case's inputs, each.sh, and its script: (script, truth bytes, must_fail); its
        truth as Items in c.items."""
        f = c.fault
        inputs = make_inputs(c)
        os.mkdir(os.path.join(case_dir, "in"))
        suffix = ".txt" if c.mode in ("lines", "each") else ".csv"
        names = ["in/f%d%s" % (i, suffix) for i in range(c.files)]
        for i, data in enumerate(inputs):
            if not (c.kind == "files" and f["data"] == "missing" and f["file"] == i):
                open(os.path.join(case_dir, names[i]), "wb").write(data)
        feeder = ""
        if c.kind == "files" and f["data"] != "missing":
            before, gone = names[f["file"] - 1], names[f["file"]]
            os.rename(os.path.join(case_dir, before), os.path.join(case_dir, before + ".data"))
            os.mkfifo(os.path.join(case_dir, before))
            then = "rm -f %s" % gone + ("; mkdir %s" % gone if f["data"] == "directory" else "")
            feeder = "{ cat %s.data; %s; } > %s &\n" % (before, then, before)
        if c.mode == "each":
            marks = os.path.join(case_dir, "marks")
            os.mkdir(marks)
            script = EACH_SCRIPT % {"poison": c.poison, "output": c.output, "marks": marks}
            for name, mode in (("each.sh", 0o755), ("each-noexec.sh", 0o644)):
                open(os.path.join(case_dir, name), "w").write(script)
                os.chmod(os.path.join(case_dir, name), mode)
        c.items = (each_truth if c.mode == "each" else lines_truth if c.mode == "lines" else csv_truth_text)(c, inputs)
        if c.kind == "files" and f["data"] == "missing":
            c.items = self.truth_before(c, inputs, f["file"])
        args = ["-" if i == c.stdin_at else names[i] for i in range(c.files)]
        stages = [text_reader_command(c) + " " + " ".join(args) + (" < %s" % names[c.stdin_at] if c.stdin_at is not None else "")]
        if c.fanout:
            stages.append(("LC_ALL=C " if c.mode == "each" and c.c_locale else "") + text_middle(c))
        stages.append("writer -f %s %s" % (c.format, "> %s" % out if c.to_stdout else "-o %s" % out))
        script = "set -o pipefail\n%s%s\necho \"$? ${PIPESTATUS[*]}\" > status\n" % (feeder, " | ".join(stages))
        return script, c.items.lines(), c.items.must_fail

    @staticmethod
    def truth_before(c, inputs, missing):
        """The truth of the inputs before a missing one, which then fails the run."""
        truth = (each_truth if c.mode == "each" else lines_truth if c.mode == "lines" else csv_truth_text)(c, inputs[:missing])
        truth.fail()
        return truth

    def run(self, c):
        case_dir = tempfile.mkdtemp(prefix="case-%d-" % c.seed, dir=self.work)
        tmp = os.path.join(case_dir, "tmp")
        out_dir = os.path.join(case_dir, "out")
        os.mkdir(tmp)
        os.mkdir(out_dir)
        out = os.path.join(out_dir, "out.csv")
        old = b"old content of out.csv\n"
        open(out, "wb").write(old)
        if getattr(c, "family", "sums") == "text":
            script, truth, must_fail = self.prepare_text(c, case_dir, out)
        else:
            feed, truth, must_fail = self.prepare(c, case_dir)
            script = self.script(c, feed, out)
        open(os.path.join(case_dir, "run.sh"), "w").write(script)
        immutable = c.kind == "env" and c.fault["env"] == "immutable"
        if immutable and subprocess.run(["chattr", "+i", out_dir], stderr=subprocess.DEVNULL).returncode != 0:
            immutable = False  # no chattr, or a file system without the flag: the fault is not there
            c.fault["env"] = "immutable (chattr failed: none)"
        r = {"must_fail": must_fail, "sent": None, "stderr": ""}
        err = open(os.path.join(case_dir, "stderr"), "wb")
        start = time.monotonic()
        process = subprocess.Popen(["bash", "run.sh"], cwd=case_dir, stdin=subprocess.DEVNULL,
                                   stdout=err, stderr=err, start_new_session=True,
                                   env=dict(self.env, TMPDIR=tmp))
        sid = process.pid
        try:
            if c.kind == "signal":
                r["sent"] = self.fire(c, process, sid, start, out_dir, truth)
            try:
                process.wait(timeout=max(1, self.timeout - (time.monotonic() - start)))
                r["hang"] = False
            except subprocess.TimeoutExpired:
                r["hang"] = True
                r["hung"] = ["%d %s" % (p, cmdline(p)[:100]) for p in session_pids(sid)]
                kill_session(sid)
                process.wait()
            ended = time.monotonic()
            r["seconds"] = ended - start
            if not os.path.exists(os.path.join(case_dir, "status")):
                # the pipeline's bash was ended, and its stages go on without it: 5 s after they end
                while session_pids(sid) and time.monotonic() - start < self.timeout:
                    reap()
                    time.sleep(0.05)
                if session_pids(sid) and not r["hang"]:
                    r["hang"] = True
                    r["hung"] = ["%d %s" % (p, cmdline(p)[:100]) for p in session_pids(sid)]
                ended = time.monotonic()
            while session_pids(sid) and time.monotonic() - ended < LINGER:
                reap()
                time.sleep(0.05)
            r["left"] = ["%d %s" % (p, cmdline(p)[:100]) for p in session_pids(sid)]
            kill_session(sid)
            time.sleep(0.05)
            reap()
        finally:  # also when this harness is stopped (SIGINT, SIGTERM): the case's processes with it
            kill_session(sid)
            if immutable:
                subprocess.run(["chattr", "-i", out_dir])
        err.close()
        r["stderr"] = open(os.path.join(case_dir, "stderr"), "rb").read().decode("utf-8", "replace")
        status_file = os.path.join(case_dir, "status")
        if os.path.exists(status_file):
            words = open(status_file).read().split()
            r["status"], r["statuses"] = int(words[0]), [int(w) for w in words[1:]]
        else:  # the pipeline's bash was ended: its own status
            rc = process.returncode
            r["status"], r["statuses"] = (128 - rc if rc < 0 else rc), None
        r["out"] = open(out, "rb").read() if os.path.exists(out) else None
        r["old"], r["truth"] = old, truth
        # a JVM's crash report and JIT replay file, which the launcher puts in TMPDIR, are kept there
        # on purpose (docs/GUARANTEES.md); in the current directory they are left behind
        r["crash_files"] = [n for n in os.listdir(tmp) if CRASH_FILE.match(n)]
        r["tmp_left"] = [n for n in os.listdir(tmp) if n not in r["crash_files"]]
        r["temp_left"] = [n for n in os.listdir(out_dir) if n != "out.csv"]
        r["cwd_left"] = [n for n in os.listdir(case_dir) if n.startswith(("hs_err_pid", "replay_pid"))]
        r["case_dir"] = case_dir
        return r

    def fire(self, c, process, sid, start, out_dir, truth):
        """Waits for the moment and the target the case names, and sends the signal. Returns what was
        sent to what: {pid, what, age, caught, ignored, ...}, or None if the run ended first."""
        f = c.fault
        sig = f["number"] or getattr(signal, "SIG" + f["signal"])
        deadline = start + self.timeout / 2
        born = None
        target = None
        seen = {}

        def find():
            """The target's pid, once it is there: the pipeline's three processes are pinned by role
            (bash forks them left to right) the first time all three are seen."""
            if f["target"] == "group":
                return sid
            if f["target"] == "bash":
                return process.pid
            roles = getattr(c, "roles", ["reader", "stage", "writer"])
            if "roles" not in seen:
                kids = children(process.pid, sid)
                if len(kids) != len(roles):
                    return None
                seen["roles"] = dict(zip(roles, kids))
            if f["target"] not in ("worker", "hung"):
                return seen["roles"][f["target"]]
            fanout = seen["roles"]["stage"]
            if what_it_is(fanout) != "jvm":
                return None
            workers = children(fanout, sid)
            if f["target"] == "hung":  # the --each process that sleeps until a signal ends it
                workers = [w for w in workers if cmdline(w).startswith("sleep")]
            if not workers:
                return None
            return workers[(f["worker"] - 1) % len(workers)]

        while time.monotonic() < deadline and process.poll() is None:
            target = find()
            if target:
                if born is None and (f["from"] == "fork" or f["target"] in ("group", "bash", "hung")
                                     or what_it_is(target) == "jvm"):
                    born = time.monotonic()  # from its fork, or from its exec of java
                if f["when"] == "start" and born is not None and time.monotonic() >= born + f["delay"]:
                    break
                if f["when"] == "any" and time.monotonic() >= start + f["delay"]:
                    break
                if f["when"] == "last" and self.progress(process.pid, sid, out_dir, truth, seen) >= f["frac"]:
                    break
            time.sleep(0.002)
        else:
            return None
        sent = {"pid": target, "signal": sig}
        if f["target"] != "group":
            sent["what"] = what_it_is(target)
            sent["caught"], sent["ignored"] = signal_masks(target)
            stat = proc_stat(target)
            sent["age"] = uptime() - stat[2] if stat else None
        else:
            sent["what"] = "group"
            sent["members"] = [(p, what_it_is(p)) + signal_masks(p) for p in session_pids(sid)]
        try:
            if f["target"] == "group":
                os.killpg(sid, sig)
            else:
                os.kill(target, sig)
            if sig == signal.SIGSTOP:
                time.sleep(f["stop_for"])
                if f["target"] == "group":
                    os.killpg(sid, signal.SIGCONT)
                else:
                    os.kill(target, signal.SIGCONT)
        except ProcessLookupError:
            sent["gone"] = True
        sent["at"] = time.monotonic() - start
        return sent

    @staticmethod
    def progress(bash, sid, out_dir, truth, seen):
        """How far the run has got, as a fraction: of its input file, read by the first stage (reader,
        or cat), from the offset of its descriptor on it (all of it once that is closed again); or of
        the truth's bytes, written by writer (its temporary file, or OUT). SEEN: whether the input was
        seen open, kept from call to call."""
        read = 0.0
        first = seen.get("roles", {}).get("reader")
        if first:
            fds = "/proc/%d/fd" % first
            try:
                open_now = False
                for fd in os.listdir(fds):
                    path = os.readlink(os.path.join(fds, fd))
                    if path.endswith((".csv", ".rec", ".txt")) and os.path.isfile(path):
                        with open("/proc/%d/fdinfo/%s" % (first, fd)) as info:
                            pos = int(info.readline().split()[1])
                        read = max(read, pos / max(1, os.path.getsize(path)))
                        open_now = seen["input"] = True
                if seen.get("input") and not open_now:
                    read = 1.0
            except (OSError, ValueError, IndexError):
                pass
        size = 0
        try:
            for name in os.listdir(out_dir):
                size = max(size, os.path.getsize(os.path.join(out_dir, name)))
        except OSError:
            pass
        return max(read, size / max(1, len(truth)))


# --- verdicts ---------------------------------------------------------------------------------

def skipped_seqs(stderr):
    return {int(s) for s in re.findall(r"fanout: skipped record seq (\d+)", stderr)}


def without(truth, seqs):
    return b"".join(line for line in truth.splitlines(keepends=True) if int(line.split(b",")[0]) not in seqs)


def judge(c, r):
    """(verdict, why): 'pass', 'finding' or 'limit'."""
    problems = leftovers(r)
    if getattr(c, "family", "sums") == "text":
        return verdict(c, r, problems + text_problems(c, r))
    status, out, truth = r["status"], r["out"], r["truth"]
    statuses = r["statuses"]
    if truth is None:  # the harness can't tell what writer makes of the input: a failure must keep the file
        if status == 0:
            return ("unsure", "exit 0 from an input whose output this harness can't tell: " + c.unsure) \
                if not problems else ("finding", "; ".join(problems))
        truth = b"\0"  # matches no OUT: a failure must have kept the old one
    fanout_status = statuses[1] if statuses and c.fanout else None
    if status == 0:
        if r["must_fail"]:
            problems.append("exit 0 from input that must fail")
        if out != truth:
            problems.append("exit 0 but OUT is not the truth (%s)" % compare(out, truth))
    elif status == 3 and fanout_status == 3 and "--skip-failed" in c.fanout_args and statuses[2] == 0:
        # the records it was given less those it names, each good one summed (a corrupt one skipped)
        expected = without(getattr(c, "skip_truth", truth), skipped_seqs(r["stderr"]))
        if out != expected:
            problems.append("exit 3 but OUT is not the truth less the skipped seqs (%s)" % compare(out, expected))
    elif c.to_stdout:  # > OUT emptied it, or failed before (its bash ended, /dev/full): a prefix, or the old
        if out not in (None, r["old"]) and not truth.startswith(out) \
                and not without(truth, skipped_seqs(r["stderr"])).startswith(out):
            problems.append("failed (%d) and OUT is no prefix of the truth (%s)" % (status, compare(out, truth)))
    elif out != r["old"] and (out != truth or r["must_fail"]):  # the whole truth: a failure after the rename
        problems.append("failed (%s) but OUT is neither its old content nor the whole truth (%s)"
                        % (statuses or status, "%d lines, from input that must fail" % len(out.splitlines())
                           if out is not None and r["must_fail"] else compare(out, truth)))
    return verdict(c, r, problems)


def leftovers(r):
    """A hang, and what a run left behind."""
    problems = []
    if r["hang"]:
        problems.append("hang: still running after %d s: %s" % (int(r["seconds"]), "; ".join(r["hung"])[:300]))
    if r["left"]:
        problems.append("processes left 5 s after: " + "; ".join(r["left"])[:300])
    if r["tmp_left"]:
        problems.append("left in TMPDIR: " + " ".join(r["tmp_left"]))
    if r["temp_left"]:
        problems.append("left beside OUT: " + " ".join(r["temp_left"]))
    if r["cwd_left"]:
        problems.append("left in the current directory: " + " ".join(r["cwd_left"]))
    return problems


# Whose lines may be on a text case's stderr: the tools, the case's own scripts and the shell's; a
# usage error's second line; the JVM's thread dump on SIGQUIT and its crash summary
SPEAKERS = re.compile(r"(reader|fanout|writer|each\.sh|run\.sh|sh|bash|head|tr|sleep): |Try '\w+ --help'"
                      r"|Full thread dump|\s|\"|JNI global refs|Heap\b|Threads class SMR|\w+ \{|\}|$|# ")


def unclear_messages(c, r):
    """stderr lines a user can't place: without a tool's name in front, or a Java stack trace."""
    if c.kind == "signal" and c.fault["signal"] == "QUIT":
        return []  # the JVM's thread dump
    lines = r["stderr"].split("\n")  # not splitlines(): U+2028 and the like are in the records' text
    unclear = [line for line in lines if not SPEAKERS.match(line) or re.match(r"\s+at [\w.$]+\(", line)
               or re.search(r"\b(java|jdk|dev\.recpipe)\.[\w.$]*(Exception|Error)\b", line)]
    return ["unclear message on stderr: %r" % unclear[0][:200]] if unclear else []


def text_problems(c, r):
    """The invariant for a text case, from its Items: exit 0 and the truth; exit 3 from fanout
    --skip-failed and the truth less exactly the records that fail (and the one a signal hit); or a
    failure that kept OUT's old content (writer > OUT: a prefix of the truth)."""
    problems, t = unclear_messages(c, r), c.items
    status, statuses, out, truth = r["status"], r["statuses"], r["out"], t.lines()
    skip = "--skip-failed" in c.fanout_args
    skipped = skipped_seqs(r["stderr"])
    hit = c.kind == "signal" and c.fault["target"] in ("worker", "hung")  # a record's process, killed: it fails
    if status == 0:
        if t.must_fail or (skip and t.failing):
            problems.append("exit 0 from input that must fail" + (" (records %s fail)" % sorted(t.failing)[:5] if t.failing else ""))
        if out != truth:
            problems.append("exit 0 but OUT is not the truth (%s)" % compare(out, truth))
    elif status == 3 and skip and statuses and statuses[1] == 3 and statuses[-1] == 0:
        if t.failing - skipped:
            problems.append("exit 3 without skipping records that fail: seqs %s" % sorted(t.failing - skipped)[:5])
        if skipped - t.failing and not hit:
            problems.append("exit 3, skipping records that do not fail: seqs %s" % sorted(skipped - t.failing)[:5])
        if out != t.lines(skipped):
            problems.append("exit 3 but OUT is not the truth less the skipped seqs (%s)" % compare(out, t.lines(skipped)))
    elif c.to_stdout:
        if out not in (None, r["old"]) and not truth.startswith(out) and not t.lines(skipped).startswith(out):
            problems.append("failed (%d) and OUT is no prefix of the truth (%s)" % (status, compare(out, truth)))
    elif out != r["old"] and (out != truth or t.must_fail):
        problems.append("failed (%s) but OUT is neither its old content nor the whole truth (%s)"
                        % (statuses or status, compare(out, truth)))
    return problems


def verdict(c, r, problems):
    """'pass' without problems; else 'limit' if they are a documented limit's, or 'finding'."""
    if not problems:
        return "pass", ""
    limit = documented_limit(c, r)
    return ("limit", limit + ": " + "; ".join(problems)) if limit else ("finding", "; ".join(problems))


def compare(out, truth):
    if out is None:
        return "no OUT"
    lines, expected = out.splitlines(), truth.splitlines()
    for i, (a, b) in enumerate(zip(lines, expected)):
        if a != b:
            return "line %d is %r, expected %r" % (i + 1, a[:40], b[:40])
    return "%d lines, expected %d" % (len(lines), len(expected))


def bit(sig):
    return 1 << (sig - 1)


def documented_limit(c, r):
    """The limit of docs/GUARANTEES.md that this case's broken invariant is, or None."""
    f, sent = c.fault, r["sent"]
    record_process = getattr(c, "family", "sums") == "text" and f.get("target") in ("worker", "hung")
    if c.kind == "signal" and sent and not record_process:
        sig = sent["signal"]
        if f["target"] == "bash":  # the pipeline's own shell: no stage, and it has no mark to write
            victims = []
        elif f["target"] == "group":
            victims = [m for m in sent["members"] if m[0] != sent["pid"]]
        else:
            victims = [(sent["pid"], sent["what"], sent.get("caught", 0), sent.get("ignored", 0))]
        worker_only = f["target"] == "worker"
        if sig == signal.SIGKILL and not worker_only:
            return "SIGKILL to a stage"
        if signal.SIGRTMIN <= sig <= signal.SIGRTMAX and not worker_only:
            return "a real-time signal"
        for pid, what, caught, ignored in victims:
            if what in ("shell", "subshell") and sig in TERMINATING and not ignored & bit(sig):
                # the launcher's traps end a record tool's output with the mark, but not in its
                # first lines, before it has read the tool's row, nor in bash's fork before the
                # launcher runs (its handlers are bash's, and end it as the default would)
                return "a signal before the stage's JVM started (its launcher's shell, or the pipeline shell's fork of it)"
            if sig in TERMINATING and not (caught | ignored) & bit(sig):
                return "a signal before the %s had its handler (%s)" % (what, "first moments")
            if what == "jvm" and sig in (signal.SIGTERM, signal.SIGINT, signal.SIGHUP) \
                    and not caught & bit(signal.SIGUSR1):
                return "a signal to a JVM before the tool's main had set its handlers"
    if c.kind == "env":
        err = r["stderr"]
        if re.search(r"Error occurred during initialization of VM|Could not create the Java Virtual Machine"
                     r"|Could not reserve enough space|There is insufficient memory|pthread_create failed"
                     r"|unable to create native thread|Invalid argument|A fatal error has been detected", err):
            return "a JVM (or shell) that fails in its own start"
        if f["env"] == "vmem" and r["statuses"] and 139 in r["statuses"]:
            return "a JVM that fails in its own start (SIGSEGV under a low ulimit -v, JDK 17)"
        if f["env"] == "nofile" and f["value"] <= 10:
            return "an open file limit too low for the launcher's shell (10 and below)"
        if f["env"] == "cpu" and f["value"] <= 1:
            return "a hard CPU limit of 1 s"
    if r["crash_files"]:
        return "a JVM's fatal error"
    return None


# --- main -------------------------------------------------------------------------------------

def stopped(number, frame):
    raise KeyboardInterrupt  # SIGTERM as SIGINT: the case under way is killed, the summary printed


def main():
    parser = argparse.ArgumentParser(description="generated faults, end to end")
    parser.add_argument("cases", nargs="?", type=int, default=20)
    parser.add_argument("--seed", type=lambda text: [int(seed) for seed in text.split(",")],
                        help="run this case, or these (S1,S2,...)")
    parser.add_argument("--data", help="keep the generated inputs (gencsv, reader) in this folder, for the next run")
    parser.add_argument("--from", dest="first", type=int, default=1, help="the first seed (default 1)")
    parser.add_argument("--kinds", default="", help="only the scenarios whose description matches")
    parser.add_argument("--family", choices=["sums", "text"], default="sums",
                        help="sums: reader | [fanout] summer|heavy | writer (the default); text: reader --lines, "
                             "--text, --typed, several files, writer's formats, fanout --each (seeds of its own)")
    parser.add_argument("--timeout", type=float, default=60)
    parser.add_argument("--keep", action="store_true", help="keep the cases' folders")
    args = parser.parse_args()
    seeds = args.seed if args.seed is not None else range(args.first, args.first + args.cases)
    signal.signal(signal.SIGPIPE, signal.SIG_DFL)
    become_subreaper()
    work = tempfile.mkdtemp(prefix="recpipe-chaos-")
    harness = Harness(work, args.timeout, args.data or work)
    counts, findings, limits = {}, [], {}
    signal.signal(signal.SIGTERM, stopped)
    # Run in the background (cmd &), this process and every pipeline it starts had SIGINT and SIGQUIT
    # ignored from the start, and the tools keep a signal ignored at their start ignored: each
    # SIGINT case passed, testing nothing. A handler here is reset to the default in the pipelines.
    for sig in (signal.SIGINT, signal.SIGQUIT):
        if signal.getsignal(sig) == signal.SIG_IGN:
            signal.signal(sig, stopped)
    try:
        for seed in seeds:
            c = pick_text(seed) if args.family == "text" else pick(seed)
            text = describe(c)
            if args.kinds and not re.search(args.kinds, text):
                continue
            r = harness.run(c)
            verdict, why = judge(c, r)
            kind = c.kind + ":" + (c.fault.get("signal") or c.fault.get("data") or c.fault.get("env"))
            if args.family == "text":
                kind = c.mode + " " + kind
            counts.setdefault(kind, {"pass": 0, "finding": 0, "limit": 0, "unsure": 0})[verdict] += 1
            sent = r["sent"]
            sent_text = "" if c.kind != "signal" else (" [not sent: the run ended first]" if not sent else
                                                       " [to %s, at %.2fs%s]" % (sent["what"], sent["at"],
                                                       ", age %.0fms" % (sent["age"] * 1000) if sent.get("age") is not None else ""))
            print("seed %d: %s%s; status %s %s; %.1fs; %s%s" % (seed, text, sent_text, r["status"],
                  r["statuses"], r["seconds"], verdict.upper(), (": " + why) if why else ""), flush=True)
            if verdict == "finding":
                findings.append(("--family text --seed %d" % seed if args.family == "text" else "--seed %d" % seed,
                                 text, why, r["stderr"].strip().splitlines()[-3:]))
            elif verdict == "limit":
                name = why.split(":")[0]
                limits[name] = limits.get(name, 0) + 1
            if not args.keep:
                shutil.rmtree(r["case_dir"], ignore_errors=True)
    except KeyboardInterrupt:
        say("stopped: the summary of the cases run so far")
    finally:
        if not args.keep:
            shutil.rmtree(work, ignore_errors=True)
        else:
            say("cases kept in", work)
    total = sum(sum(v.values()) for v in counts.values())
    print("\n%d cases: %d passed, %d findings, %d documented limits" % (
        total, sum(v["pass"] for v in counts.values()), len(findings), sum(limits.values())))
    for kind in sorted(counts):
        v = counts[kind]
        print("  %-22s %4d cases: %d pass, %d finding, %d limit%s" % (kind, sum(v.values()), v["pass"], v["finding"],
              v["limit"], ", %d unsure" % v["unsure"] if v["unsure"] else ""))
    if limits:
        print("documented limits:")
        for name in sorted(limits):
            print("  %4d  %s" % (limits[name], name))
    if findings:
        print("findings:")
        for seed, text, why, err in findings:
            print("  bench/chaos.sh %s   # %s: %s | stderr: %s" % (seed, text, why, " / ".join(err)))
    return 1 if findings else 0


if __name__ == "__main__":
    sys.exit(main())
