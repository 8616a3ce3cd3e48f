#!/usr/bin/env bash
# Speed and peak memory, release build. Figures go to docs/BENCHMARKS.md.
set -euo pipefail
B=${1:-.build/release/padan}
# The shared data beside the project when it is there, else the copies shipped for the tests.
if [ -d ../shared/data ]; then D=../shared/data; else
  D=Tests/Fixtures/gold; echo "note: ../shared/data is absent; measuring on the copies in $D"; fi
echo "== segmentation: read, clean, segment, write; Indonesian news and encyclopaedic text, 200 passes"
"$B" bench segment --repeat 200 --lang id "$D/segment/id-gsd-dev.fixed.txt" "$D/segment/id-hard.shared.txt" \
  corpora/tempo-2021-01-24-putin-biden.id.txt "$D"/align/pud-dev/*.id.raw.txt "$D"/align/flores-dev-e2e/*.id.raw.txt
tmp=$(mktemp -d)
cat "$D"/align/pud-dev/*.en.txt > "$tmp/pud.en"
cat "$D"/align/pud-dev/*.id.txt > "$tmp/pud.id"
echo "== alignment: pud-dev concatenated 40 times (19,240 x 18,280 sentences), one core"
"$B" bench align --repeat 40 "$tmp/pud.en" "$tmp/pud.id"
echo "== alignment: pud-dev concatenated 400 times (192,400 x 182,800 sentences)"
"$B" bench align --repeat 400 "$tmp/pud.en" "$tmp/pud.id"
echo "== alignment: the same x400 with 2,000 translated lines dropped (a missing chapter: the path strays from the diagonal)"
for i in $(seq 400); do cat "$tmp/pud.en"; done > "$tmp/long.en"
for i in $(seq 400); do cat "$tmp/pud.id"; done | sed '50000,51999d' > "$tmp/long-cut.id"
"$B" bench align "$tmp/long.en" "$tmp/long-cut.id"
echo "== export: 1,000,000 links to TMX (synthetic pair; the export timed in its own process)"
"$B" bench export-store --links 1000000 --db "$tmp/export.db"
python3 - "$B" "$tmp" <<'PY'
import resource, subprocess, sys, time, os
binary, tmp = sys.argv[1], sys.argv[2]
start = time.time()
subprocess.run([binary, "export", "--db", tmp + "/export.db", "1", "--format", "tmx", "-o", tmp + "/out.tmx"], check=True, stderr=subprocess.DEVNULL)
print("export tmx: 1000000 links in %.2f s, peak memory %.0f MB, %.0f MB written" % (
    time.time() - start, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024, os.path.getsize(tmp + "/out.tmx") / 1e6))
PY
echo "== batch: 1,000 article pairs (a third of the translations HTML pages) paired, aligned and stored, 2 workers"
python3 scripts/make-batch-corpus.py 1000 "$tmp/batch"
"$B" init --db "$tmp/batch.db" > /dev/null
python3 - "$B" "$tmp" <<'PY'
import resource, subprocess, sys, time
binary, tmp = sys.argv[1], sys.argv[2]
start = time.time()
out = subprocess.run([binary, "import", "--db", tmp + "/batch.db", tmp + "/batch/tempo", "--pair-with", tmp + "/batch/reuters"],
                     check=True, capture_output=True, text=True).stdout.strip()
print("import --pair-with: %s in %.2f s, peak memory %.0f MB" % (out, time.time() - start,
      resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024))
PY
echo "== review screen: keypress to redrawn frame on a pair of 100,000 links"
"$B" bench review --links 100000 --db "$tmp/review.db"
rm -rf "$tmp"
echo "== pairs realign: 8,000 links with 4,000 confirmed, beside padan align on the same texts"
bash scripts/bench-realign.sh "$B"
echo "== team store on PostgreSQL: 8 concurrent editors, a distributed import with killed workers (a throwaway cluster)"
bash scripts/with-postgres.sh python3 scripts/bench-team.py "$B"
echo "== fetching cited originals: 1,000 translations against a loopback site, every tenth original gone"
python3 scripts/bench-fetch.py "$B" 1000
echo "== glossary: propose precision on gold beside a Dice baseline; every glossary command on 1,000 and 5,000 confirmed pairs"
python3 scripts/bench-glossary.py "$B" 1000 5000
