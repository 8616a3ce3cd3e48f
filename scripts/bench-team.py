#!/usr/bin/env python3
"""The team store on PostgreSQL, measured: concurrent editors and a distributed import.

Usage: bash scripts/with-postgres.sh python3 scripts/bench-team.py PADAN_BINARY [--quick]

1. N processes (8) each make M random edits (500) with --expect on one pair of ~2,000 links:
   confirm, reject, merge with the next link, split. Every edit must be applied whole or refused
   as a conflict; undoing every edit in reverse must give back the digest before; redoing them
   all in order must give the digest after. Reported: edits/s, conflicts, p50/p95 per edit.
2. 1,000 article pairs queued and aligned by 1, 2 and 4 `padan work` processes (wall time), then
   10 trials of 4 workers with one SIGKILLed at a random moment: each trial must end with exactly
   1,000 pairs, every job done once, and the digest of a one-process SQLite import.
Runs only against the throwaway cluster scripts/with-postgres.sh started; exits 1 if any of it fails.
"""
import json, os, random, signal, subprocess, sys, tempfile, time

binary = os.path.abspath(sys.argv[1])
quick = "--quick" in sys.argv
root = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
work = tempfile.mkdtemp(prefix="padan-team-")
server = os.environ["PADAN_TEST_POSTGRES"]
env = dict(os.environ, NO_COLOR="1", PADAN_USER="bench")
env.pop("PADAN_DB", None)
failures = []


def padan(*args, db, check=True):
    run = subprocess.run([binary, *args, "--db", db], capture_output=True, text=True, env=env)
    if check and run.returncode != 0:
        raise SystemExit(f"{args}: {run.stderr}")
    return run


def database(name):
    subprocess.run(["psql", server, "-qc", f"DROP DATABASE IF EXISTS {name} WITH (FORCE)"], check=True, capture_output=True)
    subprocess.run(["psql", server, "-qc", f"CREATE DATABASE {name}"], check=True, capture_output=True)
    return server.replace("/postgres?", f"/{name}?")


def report(name, value):
    print(f"{name}: {value}", flush=True)


def fail(message):
    failures.append(message)
    print(f"FAILED: {message}", flush=True)


