#!/bin/sh
# Takes the README's picture of --progress: two pipelines over four million generated rows, each in
# an 80-column tmux pane, its screen captured (tmux capture-pane) SECONDS into the run and at its end.
# Needs tmux and the tools built (make). Usage: docs/progress-capture.sh [SECONDS]
set -eu
root=$(cd "$(dirname "$0")/.." && pwd)
wait=${1:-5}
work=$(mktemp -d)
trap 'tmux -S "$work/tmux" kill-server 2>/dev/null || true; rm -rf "$work"' EXIT
"$root/bin/gencsv" 4000000 10 11 > "$work/rows.csv"

capture() {
  rm -f "$work/done"
  tmux -u -S "$work/tmux" -f /dev/null new-session -d -x 80 -y 4 -c "$work" -- \
    sh -c "PATH='$root/bin':\$PATH; export LANG=C.UTF-8; $1; touch done; sleep 60"
  sleep "$wait"
  echo "\$ $1"
  tmux -S "$work/tmux" capture-pane -p | sed '/^$/d'
  while [ ! -e "$work/done" ]; do sleep 0.2; done
  tmux -S "$work/tmux" capture-pane -p | sed '/^$/d'
  tmux -S "$work/tmux" kill-server
}

capture "reader --progress rows.csv | fanout -n 2 summer | writer > sums.csv"
capture "reader rows.csv | fanout -n 2 --progress --total 4000000 summer | writer > sums.csv"
