#!/usr/bin/env bash
# Fetching the cited original, offline: the test site (Tests/Fixtures/fetch/server.py) plays
# reuters.com on 127.0.0.1, the bundled Tempo article cites its Reuters URL, and Padan fetches the
# original through a mirror rule, checks it, stores both and shows the pair.
#   bash scripts/demo-fetch.sh [PADAN_BINARY]
set -euo pipefail
B=$(realpath "${1:-.build/release/padan}")
cd "$(dirname "$0")/.."
work=$(mktemp -d)
python3 Tests/Fixtures/fetch/server.py "$work/port" "$work/requests.log" > /dev/null 2>&1 &
server=$!
trap 'kill $server 2>/dev/null; rm -rf "$work"' EXIT
for _ in $(seq 100); do [ -s "$work/port" ] && break; sleep 0.05; done
site="http://127.0.0.1:$(cat "$work/port")"
"$B" init --db "$work/demo.db" > /dev/null
echo "\$ padan add --fetch-original corpora/tempo-2021-01-24-putin-biden.id.txt --mirror https://www.reuters.com=$site --json"
"$B" add --fetch-original corpora/tempo-2021-01-24-putin-biden.id.txt --mirror "https://www.reuters.com=$site" \
  --allow-hosts 127.0.0.1 --json --db "$work/demo.db"
echo
echo "requests the site saw:"; sed 's/^/  /' "$work/requests.log"
echo
"$B" pairs list 1 --db "$work/demo.db" | cut -f1-3,6,7 | cut -c1-160 | head -8
