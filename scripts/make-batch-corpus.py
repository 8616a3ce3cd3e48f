#!/usr/bin/env python3
"""Builds a batch of N translation/original article pairs for `padan import --pair-with`.

Each pair is a pud-dev article (../shared/data/align/pud-dev, else Tests/Fixtures/gold/align/pud-dev) given a first paragraph of its own;
the translation is Tempo-style (headline, date line, `TEMPO.CO, Jakarta -`, the cited Reuters
URL), every third one saved as an HTML page; the original is Reuters-style and named by its story
id. Usage: make-batch-corpus.py N OUTDIR  (writes OUTDIR/tempo and OUTDIR/reuters).
"""
import html, os, sys

count, out = int(sys.argv[1]), sys.argv[2]
here = os.path.dirname(os.path.abspath(__file__))
pud = os.path.join(here, "..", "..", "shared", "data", "align", "pud-dev")
if not os.path.isdir(pud):
    # A clone without ../shared: the copy shipped for the tests.
    pud = os.path.join(here, "..", "Tests", "Fixtures", "gold", "align", "pud-dev")
stems = sorted(f[:-len(".en.raw.txt")] for f in os.listdir(pud) if f.endswith(".en.raw.txt"))
cities = ["Bandung", "Surabaya", "Medan", "Makassar", "Semarang", "Palembang", "Denpasar", "Padang", "Manado", "Ambon"]
for folder in ("tempo", "reuters"):
    os.makedirs(os.path.join(out, folder), exist_ok=True)
for i in range(count):
    stem = stems[i % len(stems)]
    english = open(os.path.join(pud, stem + ".en.raw.txt"), encoding="utf-8").read().strip()
    indonesian = open(os.path.join(pud, stem + ".id.raw.txt"), encoding="utf-8").read().strip()
    story = "idUSPADAN%05dX" % i
    url = "https://www.reuters.com/article/" + story
    city, people, day = cities[i % len(cities)], i * 7 + 3, 1 + i % 27
    en_lead = f"JAKARTA, Jan {day} (Reuters) - Report number {i} said {people} people gathered in {city} on Monday."
    id_lead = f"TEMPO.CO, Jakarta - Laporan nomor {i} menyebutkan {people} orang berkumpul di {city} pada hari Senin."
    with open(os.path.join(out, "reuters", story + ".txt"), "w", encoding="utf-8") as f:
        f.write(f"Report {i} from {city}\n\n{en_lead}\n\n{english}\n")
    headline = f"Laporan {i} dari {city}"
    date = f"Senin, {day} Januari 2021 10:00 WIB"
    if i % 3 == 0:
        paragraphs = [id_lead] + indonesian.split("\n\n")
        body = "\n".join(f"<p>{html.escape(p)}</p>" for p in paragraphs if p.strip())
        page = (f"<!DOCTYPE html><html lang=\"id\"><head><title>{headline} - Tempo.co</title></head><body>"
                f"<nav class=\"menu\"><a href=\"/\">Home</a></nav><article><h1>{headline}</h1>"
                f"<div class=\"date\">{date}</div><div class=\"detail-in\">{body}"
                f"<p>Sumber: <a href=\"{url}\">Reuters</a></p></div></article>"
                f"<aside class=\"berita-terkait\"><h3>Berita terkait</h3><ul><li>Teaser {i}</li></ul></aside></body></html>")
        with open(os.path.join(out, "tempo", f"laporan-{i:05d}.html"), "w", encoding="utf-8") as f:
            f.write(page)
    else:
        with open(os.path.join(out, "tempo", f"laporan-{i:05d}.txt"), "w", encoding="utf-8") as f:
            f.write(f"{headline}\n\n{date}\n\n{id_lead}\n\n{indonesian}\n\n{url}\n")
