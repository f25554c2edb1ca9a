#!/usr/bin/env python3
"""run_summary.py FILE [COLUMN]: one line about a lab's run file, `FILE,rows,mean,max` of its
measurement column (the last one, or COLUMN); mean and max empty for a file with no rows.

A per-file program as people already have them, not a recpipe stage: it reads no records, and
fanout --each runs it once per file, `{}` its file name (examples/runs.sh):

    printf '%s\n' runs/*.csv | reader --lines - | fanout --each python3 run_summary.py {} | writer -f lines

A run file is CSV in UTF-8: a header naming the columns, then rows of as many comma-separated
fields; empty lines are skipped. It prints what runstats gives for the file, in the same text as
`writer` (numbers as Java prints a double), and fails the same way: a message naming the file and
line on stderr, exit 1. Standard library only.
"""
import re
import sys

DECIMAL = re.compile(r"[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?\Z")


def java_double(x):
    """x as Java's Double.toString writes it, as writer does: the shortest digits that read back as
    x, plain from 10^-3 to 10^7 (2.0, 0.001), else as d.dddE±n (1.0E7, 1.234E-5)."""
    if x == 0:
        return "-0.0" if str(x).startswith("-") else "0.0"
    sign = "-" if x < 0 else ""
    mantissa, exponent = ("%r" % abs(x)).replace("e", "E").partition("E")[::2]
    digits = mantissa.replace(".", "").lstrip("0")
    point = (mantissa.index(".") if "." in mantissa else len(mantissa)) + int(exponent or 0)
    point -= len(mantissa.replace(".", "")) - len(mantissa.replace(".", "").lstrip("0"))
    digits = digits.rstrip("0") or "0"
    if 1e-3 <= abs(x) < 1e7:
        if point <= 0:
            return sign + "0." + "0" * -point + digits
        whole, fraction = digits[:point].ljust(point, "0"), digits[point:]
        return sign + whole + "." + (fraction or "0")
    return sign + digits[0] + "." + (digits[1:] or "0") + "E" + str(point - 1)


def csv_field(text):
    """text as writer's csv writes a field: quoted when it holds a comma, a quote, CR or LF."""
    if any(c in text for c in ',"\r\n'):
        return '"' + text.replace('"', '""') + '"'
    return text


def fail(message):
    sys.exit("run_summary.py: " + message)


def summarize(name, column):
    try:
        with open(name, encoding="utf-8", newline="") as f:
            lines = f.read().splitlines()
    except FileNotFoundError:
        fail(name + ": No such file or directory")
    except IsADirectoryError:
        fail(name + ": Is a directory")
    except PermissionError:
        fail(name + ": Permission denied")
    except UnicodeDecodeError:
        fail(name + ": not UTF-8 text")
    if not lines:
        fail(name + ": empty file: expected a header line naming the columns")
    header = [field.strip() for field in lines[0].lstrip("\ufeff").split(",")]
    if column is None:
        index = len(header) - 1
    elif column in header:
        index = header.index(column)
    else:
        fail('%s:1: no column "%s" in the header, which names %s' % (name, column, ", ".join(header)))
    rows, total, largest = 0, 0.0, None
    for number, line in enumerate(lines[1:], start=2):
        if line == "":
            continue
        fields = line.split(",")
        if len(fields) != len(header):
            fail("%s:%d: expected %d fields, as in the header, found %d" % (name, number, len(header), len(fields)))
        field = fields[index].strip()
        if not DECIMAL.match(field):
            fail('%s:%d: %s: expected a decimal number, found "%s"' % (name, number, header[index], field))
        value = float(field)
        if value in (float("inf"), float("-inf")):
            fail("%s:%d: %s: %s is beyond the range of a double" % (name, number, header[index], field))
        rows, total = rows + 1, total + value
        largest = value if largest is None else max(largest, value)
    if rows == 0:
        return "%s,0,," % csv_field(name)
    return "%s,%d,%s,%s" % (csv_field(name), rows, java_double(total / rows), java_double(largest))


if __name__ == "__main__":
    if len(sys.argv) not in (2, 3):
        sys.exit("usage: run_summary.py FILE [COLUMN]")
    print(summarize(sys.argv[1], sys.argv[2] if len(sys.argv) == 3 else None))
