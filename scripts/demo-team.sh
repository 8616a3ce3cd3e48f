#!/usr/bin/env bash
# The team store, shown: a throwaway PostgreSQL cluster (scripts/with-postgres.sh), a store with
# an admin and two reviewers, 20 generated article pairs imported through two `padan work`
# processes, and — on a terminal — two reviewers' screens side by side in tmux (quit both, or
# detach, to end; the cluster is removed afterwards).
#   bash scripts/demo-team.sh [PADAN_BINARY]
set -euo pipefail
B=$(realpath "${1:-.build/release/padan}")
if [ -z "${PADAN_TEST_POSTGRES:-}" ]; then exec bash "$(dirname "$0")/with-postgres.sh" bash "$0" "$B"; fi
db=$(echo "$PADAN_TEST_POSTGRES" | sed 's|/postgres?|/padan_demo?|')
psql "$PADAN_TEST_POSTGRES" -qc "CREATE DATABASE padan_demo"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
python3 "$(dirname "$0")/make-batch-corpus.py" 20 "$work/corpus" > /dev/null
"$B" init --db "$db" --user ana
"$B" users add budi --role editor --db "$db" --user ana
"$B" users add cita --role editor --db "$db" --user ana
"$B" import "$work/corpus/tempo" --pair-with "$work/corpus/reuters" --queue --db "$db" --user ana
"$B" work --until-empty --worker first --db "$db" --user ana 2> "$work/first.log" &
"$B" work --until-empty --worker second --db "$db" --user ana 2> "$work/second.log"
wait
echo "first worker: $(wc -l < "$work/first.log") jobs, second worker: $(wc -l < "$work/second.log") jobs"
"$B" queue status --db "$db"
# Workers' rolled-back attempts use up ids (PostgreSQL's sequences are not transactional): take the first.
first=$("$B" pairs list --db "$db" | head -1 | cut -f1)
"$B" pairs assign "$first" --to budi --db "$db" --user ana
"$B" pairs list --db "$db" | head -5
echo "store digest: $("$B" store digest --db "$db")"
if [ -t 1 ] && command -v tmux > /dev/null; then
  echo "two reviewers on pair $first: budi (left) and cita (right); a confirmation on one shows on the other"
  tmux -L padan-demo new-session -d -s padan-demo -x 200 -y 50 "PADAN_USER=budi '$B' review $first --db '$db'"
  tmux -L padan-demo split-window -h -t padan-demo "PADAN_USER=cita '$B' review $first --db '$db'"
  tmux -L padan-demo attach -t padan-demo
else
  echo "(not a terminal: the two review screens are skipped; run this from a terminal to see them)"
fi
