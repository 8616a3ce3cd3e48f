#!/usr/bin/env bash
# pairs realign on 8,000 links with 4,000 confirmed, beside padan align on the same two texts.
set -euo pipefail
B=${1:-.build/release/padan}
if [ -d ../shared/data ]; then D=../shared/data; else D=Tests/Fixtures/gold; fi
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
for i in $(seq 15); do cat "$D"/align/pud-dev/*.en.txt; done > "$tmp/long.en"
for i in $(seq 15); do cat "$D"/align/pud-dev/*.id.txt; done > "$tmp/long.id"
"$B" init --db "$tmp/r.db" > /dev/null
"$B" add --db "$tmp/r.db" "$tmp/long.en" "$tmp/long.id" > /dev/null
links=$("$B" pairs list 1 --db "$tmp/r.db" | wc -l)
# Confirm every other link: 4,000 anchors, 4,000 gaps of one link each.
"$B" pairs list 1 --db "$tmp/r.db" | awk -F'\t' 'NR % 2 == 0 { print $1 }' | xargs "$B" pairs confirm --db "$tmp/r.db" > /dev/null
confirmed=$("$B" pairs list 1 --status confirmed --db "$tmp/r.db" | wc -l)
python3 - "$B" "$tmp" "$links" "$confirmed" <<'PY'
import subprocess, sys, time
binary, tmp, links, confirmed = sys.argv[1:5]
def timed(args):
    start = time.time()
    subprocess.run(args, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    return time.time() - start
realign = min(timed([binary, "pairs", "realign", "1", "--db", tmp + "/r.db"]) for _ in range(3))
align = min(timed([binary, "align", "--presegmented", tmp + "/long.en", tmp + "/long.id"]) for _ in range(3))
print(f"pairs realign: {links} links, {confirmed} confirmed: {realign:.2f} s; padan align on the same texts: {align:.2f} s ({realign / align:.1f}x)")
PY
