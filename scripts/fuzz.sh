#!/usr/bin/env bash
# libFuzzer on HTML reading, cleaning and segmentation for FUZZ_SECONDS (60): PadanCore and CICU built with
# -sanitize=fuzzer in their own scratch folder, the entry point in Fuzz/ linked against them.
# Prints libFuzzer's summary (executions run, coverage) and any crash input it saved.
set -euo pipefail
seconds=${FUZZ_SECONDS:-60}
scratch=.build/fuzz
swift build -c release --sanitize=fuzzer --scratch-path "$scratch" --target PadanCore
out="$scratch/release"
objects=$(find "$out/PadanCore.build" "$out/CICU.build" "$out/CTextScan.build" -name '*.o')
swiftc -O -sanitize=fuzzer -parse-as-library -module-name PadanFuzz Fuzz/SegmentationFuzzer.swift \
  -I "$out/Modules" -Xcc -fmodule-map-file="$out/CICU.build/module.modulemap" -Xcc -I -Xcc Sources/CICU/include \
  -Xcc -fmodule-map-file="$out/CTextScan.build/module.modulemap" -Xcc -I -Xcc Sources/CTextScan/include \
  $objects -licui18n -licuuc -lstdc++ -o "$scratch/padan-fuzz"
mkdir -p "$scratch/corpus" "$scratch/crashes"
echo "== fuzzing HTML reading, cleaning and segmentation for ${seconds} s (corpus: $scratch/corpus, seeds: Fuzz/seeds)"
set +e
"$scratch/padan-fuzz" -max_total_time="$seconds" -max_len=65536 -timeout=10 -rss_limit_mb=2048 \
  -artifact_prefix="$scratch/crashes/" -print_final_stats=1 "$scratch/corpus" Fuzz/seeds 2>"$scratch/fuzz.log"
status=$?
set -e
grep -E "^(stat::number_of_executed_units|stat::average_exec_per_sec|stat::peak_rss_mb|#[0-9]+ +DONE)|ERROR|SUMMARY|Test unit written" "$scratch/fuzz.log" || true
crashes=$(find "$scratch/crashes" -type f | wc -l)
echo "crash inputs saved: $crashes (in $scratch/crashes)"
exit $status
