#!/usr/bin/env python3
"""Measures what docs/RELIABILITY.md reports: kills, races, bad input, full disks and the cost of edits.

Usage: scripts/reliability.py PADAN_BINARY [--quick]

Every figure is printed as one line `name: value`; the run exits 1 if any guarantee is broken
(a broken store, a lost or half-applied edit, a changed file after refused input, a crash).
Runs only against files and servers it makes in a temporary folder; nothing leaves this machine.
"""
import json, os, random, signal, sqlite3, subprocess, sys, tempfile, time

binary = os.path.abspath(sys.argv[1])
quick = "--quick" in sys.argv
root = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
work = tempfile.mkdtemp(prefix="padan-reliability-")
failures = []
env = dict(os.environ, NO_COLOR="1")
env.pop("PADAN_DB", None)


def padan(*args, db=None, check=False, **kwargs):
    command = [binary, *args] + (["--db", db] if db else [])
    return subprocess.run(command, capture_output=True, text=True, env=env, check=check, **kwargs)


def report(name, value):
    print(f"{name}: {value}", flush=True)


def fail(message):
    failures.append(message)
    print(f"FAILED: {message}", flush=True)


def content(db):
    """The store's content as comparable values (ids left out where a rerun may number differently)."""
    connection = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
    try:
        documents = connection.execute("SELECT language, content_hash FROM document ORDER BY language, content_hash").fetchall()
        sentences = connection.execute(
            "SELECT d.content_hash, s.ordinal, s.text FROM sentence s JOIN document d ON d.id = s.document_id "
            "ORDER BY d.content_hash, s.ordinal").fetchall()
        links = connection.execute(
            "SELECT s.content_hash, t.content_hash, l.source_start, l.source_end, l.target_start, l.target_end, l.status "
            "FROM link l JOIN document_pair p ON p.id = l.pair_id JOIN document s ON s.id = p.source_document_id "
            "JOIN document t ON t.id = p.target_document_id ORDER BY 1, 2, 3, 5").fetchall()
        return documents, sentences, links
    finally:
        connection.close()


def integrity(db):
    connection = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
    try:
        return connection.execute("PRAGMA integrity_check").fetchone()[0]
    finally:
        connection.close()


def partition_holds(db, pair):
    """Every sentence of both documents in exactly one link, links in order."""
    links = json.loads(padan("pairs", "list", str(pair), "--json", db=db, check=True).stdout)
    summary = next(p for p in json.loads(padan("pairs", "list", "--json", db=db, check=True).stdout) if p["id"] == pair)
    source = sorted(o for link in links for o in link["source_sentences"])
    target = sorted(o for link in links for o in link["target_sentences"])
    return source == list(range(summary["source_sentences"])) and target == list(range(summary["target_sentences"]))


def kills_during_import(trials):
    corpus = os.path.join(work, "batch")
    subprocess.run([sys.executable, os.path.join(root, "scripts", "make-batch-corpus.py"), "60", corpus], check=True)
    reference = os.path.join(work, "reference.db")
    padan("init", db=reference, check=True)
    padan("import", os.path.join(corpus, "tempo"), "--pair-with", os.path.join(corpus, "reuters"), db=reference, check=True)
    expected = content(reference)
    broken = resumed = 0
    rng = random.Random(20261201)
    for trial in range(trials):
        db = os.path.join(work, f"import-{trial}.db")
        padan("init", db=db, check=True)
        process = subprocess.Popen(
            [binary, "import", os.path.join(corpus, "tempo"), "--pair-with", os.path.join(corpus, "reuters"), "--db", db],
            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env)
        time.sleep(rng.uniform(0.05, 1.5))
        process.send_signal(signal.SIGKILL)
        process.wait()
        if integrity(db) != "ok":
            broken += 1
            continue
        padan("import", os.path.join(corpus, "tempo"), "--pair-with", os.path.join(corpus, "reuters"), db=db)
        if content(db) == expected:
            resumed += 1
    report("SIGKILL during import (60 pairs)", f"{trials} kills, {broken} broken stores, {resumed} resumed to exactly the reference")
    if broken or resumed != trials:
        fail("an import killed at random did not resume exactly")