def concurrent_edits(processes, edits):
    db = database("bench_edits")
    padan("init", db=db)
    pud = os.path.join(root, "..", "shared", "data", "align", "pud-dev")
    if not os.path.isdir(pud):
        pud = os.path.join(root, "Tests", "Fixtures", "gold", "align", "pud-dev")
    for side in ("en", "id"):
        with open(os.path.join(work, f"long.{side}"), "w") as out:
            for _ in range(4):
                for name in sorted(os.listdir(pud)):
                    if name.endswith(f".{side}.txt"):
                        out.write(open(os.path.join(pud, name)).read())
    padan("add", os.path.join(work, "long.en"), os.path.join(work, "long.id"), db=db)
    before = padan("store", "digest", db=db).stdout
    script = r"""
import json, os, random, subprocess, sys, time
binary, db, seed, count = sys.argv[1], sys.argv[2], int(sys.argv[3]), int(sys.argv[4])
rng = random.Random(seed); applied = conflicts = other = 0; latencies = []; errors = []
env = dict(os.environ, NO_COLOR="1", PADAN_USER="bench")
for _ in range(count):
    links = json.loads(subprocess.run([binary, "pairs", "list", "1", "--json", "--db", db], capture_output=True, text=True, env=env).stdout or "[]")
    index = rng.randrange(len(links)); link = links[index]
    verb = rng.choice(["confirm", "reject", "confirm", "merge", "split"])
    expect = ["--expect", f"{link['id']}:{link['version']}"]
    if verb == "merge" and index + 1 < len(links):
        other_link = links[index + 1]
        arguments = ["pairs", "merge", str(link["id"]), str(other_link["id"])] + expect + ["--expect", f"{other_link['id']}:{other_link['version']}"]
    elif verb == "split" and len(link["source_sentences"]) + len(link["target_sentences"]) >= 2:
        s, t = link["source_sentences"], link["target_sentences"]
        at_source = s[len(s) // 2] if len(s) > 1 else (s[-1] + 1 if s else 0)
        at_target = t[len(t) // 2] if len(t) > 1 else (t[0] if t else 0)
        if len(s) <= 1 and t: at_target = t[-1] + 1 if len(t) == 1 else at_target
        arguments = ["pairs", "split", str(link["id"]), "--source-at", str(at_source), "--target-at", str(at_target)] + expect
    else:
        arguments = ["pairs", rng.choice(["confirm", "reject"]), str(link["id"])] + expect
    start = time.time()
    run = subprocess.run([binary, *arguments, "--db", db], capture_output=True, text=True, env=env)
    latencies.append(time.time() - start)
    if run.returncode == 0: applied += 1
    elif "changed since you read it" in run.stderr: conflicts += 1
    elif run.returncode == 1 and ("split point" in run.stderr or "both parts" in run.stderr): other += 0
    else: other += 1; errors.append(run.stderr.strip())
print(json.dumps({"applied": applied, "conflicts": conflicts, "other": other, "latencies": latencies, "errors": errors[:3]}))
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
    history = json.loads(padan("history", "1", "--json", db=db).stdout)
    report(f"PostgreSQL: {processes} processes x {edits} random edits with --expect on one pair",
           f"{applied} applied, {conflicts} refused as conflicts, {other} other errors, {len(history)} history entries, "
           f"{applied / elapsed:.1f} edits/s, p50 {latencies[len(latencies) // 2] * 1000:.0f} ms, "
           f"p95 {latencies[int(len(latencies) * 0.95)] * 1000:.0f} ms per edit (a process each)")
    for r in results:
        for error in r["errors"]:
            print("  error:", error)
    if other or len(history) != applied:
        fail("concurrent edits: an edit was neither applied nor refused as a conflict, or history disagrees")
    after = padan("store", "digest", db=db).stdout
    start = time.time()
    for _ in range(applied):
        padan("undo", "1", "--anyone", db=db)
    undone = padan("store", "digest", db=db).stdout
    report("undo of every edit in reverse", f"{applied} undos in {time.time() - start:.1f} s, digest back to the start: {undone == before}")
    start = time.time()
    for _ in range(applied):
        padan("redo", "1", "--anyone", db=db)
    redone = padan("store", "digest", db=db).stdout
    report("redo of every edit in order (the history replayed)", f"{time.time() - start:.1f} s, digest equal to the end state: {redone == after}")
    if undone != before or redone != after:
        fail("undoing or replaying the history did not give the stored states back")


def distributed_import(pairs, trials):
    corpus = os.path.join(work, "batch")
    subprocess.run([sys.executable, os.path.join(root, "scripts", "make-batch-corpus.py"), str(pairs), corpus], check=True,
                   capture_output=True)
    single = os.path.join(work, "single.db")
    padan("init", db=single)
    start = time.time()
    padan("import", os.path.join(corpus, "tempo"), "--pair-with", os.path.join(corpus, "reuters"), db=single)
    report(f"SQLite, one process: import of {pairs} pairs", f"{time.time() - start:.1f} s")
    expected = padan("store", "digest", db=single).stdout

    def queued(name):
        db = database(name)
        padan("init", db=db)
        padan("import", os.path.join(corpus, "tempo"), "--pair-with", os.path.join(corpus, "reuters"), "--queue", db=db)
        return db

    def workers(db, count, lease="300"):
        return [subprocess.Popen([binary, "work", "--until-empty", "--lease", lease, "--worker", f"w{i}", "--db", db],
                                 env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL) for i in range(count)]

    for count in (1, 2, 4):
        db = queued(f"bench_import_{count}")
        start = time.time()
        for process in workers(db, count):
            process.wait()
        elapsed = time.time() - start
        digest = padan("store", "digest", db=db).stdout
        report(f"PostgreSQL: {pairs} queued pairs through {count} padan work", f"{elapsed:.1f} s, digest as one-process SQLite: {digest == expected}")
        if digest != expected:
            fail(f"{count} workers: the digest differs from a one-process import")
    rng = random.Random(7)
    held = 0
    for trial in range(trials):
        db = queued("bench_kill")
        running = workers(db, 4, lease="3")
        victim = rng.randrange(4)
        time.sleep(rng.uniform(0.5, 8))
        running[victim].send_signal(signal.SIGKILL)
        for process in running:
            process.wait()
        status = json.loads(padan("queue", "status", "--json", db=db).stdout)
        listed = json.loads(padan("pairs", "list", "--json", db=db).stdout)
        digest = padan("store", "digest", db=db).stdout
        ok = status["done"] == pairs and status["queued"] == status["running"] == status["failed"] == 0 \
            and len(listed) == pairs and digest == expected
        held += ok
        if not ok:
            fail(f"kill trial {trial}: {status}, {len(listed)} pairs, digest equal: {digest == expected}")
    report(f"{trials} trials of 4 workers, one SIGKILLed at random", f"{held} of {trials} ended with exactly {pairs} pairs and the one-process digest")


concurrent_edits(4 if quick else 8, 20 if quick else 500)
distributed_import(100 if quick else 1000, 2 if quick else 10)
subprocess.run(["rm", "-rf", work])
if failures:
    print(f"{len(failures)} checks failed", file=sys.stderr)
    sys.exit(1)
print("every check held")
