#!/usr/bin/env bash
# top-rows.sh [-n N] [FILE...]: the N rows (default 5) of CSV integers with the largest sums, as
# `index<TAB>sum` lines, largest last: recpipe as one step of an ordinary sort pipeline.
#
#   examples/top-rows.sh -n 3 examples/data/rows.csv
set -euo pipefail

# The recpipe tools on PATH, or else the ones of the source tree this script is in.
command -v reader > /dev/null || PATH="$(cd -- "$(dirname -- "$0")/../bin" && pwd):$PATH"

top=5
while getopts n: option; do
  case $option in
    n) top=$OPTARG ;;
    *) echo "usage: top-rows.sh [-n N] [FILE...]" >&2; exit 2 ;;
  esac
done
shift $((OPTIND - 1))

# sort -s: rows with equal sums stay in input order. Sums past 64 bits sort right too: sort -n
# compares the digits, it doesn't convert them to floating point as awk would.
reader "$@" | summer | writer -f tsv | sort -s -k2,2n | tail -n "$top"