def kills_during_edits(trials):
    db = os.path.join(work, "edits.db")
    padan("init", db=db, check=True)
    padan("add", os.path.join(root, "corpora/reuters-2021-01-24-putin-biden.en.txt"),
          os.path.join(root, "corpora/tempo-2021-01-24-putin-biden.id.txt"), db=db, check=True)
    other = os.path.join(work, "tempo-2.id.txt")
    with open(os.path.join(root, "corpora/tempo-2021-01-24-putin-biden.id.txt"), encoding="utf-8") as f:
        text = f.read().replace("Kremlin", "Istana Kremlin")
    with open(other, "w", encoding="utf-8") as f:
        f.write(text)
    padan("add", os.path.join(root, "corpora/reuters-2021-01-24-putin-biden.en.txt"), other, db=db, check=True)
    rng = random.Random(7)
    broken = invariant = 0
    for trial in range(trials):
        links = json.loads(padan("pairs", "list", "1", "--json", db=db, check=True).stdout)
        link = rng.choice(links)
        choice = rng.randrange(6)
        if choice == 0:
            args = ["pairs", "confirm", str(link["id"])]
        elif choice == 1:
            args = ["sentences", "split", str(rng.randrange(1, 16)), "--at", "12"]
        elif choice == 2:
            args = ["pairs", "split", str(link["id"]), "--source-at", str(link["source_sentences"][-1] + 1 if link["source_sentences"] else 0),
                    "--target-at", str(link["target_sentences"][0] if link["target_sentences"] else 0)]
        elif choice == 3:
            args = ["undo", str(rng.choice([1, 2]))]
        elif choice == 4:
            args = ["pairs", "realign", "1"]
        else:
            args = ["redo", str(rng.choice([1, 2]))]
        process = subprocess.Popen([binary, *args, "--db", db], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env)
        time.sleep(rng.uniform(0, 0.08))
        process.send_signal(signal.SIGKILL)
        process.wait()
        if integrity(db) != "ok":
            broken += 1
        elif not (partition_holds(db, 1) and partition_holds(db, 2)):
            invariant += 1
    report("SIGKILL during edits (two pairs sharing a document)",
           f"{trials} kills, {broken} broken stores, {invariant} with a sentence in no link or in two")
    if broken or invariant:
        fail("an edit killed at random left a broken store or a broken partition")


def concurrent_editors(processes, edits):
    db = os.path.join(work, "race.db")
    padan("init", db=db, check=True)
    padan("add", os.path.join(root, "corpora/reuters-2021-01-24-putin-biden.en.txt"),
          os.path.join(root, "corpora/tempo-2021-01-24-putin-biden.id.txt"), db=db, check=True)
    script = r"""
import json, random, subprocess, sys, time
binary, db, seed, count = sys.argv[1], sys.argv[2], int(sys.argv[3]), int(sys.argv[4])
rng = random.Random(seed); applied = conflicts = other = 0; latencies = []
for _ in range(count):
    links = json.loads(subprocess.run([binary, "pairs", "list", "1", "--json", "--db", db], capture_output=True, text=True).stdout or "[]")
    if not links: continue
    link = rng.choice(links)
    verb = rng.choice(["confirm", "reject"])
    start = time.time()
    run = subprocess.run([binary, "pairs", verb, str(link["id"]), "--expect", f"{link['id']}:{link['version']}", "--db", db],
                         capture_output=True, text=True, env={"PADAN_BUSY_TIMEOUT": "30"})
    latencies.append(time.time() - start)
    if run.returncode == 0: applied += 1
    elif "changed since you read it" in run.stderr or "version" in run.stderr: conflicts += 1
    else: other += 1; print(run.stderr, file=sys.stderr)
print(json.dumps({"applied": applied, "conflicts": conflicts, "other": other, "latencies": latencies}))
"""
    start = time.time()
    workers = [subprocess.Popen([sys.executable, "-c", script, binary, db, str(seed), str(edits)], stdout=subprocess.PIPE, text=True)
               for seed in range(processes)]
    results = [json.loads(worker.communicate()[0]) for worker in workers]
    elapsed = time.time() - start
    applied = sum(r["applied"] for r in results)
    conflicts = sum(r["conflicts"] for r in results)
    other = sum(r["other"] for r in results)
    latencies = sorted(l for r in results for l in r["latencies"])
    history = json.loads(padan("history", "1", "--json", db=db, check=True).stdout)
    report(f"{processes} concurrent editors x {edits} edits with --expect",
           f"{applied} applied, {conflicts} refused as conflicts, {other} other errors, {len(history)} history entries, "
           f"{applied / elapsed:.1f} edits/s, p50 {latencies[len(latencies) // 2] * 1000:.0f} ms, "
           f"p95 {latencies[int(len(latencies) * 0.95)] * 1000:.0f} ms")
    if other or len(history) != applied or integrity(db) != "ok":
        fail("concurrent edits lost or duplicated an edit")


