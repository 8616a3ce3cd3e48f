#!/usr/bin/env python3
"""Concatenates every case of a gold folder, N times over, into one long document (NAME.SRC.txt,
NAME.TGT.txt, NAME.gold in OUT_FOLDER): an ordinary translation of panl size, which the aligner
calibrates once for the whole, as it does a long text a user gives it.

Usage: concatenate-gold.py GOLD_FOLDER OUT_FOLDER TIMES
"""
import os
import re
import sys

gold_folder, out_folder, times = sys.argv[1], sys.argv[2], int(sys.argv[3])
names = sorted(f[: -len(".gold")] for f in os.listdir(gold_folder) if f.endswith(".gold"))
languages = sorted({f.split(".")[-2] for f in os.listdir(gold_folder) if f.endswith(".txt") and f.count(".") == 2})
source_language = "en" if "en" in languages else languages[0]
target_language = [language for language in languages if language != source_language][0]
link = re.compile(r"\[([\d, ]*)\]:\[([\d, ]*)\]")


def lines(path):
    text = open(path, encoding="utf-8").read().split("\n")
    return text[:-1] if text and text[-1] == "" else text


source, target, gold = [], [], []
for _ in range(times):
    for name in names:
        source_lines = lines(f"{gold_folder}/{name}.{source_language}.txt")
        target_lines = lines(f"{gold_folder}/{name}.{target_language}.txt")
        for match in link.finditer(open(f"{gold_folder}/{name}.gold", encoding="utf-8").read()):
            sides = [[int(x) + offset for x in group.split(",") if x.strip()]
                     for group, offset in ((match.group(1), len(source)), (match.group(2), len(target)))]
            gold.append("[%s]:[%s]" % tuple(",".join(map(str, side)) for side in sides))
        source += source_lines
        target += target_lines
os.makedirs(out_folder, exist_ok=True)
name = f"all{times}"
for language, text in ((source_language, source), (target_language, target)):
    with open(f"{out_folder}/{name}.{language}.txt", "w", encoding="utf-8") as out:
        out.write("\n".join(text) + "\n")
with open(f"{out_folder}/{name}.gold", "w", encoding="utf-8") as out:
    out.write("\n".join(gold) + "\n")
print(f"{out_folder}/{name}: {len(source)} x {len(target)} sentences, {len(gold)} gold links")
