#!/usr/bin/env python3
"""A record filter with planted behaviours, for fanout's tests: `worker.py MODE [ARG]`.

Modes (each applies only to the worker slot in $FAULTY_WORKER, or to all workers when unset):
  sum          [seq, sum(row)] per record, like summer
  drop K       keep only records whose seq % K == 0 (K=0: drop everything)
  multiply K   write each record's sum K times
  sleep MS     sleep MS milliseconds per record, then sum
  crash N      exit 3 after N records (with CRASH_ONCE=FILE, only the first worker to get there
               does, and makes FILE; the others, and workers restarted in its place, go on)
  poison SEQ   exit 3 on reading the record with seq SEQ, every time
  hang SEQ     on reading the record with seq SEQ, write what it has and sleep, every time
  early N      exit 0 after reading N records (records would be lost; CRASH_ONCE applies)
  garbage      write bytes that are not CBOR
  undealt      write a record with a seq it was never dealt
  shift SEQ    write the record with seq SEQ as seq SEQ + 1, the others as in sum
  noread       never read stdin; sleep (CRASH_ONCE applies: the others sum)
  backwards    write seqs in decreasing order
With IGNORE_TERM set, every worker ignores SIGTERM (fanout must fall back to SIGKILL). With
CRASH_AFTER=N, in any mode, a worker exits 3 at its record N (counted from 0) after writing the first
of that record's results, as a crash in the middle of a record would (CRASH_ONCE applies). With
CRASH_SIGNAL=KILL, every planted crash is a SIGKILL the worker sends itself instead of exit status 3.
"""
import os
import signal
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import recpipe  # noqa: E402


def crash_now():
    marker = os.environ.get("CRASH_ONCE")
    if not marker:
        return True
    try:
        os.close(os.open(marker, os.O_CREAT | os.O_EXCL | os.O_WRONLY))
        return True
    except FileExistsError:
        return False


def crash(message):
    """Ends the worker as a planted crash: exit status 3, or SIGKILL with CRASH_SIGNAL=KILL."""
    sys.stdout.buffer.flush()
    sys.stderr.write("worker.py: planted crash%s\n" % message)
    sys.stderr.flush()
    if os.environ.get("CRASH_SIGNAL") == "KILL":
        os.kill(os.getpid(), signal.SIGKILL)
    return 3


def main():
    if os.environ.get("IGNORE_TERM"):
        signal.signal(signal.SIGTERM, signal.SIG_IGN)
    mode = sys.argv[1]
    arg = int(sys.argv[2]) if len(sys.argv) > 2 else 0
    faulty = os.environ.get("FAULTY_WORKER")
    if faulty and faulty != os.environ.get("RECPIPE_WORKER"):
        mode = "sum"
    stdin, out = sys.stdin.buffer, sys.stdout.buffer
    if mode == "noread":
        if crash_now():
            time.sleep(3600)
        mode = "sum"
    if mode == "garbage":
        out.write(b"\x1c\x1c\x1c not cbor")
        out.flush()
        for _ in recpipe.Reader(stdin):
            pass
        return 0
    previous = None
    crash_after = int(os.environ.get("CRASH_AFTER", "-1"))
    for count, (seq, row) in enumerate(recpipe.Reader(stdin)):
        if mode == "crash" and count == arg and crash_now():
            return crash("")
        if mode == "poison" and seq == arg:
            return crash(" on seq %d" % seq)
        if mode == "hang" and seq == arg:
            out.flush()
            time.sleep(3600)
        if mode == "early" and count == arg and crash_now():
            out.flush()
            return 0
        if mode == "sleep":
            time.sleep(arg / 1000.0)
        if mode == "drop" and (arg == 0 or seq % arg != 0):
            continue
        if mode == "undealt" or (mode == "shift" and seq == arg):
            seq += 1
        if mode == "backwards" and previous is not None:
            out.write(recpipe.encode_record(seq, sum(row)))
            out.write(recpipe.encode_record(previous, sum(row)))
            out.flush()
            continue
        previous = seq
        times = arg if mode == "multiply" else 1
        for i in range(times):
            out.write(recpipe.encode_record(seq, sum(row)))
            if i == 0 and count == crash_after and crash_now():
                return crash(" in the middle of record seq %d" % seq)
    out.flush()
    return 0


if __name__ == "__main__":
    sys.exit(main())
