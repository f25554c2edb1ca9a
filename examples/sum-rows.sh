#!/usr/bin/env bash
# sum-rows.sh [FILE...]: each CSV row's sum, as `index,sum` lines in input order, with one summer
# per core: recpipe's canonical job as a script. No FILE, or -, reads stdin.
#
#   examples/sum-rows.sh examples/data/rows.csv > sums.csv
#
# pipefail: if any stage fails (a bad row, say), the script fails, with that stage's message.
set -euo pipefail

# The recpipe tools on PATH, or else the ones of the source tree this script is in.
command -v reader > /dev/null || PATH="$(cd -- "$(dirname -- "$0")/../bin" && pwd):$PATH"

reader "$@" | fanout -n "$(nproc)" summer | writer