def bad_input():
    db = os.path.join(work, "bad.db")
    padan("init", db=db, check=True)
    padan("add", os.path.join(root, "corpora/reuters-2021-01-24-putin-biden.en.txt"),
          os.path.join(root, "corpora/tempo-2021-01-24-putin-biden.id.txt"), db=db, check=True)
    files = {}
    def make(name, data):
        path = os.path.join(work, name)
        with open(path, "wb") as f:
            f.write(data)
        files[name] = path
        return path
    make("latin1.txt", "Café olé.".encode("latin-1"))
    make("empty.txt", b"")
    make("binary.txt", b"\x00\x01\x02PK\x03\x04" * 100)
    make("utf16-broken.txt", b"\xff\xfe\x00\xd8A\x00")
    make("spaces.txt", b"   \n\n\t\n")
    sparse = make("sparse.txt", b"")
    os.truncate(sparse, 1 << 30)
    foreign = os.path.join(work, "app.db")
    sqlite3.connect(foreign).execute("CREATE TABLE users(id INTEGER PRIMARY KEY)").connection.commit()
    cases = [
        ["add", files["latin1.txt"], os.path.join(root, "corpora/tempo-2021-01-24-putin-biden.id.txt")],
        ["add", files["empty.txt"], files["empty.txt"]], ["add", files["binary.txt"], files["binary.txt"]],
        ["add", files["utf16-broken.txt"], files["utf16-broken.txt"]], ["add", files["spaces.txt"], files["spaces.txt"]],
        ["add", sparse, sparse], ["add", "/dev/zero", "/dev/zero"], ["add", "/nonexistent", "/nonexistent"],
        ["glossary", "import", files["binary.txt"]], ["lexicon", "import", files["latin1.txt"]],
        ["pairs", "confirm", "999"], ["pairs", "relink", "1", "--source", "9223372036854775807", "--target", "1"],
        ["export", "1", "--format", "tmx", "-o", work], ["export", "1", "--format", "tmx", "--include-null", "-o", "x.tmx"],
        ["pairs", "list", "--db-missing"],
    ]
    # The store's content, not its bytes: opening a store for writing may checkpoint its WAL.
    before = content(db)
    ok = 0
    for case in cases:
        run = padan(*case, db=db)
        lines = [line for line in run.stderr.split("\n") if line]
        if run.returncode == 1 and len(lines) == 1 and content(db) == before:
            ok += 1
        else:
            fail(f"bad input {case}: exit {run.returncode}, {len(lines)} lines")
    foreign_before = open(foreign, "rb").read()
    for case in [["pairs", "list"], ["add", files["latin1.txt"], files["latin1.txt"]], ["glossary", "add", "a", "b"]]:
        run = padan(*case, db=foreign)
        if run.returncode == 1 and open(foreign, "rb").read() == foreign_before and not os.path.exists(foreign + "-wal"):
            ok += 1
        else:
            fail(f"foreign database {case}: exit {run.returncode}")
    with open("/dev/full", "w") as full:
        run = subprocess.run([binary, "pairs", "list", "1", "--db", db], stdout=full, stderr=subprocess.PIPE, text=True, env=env)
    ok += run.returncode == 1 and "No space left" in run.stderr
    report("bad input cases", f"{ok} of {len(cases) + 4} refused with exit 1, one line, the store's content and every other file unchanged")


