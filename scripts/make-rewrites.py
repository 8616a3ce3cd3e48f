#!/usr/bin/env python3
"""Builds a set of rewritten translations from a gold alignment set, the way Tempo rewrites the
wire stories it translates: a share of the translation dropped, one or two passages of 1-3 links
moved 3-8 links earlier, and sentences of another story added. The originals stay as they are;
the gold links follow the translation's sentences to their new places (so moved passages give
links that cross the others), dropped ones become 1-0 links and added ones 0-1 links.

Usage: make-rewrites.py GOLD_FOLDER OUT_FOLDER [--seed N] [--drop SHARE] [--condense]
  GOLD_FOLDER holds NAME.<src>.txt, NAME.<tgt>.txt (a sentence a line) and NAME.gold (ladder lines),
  as ../shared/data/align/* and Tests/Fixtures/gold/align/* do. --drop is the share of links
  whose translation is dropped (0.25); --condense drops 30-60 % of the original's links instead,
  in runs, as a translation covering only part of the original does. Deterministic for a seed.
"""
import os, random, re, sys

args = sys.argv[1:]
if len(args) < 2:
    sys.exit(__doc__)
source_folder, out = args[0], args[1]
seed = int(args[args.index("--seed") + 1]) if "--seed" in args else 16
drop_share = float(args[args.index("--drop") + 1]) if "--drop" in args else 0.25
condense = "--condense" in args
os.makedirs(out, exist_ok=True)

LINK = re.compile(r"^\[([\d,\s]*)\]:\[([\d,\s]*)\]")


def ladder(path):
    links = []
    for line in open(path, encoding="utf-8"):
        match = LINK.match(line.strip())
        if match:
            links.append(tuple([int(x) for x in part.split(",") if x.strip()] for part in match.groups()))
    return links


def sentences(path):
    return [line.rstrip("\n") for line in open(path, encoding="utf-8") if line.strip()]


names = sorted(f[:-5] for f in os.listdir(source_folder) if f.endswith(".gold"))
cases = []
for name in names:
    texts = sorted(f for f in os.listdir(source_folder) if f.startswith(name + ".") and f.endswith(".txt")
                   and not f.endswith(".raw.txt"))
    languages = [f[len(name) + 1:-4] for f in texts]
    if len(languages) != 2:
        continue
    src = "en" if "en" in languages else ("de" if "de" in languages else languages[0])
    tgt = [l for l in languages if l != src][0]
    cases.append((name, src, tgt))

summary = {"moved": 0, "dropped": 0, "added": 0, "links": 0}
for number, (name, src, tgt) in enumerate(cases):
    rng = random.Random(f"{seed}:{name}")
    base = os.path.join(source_folder, name)
    source = sentences(f"{base}.{src}.txt")
    target = sentences(f"{base}.{tgt}.txt")
    links = ladder(f"{base}.gold")
    # The translation's links in their order: the unit that moves or goes.
    translated = sorted((k for k, (s, t) in enumerate(links) if t), key=lambda k: min(links[k][1]))
    order = list(translated)
    moved = set()
    for _ in range(rng.choice([1, 2])):
        length = rng.randint(1, 3)
        shift = rng.randint(3, 8)
        starts = [p for p in range(shift + 1, len(order) - length + 1)
                  if not moved.intersection(order[p:p + length]) and all(links[k][0] for k in order[p:p + length])]
        if not starts:
            continue
        p = rng.choice(starts)
        block = order[p:p + length]
        del order[p:p + length]
        order[p - shift:p - shift] = block
        moved.update(block)
    # Links whose translation goes: at random, or (condensed) runs covering 30-60 % of the links.
    full = [k for k in order if links[k][0] and k not in moved]
    dropped = set()
    if condense:
        wanted = int(len(full) * rng.uniform(0.3, 0.6))
        while len(dropped) < wanted:
            start = rng.randrange(len(full))
            dropped.update(full[start:start + rng.randint(2, 5)])
        dropped = set(list(dropped)[:max(wanted, 1)])
    else:
        dropped = set(rng.sample(full, int(len(full) * drop_share)))
    # Sentences of another story, added between the translation's links.
    other_name, other_src, other_tgt = cases[(number + 1) % len(cases)]
    other = sentences(os.path.join(source_folder, f"{other_name}.{other_tgt}.txt"))
    additions = rng.sample(other, min(len(other), rng.randint(1, 2)))
    kept = [k for k in order if k not in dropped]
    places = sorted(rng.sample(range(1, len(kept) + 1), min(len(additions), len(kept))))
    new_target, new_index, gold = [], {}, []
    added_links = []
    place_iter = iter(zip(places, additions))
    upcoming = next(place_iter, None)
    for position, k in enumerate(kept):
        while upcoming and upcoming[0] == position:
            added_links.append(([], [len(new_target)]))
            new_target.append(upcoming[1])
            upcoming = next(place_iter, None)
        for t in sorted(links[k][1]):
            new_index[t] = len(new_target)
            new_target.append(target[t])
    while upcoming:
        added_links.append(([], [len(new_target)]))
        new_target.append(upcoming[1])
        upcoming = next(place_iter, None)
    for k, (s, t) in enumerate(links):
        if k in dropped:
            gold.extend(([x], []) for x in s)  # each untranslated sentence a 1-0
        elif t:
            gold.append((s, [new_index[x] for x in t]))
        else:
            gold.append((s, []))
    gold.extend(added_links)
    gold.sort(key=lambda link: (min(link[0]) if link[0] else len(source) + (min(link[1]) if link[1] else 0),
                                min(link[1]) if link[1] else -1))
    with open(os.path.join(out, f"{name}.{src}.txt"), "w", encoding="utf-8") as f:
        f.write("\n".join(source) + "\n")
    with open(os.path.join(out, f"{name}.{tgt}.txt"), "w", encoding="utf-8") as f:
        f.write("\n".join(new_target) + "\n")
    with open(os.path.join(out, f"{name}.gold"), "w", encoding="utf-8") as f:
        for s, t in gold:
            f.write(f"[{','.join(map(str, s))}]:[{','.join(map(str, t))}]\n")
    summary["moved"] += len(moved)
    summary["dropped"] += len(dropped)
    summary["added"] += len(additions)
    summary["links"] += len(links)
print(f"{len(cases)} documents, {summary['links']} gold links: {summary['moved']} moved, "
      f"{summary['dropped']} dropped, {summary['added']} sentences added -> {out}")
