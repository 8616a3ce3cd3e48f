#!/usr/bin/env python3
"""Glossary work, measured: propose quality on gold alignments and the cost of every glossary
command on a store of N article pairs (default 1,000) whose links are all confirmed.

Usage: python3 scripts/bench-glossary.py PADAN_BINARY [PAIRS ...]

1. `padan eval glossary` on flores-dev, pud-dev and both (../shared/data/align, else the copies in
   Tests/Fixtures/gold/align), judged against FreeDict and glossary/seed-glossary.tsv, beside the
   plain Dice baseline: precision at 50 and 200 proposals.
2. For each size: the batch corpus of scripts/make-batch-corpus.py imported into an SQLite store,
   every link confirmed, then wall time and peak memory of `glossary propose --all`, `glossary
   list --json`, `glossary usage` of the most frequent proposal, `check --corpus --json`,
   `glossary approve` of every proposal (one edit), `undo --glossary`, `glossary export --format tbx`.
"""
import json, os, resource, sqlite3, subprocess, sys, tempfile, time

binary = os.path.abspath(sys.argv[1])
sizes = [int(n) for n in sys.argv[2:]] or [1000]
root = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
data = os.path.join(root, "..", "shared", "data", "align")
if not os.path.isdir(data):
    data = os.path.join(root, "Tests", "Fixtures", "gold", "align")
    print(f"note: ../shared/data is absent; measuring on the copies in {data}")
work = tempfile.mkdtemp(prefix="padan-glossary-")
env = dict(os.environ, NO_COLOR="1", PADAN_USER="bench")
env.pop("PADAN_DB", None)


# Each command runs under a Python of its own that reports the command's peak memory alone.
PEAK = ("import resource, subprocess, sys; run = subprocess.run(sys.argv[1:]); "
        "sys.stderr.write('\\npeak-kb %d\\n' % resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss); "
        "sys.exit(run.returncode)")


def timed(*args, db=None, stdin=None):
    start = time.time()
    command = [sys.executable, "-c", PEAK, binary, *args] + (["--db", db] if db else [])
    run = subprocess.run(command, capture_output=True, text=True, env=env, input=stdin)
    elapsed = time.time() - start
    if run.returncode not in (0, 1) or (run.returncode == 1 and args[0] != "check"):
        raise SystemExit(f"{args}: {run.stderr}")
    peak = int(run.stderr.rsplit("peak-kb ", 1)[1].split()[0]) / 1024
    return run, elapsed, peak


print("== propose on gold alignments (precision against FreeDict + glossary/seed-glossary.tsv)")
seed = os.path.join(root, "glossary", "seed-glossary.tsv")
for name, folders in [("flores-dev", ["flores-dev"]), ("pud-dev", ["pud-dev"]), ("both", ["flores-dev", "pud-dev"])]:
    run, _, _ = timed("eval", "glossary", *[os.path.join(data, f) for f in folders], "--reference", seed, "--json")
    report = json.loads(run.stdout)
    for method in report["methods"]:
        p = method["precision"]
        print(f"{name}: {report['links']} gold links, {method['name']}: {method['proposals']} proposals, "
              f"P@50 {p.get('50', 0):.3f}, P@200 {p.get('200', 0):.3f}, {method['seconds'] * 1000:.0f} ms")

for pairs in sizes:
    corpus = os.path.join(work, f"batch{pairs}")
    subprocess.run([sys.executable, os.path.join(root, "scripts", "make-batch-corpus.py"), str(pairs), corpus], check=True)
    db = os.path.join(work, f"g{pairs}.db")
    timed("init", db=db)
    _, seconds, _ = timed("import", os.path.join(corpus, "tempo"), "--pair-with", os.path.join(corpus, "reuters"), db=db)
    with sqlite3.connect(db) as connection:
        ids = [str(row[0]) for row in connection.execute("SELECT id FROM link")]
    timed("pairs", "confirm", "-", db=db, stdin="\n".join(ids))
    print(f"== {pairs} pairs, {len(ids)} links, all confirmed (import {seconds:.1f} s)")
    run, seconds, peak = timed("glossary", "propose", "--all", "--json", db=db)
    proposal = json.loads(run.stdout)
    print(f"glossary propose --all: {len(proposal['candidates'])} proposed in {seconds:.2f} s, peak {peak:.0f} MB")
    run, seconds, peak = timed("glossary", "list", "--json", db=db)
    print(f"glossary list --json: {len(json.loads(run.stdout))} terms in {seconds:.2f} s, peak {peak:.0f} MB")
    top = max(proposal["candidates"], key=lambda c: c["frequency"])
    run, seconds, peak = timed("glossary", "usage", top["source"], "--json", db=db)
    usage = json.loads(run.stdout)
    print(f"glossary usage '{top['source']}': {len(usage['links'])} links in {seconds:.2f} s, peak {peak:.0f} MB")
    run, seconds, peak = timed("check", "--corpus", "--json", db=db)
    print(f"check --corpus: {len(json.loads(run.stdout))} findings in {seconds:.2f} s, peak {peak:.0f} MB")
    terms = [str(t["term_id"]) for t in json.loads(timed("glossary", "list", "--json", db=db)[0].stdout)]
    run, seconds, _ = timed("glossary", "approve", "-", db=db, stdin="\n".join(terms))
    print(f"glossary approve (all {len(terms)} terms, one edit): {seconds:.2f} s")
    run, seconds, peak = timed("check", "--corpus", "--json", db=db)
    print(f"check --corpus with {len(terms)} approved terms: {len(json.loads(run.stdout))} findings in {seconds:.2f} s, peak {peak:.0f} MB")
    run, seconds, _ = timed("undo", "--glossary", db=db)
    print(f"undo --glossary of that approval: {seconds:.2f} s")
    run, seconds, _ = timed("glossary", "export", "--format", "tbx", "-o", os.path.join(work, "out.tbx"), db=db)
    print(f"glossary export --format tbx: {seconds:.2f} s")
