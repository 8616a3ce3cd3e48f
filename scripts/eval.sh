#!/usr/bin/env bash
# Quality on the shared gold sets (../shared/data), with the given padan binary.
set -euo pipefail
B=${1:-.build/release/padan}
# The shared data beside the project when it is there, else the copies shipped for the tests.
if [ -d ../shared/data ]; then D=../shared/data; else
  D=Tests/Fixtures/gold; echo "note: ../shared/data is absent; measuring on the copies in $D"; fi
out=$(mktemp -d)
echo "== segmentation (boundary P/R/F1, exact-sentence accuracy)"
for set in id-gsd-dev.fixed id-hard.shared; do
  "$B" segment --keep-boilerplate --lang id "$D/segment/$set.txt" > "$out/$set.out"
  "$B" eval segment "$D/segment/$set.gold" "$out/$set.out" | sed "s|$out/||"
done
"$B" segment --keep-boilerplate --lang id "$D/segment/seed/tempo-putin-biden.id.seg.txt" > "$out/seed.out"
"$B" eval segment "$D/segment/seed/tempo-putin-biden.id.seg.gold" "$out/seed.out" | sed "s|$out/||"
echo "== alignment (strict / lax, summed over documents)"
for set in flores-dev pud-dev textberg-dev; do
  echo "-- $set"; "$B" eval gold "$D/align/$set"
done
echo "-- flores-dev-e2e (raw paragraphs: segment, then align)"; "$B" eval gold --raw "$D/align/flores-dev-e2e"
echo "-- pud-dev (raw articles: segment, then align)"; "$B" eval gold --raw "$D/align/pud-dev"
# One long ordinary document, calibrated once for the whole (as a text a user gives it).
python3 scripts/concatenate-gold.py "$D/align/pud-dev" "$out/pud-dev-x46" 46 > /dev/null
echo "-- pud-dev concatenated 46 times (one document of 22,126 x 21,022 sentences)"; "$B" eval gold "$out/pud-dev-x46"
for set in flores-dev pud-dev; do
  echo "-- $set without any lexicon (the language-independent evidence alone, as for de-fr)"
  "$B" eval gold --no-lexicon "$D/align/$set"
done
echo "== rewritten translations (scripts/make-rewrites.py: passages moved, a share dropped, sentences of another story added)"
# Seeds 16, 3 and 11 are the sets the steps were tuned on (3 and 11 from session 10); seeds 7 and 23
# the same rewriting never looked at while tuning (23 first measured at the end of session 10);
# seeds 31 and 42 added in session 11 as a second check of each step.
for set in flores-dev pud-dev; do
  kinds=()
  for seed in 16 3 11 7 23 31 42; do
    suffix=$([ $seed = 16 ] && echo "" || echo "-seed$seed")
    python3 scripts/make-rewrites.py "$D/align/$set" "$out/rewrites/$set$suffix" --seed $seed > /dev/null
    kinds+=("$set$suffix")
    if [ $seed != 3 ] && [ $seed != 11 ]; then
      python3 scripts/make-rewrites.py "$D/align/$set" "$out/rewrites/$set-condensed$suffix" --condense --seed $seed > /dev/null
      kinds+=("$set-condensed$suffix")
    fi
  done
  for kind in "${kinds[@]}"; do
    echo "-- $kind"; "$B" eval gold "$out/rewrites/$kind"
    echo "-- $kind, monotone search only"; "$B" eval gold --set movedPassages=0 "$out/rewrites/$kind" | sed -n 2p
  done
done
# Session 12: seeds 57-101 (their errors read while tuning) and 157-199 (generated after the last
# change, never read), one strict line each; condensed only for the never-read ones.
echo "== rewritten translations, more seeds (strict P/R/F1 per set)"
for set in flores-dev pud-dev; do
  for seed in 57 61 67 71 73 79 83 89 97 101 157 163 167 173 179 181 191 193 197 199; do
    python3 scripts/make-rewrites.py "$D/align/$set" "$out/more/$set-$seed" --seed $seed > /dev/null
    echo "$set seed $seed: $("$B" eval gold "$out/more/$set-$seed" | sed -n 2p)"
  done
  for seed in 157 163 167 173 179 181 191 193 197 199; do
    python3 scripts/make-rewrites.py "$D/align/$set" "$out/more/$set-condensed-$seed" --condense --seed $seed > /dev/null
    echo "$set condensed seed $seed: $("$B" eval gold "$out/more/$set-condensed-$seed" | sed -n 2p)"
  done
done
rm -rf "$out"
