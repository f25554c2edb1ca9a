#!/usr/bin/env bash
# score-totals.sh [FILE]: how many players reached each total score, as `count total` lines, lowest
# total first, from a CSV with a header line and the player's name first (player,round1,round2,...).
#
#   examples/score-totals.sh examples/data/scores.csv
#
# summer --text sums CSV lines as text, so it fits between awk, which drops the header and the names
# (summer reads integers only), and sort | uniq -c.
set -euo pipefail

# The recpipe tools on PATH, or else the ones of the source tree this script is in.
command -v summer > /dev/null || PATH="$(cd -- "$(dirname -- "$0")/../bin" && pwd):$PATH"

awk -F, 'NR > 1 { print substr($0, length($1) + 2) }' "${1:--}" | summer --text | sort -n | uniq -c
