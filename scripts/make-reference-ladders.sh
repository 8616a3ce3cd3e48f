#!/usr/bin/env bash
# Writes the ladders Padan gives today for the shipped gold texts and rewrite set into
# Tests/Fixtures/ladders/SET/NAME.ladder: the reference a refactoring of the aligner must give
# back exactly (AlignerLadderTests). Run it only when the aligner is meant to change, and say why
# in the commit. Usage: bash scripts/make-reference-ladders.sh [PADAN_BINARY]
set -euo pipefail
B=${1:-.build/release/padan}
out=Tests/Fixtures/ladders
rm -rf "$out"
for folder in Tests/Fixtures/gold/align/flores-dev Tests/Fixtures/gold/align/pud-dev Tests/Fixtures/gold/align/textberg-dev \
  Tests/Fixtures/rewrites/pud-dev Tests/Fixtures/rewrites/pud-dev-condensed; do
  set_name=$(basename "$(dirname "$folder")")-$(basename "$folder")
  mkdir -p "$out/$set_name"
  for gold in "$folder"/*.gold; do
    name=$(basename "$gold" .gold)
    if [ -f "$folder/$name.en.txt" ]; then src=en; tgt=id; else src=de; tgt=fr; fi
    "$B" align --presegmented --scores --source-lang $src --target-lang $tgt "$folder/$name.$src.txt" "$folder/$name.$tgt.txt" \
      > "$out/$set_name/$name.ladder"
  done
done
echo "reference ladders written to $out"
