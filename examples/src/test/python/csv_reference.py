"""What `reader --text` or `reader --typed` piped to `writer -f jsonl` must print, computed with
Python's csv module instead: RealCsvIT runs both on the same files and compares their bytes.

    python3 csv_reference.py (--text|--typed) [-H] [--ragged] [-d CHAR] FILE

The csv module reads the rows (strict, so text after a closing quote and an unterminated quote are
errors, as in reader); this script only does what reader does on top of it: skip empty lines, key
rows by the header, type fields, and write each record as writer's jsonl does (floats in Java's
Double.toString form, decimal fractions in plain notation). On a csv error it prints the records
before it, then the error on stderr, and exits 1.
"""

import csv
import decimal
import json
import math
import re
import sys

INTEGER = re.compile(r"[+-]?[0-9]+")
DECIMAL = re.compile(r"[+-]?([0-9]+\.[0-9]*|\.[0-9]+|[0-9]+)([eE][+-]?[0-9]{1,9})?")
MAX_PLAIN_SCALE = 1000  # writer's: past it a decimal fraction is written in scientific notation


def typed(text, blanks):
    """reader --typed's value of a field: None, int, float, Decimal or the text itself."""
    if text == "":
        return None
    number = text.strip(blanks)
    if INTEGER.fullmatch(number):
        return int(number)
    if DECIMAL.fullmatch(number) and re.search("[.eE]", number):
        exact = decimal.Decimal(number)
        nearest = float(number)
        if math.isfinite(nearest) and decimal.Decimal(repr(nearest)) == exact:
            return nearest
        return exact
    return text


def java_double(value):
    """The shortest digits of a double in Java's Double.toString form: 100000.0, 1.0E7, 1.5E-4."""
    if value == 0:
        return "-0.0" if math.copysign(1, value) < 0 else "0.0"
    sign, digits, exponent = decimal.Decimal(repr(value)).as_tuple()
    power = len(digits) - 1 + exponent  # of the first digit
    digits = "".join(map(str, digits)).rstrip("0") or "0"
    prefix = "-" if sign else ""
    if -3 <= power < 7:
        if power >= 0:
            whole = digits[:power + 1].ljust(power + 1, "0")
            fraction = digits[power + 1:] or "0"
        else:
            whole = "0"
            fraction = "0" * (-power - 1) + digits
        return prefix + whole + "." + fraction
    return prefix + digits[0] + "." + (digits[1:] or "0") + "E" + str(power)


def json_value(value):
    if value is None:
        return "null"
    if isinstance(value, bool):
        raise TypeError("no booleans in CSV")
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        return java_double(value)
    if isinstance(value, decimal.Decimal):
        scale = -value.as_tuple().exponent
        return format(value, "f") if abs(scale) <= MAX_PLAIN_SCALE else str(value)
    if isinstance(value, str):
        return json.dumps(value, ensure_ascii=False)
    if isinstance(value, list):
        return "[" + ",".join(json_value(v) for v in value) + "]"
    return "{" + ",".join(json.dumps(k, ensure_ascii=False) + ":" + json_value(v) for k, v in value.items()) + "}"


def main(argv):
    mode = argv[0]
    header = "-H" in argv
    ragged = "--ragged" in argv
    delimiter = argv[argv.index("-d") + 1] if "-d" in argv else ","
    delimiter = "\t" if delimiter in ("\\t", "tab") else delimiter  # as reader -d takes a tab
    path = argv[-1]
    blanks = "".join(c for c in " \t" if c != delimiter)
    field = (lambda text: typed(text, blanks)) if mode == "--typed" else (lambda text: text)
    out = sys.stdout
    csv.field_size_limit(sys.maxsize)
    with open(path, encoding="utf-8-sig", newline="") as f:
        rows = csv.reader(f, delimiter=delimiter, strict=True)
        names = None
        seq = 0
        try:
            for row in rows:
                if not row:
                    continue  # an empty line is no row
                if header and names is None:
                    names = row
                    continue
                values = [field(text) for text in row]
                if names is not None:
                    if len(row) != len(names) and not ragged:
                        raise csv.Error("expected %d fields, as the header has, found %d" % (len(names), len(row)))
                    keys = names + [str(i + 1) for i in range(len(names), len(row))]
                    values = dict(zip(keys, values))
                out.write('{"seq":%d,"value":%s}\n' % (seq, json_value(values)))
                seq += 1
        except csv.Error as e:
            out.flush()
            print("csv_reference.py: line %d: %s" % (rows.line_num, e), file=sys.stderr)
            return 1
    return 0


if __name__ == "__main__":
    sys.set_int_max_str_digits(0)
    sys.exit(main(sys.argv[1:]))
