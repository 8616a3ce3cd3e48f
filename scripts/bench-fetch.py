#!/usr/bin/env python3
"""Fetching originals in batch, measured: N translations (1,000) citing stories on the loopback test
site (Tests/Fixtures/fetch/server.py, playing reuters.com), every tenth one gone (404), imported
with `padan import DIR --fetch-originals --rate 0`; then the same run again (only the failures
are fetched). Prints pages/s, failures, peak memory and the rerun's requests.

Usage: scripts/bench-fetch.py PADAN_BINARY [COUNT]
"""
import os, resource, subprocess, sys, tempfile, time

binary = os.path.abspath(sys.argv[1])
count = int(sys.argv[2]) if len(sys.argv) > 2 else 1000
root = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
work = tempfile.mkdtemp(prefix="padan-fetch-")
server = subprocess.Popen([sys.executable, os.path.join(root, "Tests/Fixtures/fetch/server.py"), work + "/port", work + "/log"],
                          stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
try:
    while not os.path.exists(work + "/port") or not open(work + "/port").read():
        time.sleep(0.05)
    site = "http://127.0.0.1:" + open(work + "/port").read()
    tempo = open(os.path.join(root, "corpora/tempo-2021-01-24-putin-biden.id.txt"), encoding="utf-8").read()
    os.makedirs(work + "/tempo")
    for number in range(count):
        text = tempo.replace("https://www.reuters.com/article/idUSKBN29T0CA?il=0", f"https://www.reuters.com/batch/{number}")
        text = text.replace("TEMPO.CO, -", f"TEMPO.CO, -\n\nLaporan nomor {number} datang dari Moskow pada Minggu.")
        open(f"{work}/tempo/tempo-{number:04d}.id.txt", "w", encoding="utf-8").write(text)
    db = work + "/fetch.db"
    subprocess.run([binary, "init", "--db", db], check=True, capture_output=True)
    options = ["--mirror", f"https://www.reuters.com={site}", "--allow-hosts", "127.0.0.1", "--rate", "0", "--db", db]

    def run():
        start = time.time()
        done = subprocess.run([binary, "import", work + "/tempo", "--fetch-originals", *options], capture_output=True, text=True)
        return time.time() - start, done

    open(work + "/log", "a").close()
    before = len(open(work + "/log").read().splitlines())
    elapsed, first = run()
    requests = len(open(work + "/log").read().splitlines()) - before
    failures = sum(1 for line in first.stderr.splitlines() if "failed: " in line)
    print(f"import --fetch-originals, {count} translations, rate 0: {first.stdout.strip()} in {elapsed:.1f} s "
          f"({count / elapsed:.0f} translations/s, {requests} requests), {failures} failure lines, "
          f"peak memory {resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024:.0f} MB")
    elapsed, second = run()
    again = len(open(work + "/log").read().splitlines()) - before - requests
    print(f"the same run again: {second.stdout.strip()} in {elapsed:.1f} s, {again} requests (only the failures)")
finally:
    server.kill()
    subprocess.run(["rm", "-rf", work])