def full_disk():
    """A real full disk: a 600 KB tmpfs, room for a fresh store (its schema and first write-ahead
    log) and some pairs (needs root; skipped, and said so, otherwise)."""
    mount = os.path.join(work, "small")
    os.makedirs(mount)
    if subprocess.run(["mount", "-t", "tmpfs", "-o", "size=600k", "tmpfs", mount], capture_output=True).returncode != 0:
        report("full disk (tmpfs)", "not measured: mounting a tmpfs needs root")
        return
    try:
        db = os.path.join(mount, "padan.db")
        padan("init", db=db, check=True)
        outcomes = []
        for copy in range(40):
            target = os.path.join(work, f"t{copy}.txt")
            text = open(os.path.join(root, "corpora/tempo-2021-01-24-putin-biden.id.txt"), encoding="utf-8").read()
            with open(target, "w", encoding="utf-8") as f:
                f.write(text.replace("Kremlin", f"Kremlin{copy}"))
            run = padan("add", os.path.join(root, "corpora/reuters-2021-01-24-putin-biden.en.txt"), target, db=db)
            outcomes.append((run.returncode, run.stderr.strip()))
        refusals = [o for o in outcomes if o[0] != 0]
        clean = all(code == 1 and message.count("\n") == 0 for code, message in refusals)
        export = padan("export", "--all", "--format", "tmx", "-o", os.path.join(mount, "all.tmx"), db=db)
        leftovers = [n for n in os.listdir(mount) if "padan-tmp" in n]
        report("full disk (600 KB tmpfs)",
               f"{len(outcomes) - len(refusals)} pairs stored, then {len(refusals)} adds refused "
               f"({'all exit 1, one line' if clean else 'NOT clean'}); export on the full disk exit {export.returncode}, "
               f"{len(leftovers)} temporary files left; integrity {integrity(db)}")
        if not clean or leftovers or integrity(db) != "ok" or export.returncode not in (0, 1):
            fail("a full disk was not handled cleanly")
    finally:
        subprocess.run(["umount", mount])


def edit_costs(sizes):
    for links in sizes:
        db = os.path.join(work, f"cost-{links}.db")
        padan("bench", "export-store", "--links", str(links), "--db", db, check=True)
        middle = links // 2
        start = time.time()
        run = padan("sentences", "split", str(middle), "--at", "4", db=db)
        split_seconds = time.time() - start
        connection = sqlite3.connect(db)
        record = connection.execute("SELECT length(undo) FROM edit ORDER BY id DESC LIMIT 1").fetchone()
        connection.close()
        start = time.time()
        undo = padan("undo", "1", db=db)
        undo_seconds = time.time() - start
        start = time.time()
        confirm = padan("pairs", "confirm", *[str(i) for i in range(1, 2001)], db=db)
        confirm_seconds = time.time() - start
        report(f"sentence split at {links:,} links",
               f"exit {run.returncode}, {split_seconds:.2f} s, undo record {record[0] if record else 0:,} bytes; "
               f"undo exit {undo.returncode} {undo_seconds:.2f} s; confirm 2,000 links {confirm_seconds:.2f} s")
        if run.returncode or undo.returncode or confirm.returncode:
            fail(f"an edit at {links} links failed: {run.stderr}{undo.stderr}{confirm.stderr}")
        start = time.time()
        with open(os.devnull, "w") as null:
            listed = subprocess.run(["/usr/bin/time", "-f", "%M", binary, "pairs", "list", "1", "--json", "--db", db],
                                    stdout=null, stderr=subprocess.PIPE, text=True, env=env)
        peak = int(listed.stderr.strip().split("\n")[-1]) * 1024
        report(f"pairs list --json at {links:,} links",
               f"exit {listed.returncode}, {time.time() - start:.2f} s, peak memory {peak / 1e6:.0f} MB")


kills_during_import(3 if quick else 20)
kills_during_edits(20 if quick else 200)
concurrent_editors(4 if quick else 8, 10 if quick else 40)
bad_input()
full_disk()
edit_costs([20_000] if quick else [140_000, 280_000, 980_000])
subprocess.run(["rm", "-rf", work])
if failures:
    print(f"{len(failures)} guarantees broken", file=sys.stderr)
    sys.exit(1)
print("every guarantee held")
