#!/usr/bin/env python3
"""A site for the fetch tests, on 127.0.0.1 only: it plays reuters.com (reached through --mirror)
and the Web Archive, serving the bundled Reuters-style original as a saved page at the paths the
translations cite, and the awkward cases a crawler meets.

Usage: server.py PORT_FILE LOG_FILE — listens on a free port, writes it to PORT_FILE, and logs
each request's path to LOG_FILE. Written for this project; the page is corpora/reuters-…en.txt
(written for this project too, see corpora/README.md).
"""
import html, os, sys, time
from http.server import ThreadingHTTPServer, BaseHTTPRequestHandler

root = os.path.dirname(os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__)))))
original = open(os.path.join(root, "corpora", "reuters-2021-01-24-putin-biden.en.txt"), encoding="utf-8").read()
paragraphs = [p.strip() for p in original.split("\n\n") if p.strip()]
NEW = "/world/europe/kremlin-says-putin-ready-dialogue-with-biden-2021-01-24/"


def page(body_paragraphs, title, canonical):
    body = "\n".join(f"<p>{html.escape(p)}</p>" for p in body_paragraphs)
    return f"""<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>{html.escape(title)} | Reuters</title>
<link rel="canonical" href="https://www.reuters.com{canonical}">
<meta property="article:published_time" content="2021-01-24T10:12:00Z"></head>
<body><nav><a href="/world">World</a> <a href="/business">Business</a></nav>
<article><h1>{html.escape(title)}</h1>{body}</article>
<footer>All quotes delayed a minimum of 15 minutes.</footer></body></html>""".encode("utf-8")


ARTICLE = page(paragraphs[1:], paragraphs[0], NEW)
PAYWALL = page(["Subscribe now for unlimited access to award-winning journalism.",
                "Already a subscriber? Sign in to continue reading this story."], "Subscribe to continue", NEW)
limited = {"count": 0}


class Site(BaseHTTPRequestHandler):
    def log_message(self, *args):
        pass

    def send(self, status, body=b"", kind="text/html; charset=utf-8", headers=()):
        self.send_response(status)
        self.send_header("Content-Type", kind)
        self.send_header("Content-Length", str(len(body)))
        for name, value in headers:
            self.send_header(name, value)
        self.end_headers()
        self.wfile.write(body)

    def do_GET(self):
        with open(sys.argv[2], "a") as log:
            log.write(self.path + "\n")
        path = self.path
        if path == "/robots.txt":
            return self.send(200, b"User-agent: *\nDisallow: /private/\n", "text/plain")
        if path.startswith("/article/idUSKBN29T0CA"):
            return self.send(301, headers=[("Location", NEW)])
        if path.startswith(NEW) or path.startswith("/private/"):
            return self.send(200, ARTICLE)
        if path.startswith("/web/") and "/gone/" in path:
            return self.send(200, ARTICLE)  # the archive's copy of a page gone from the site
        if path.startswith("/gone/"):
            return self.send(404, b"<html><body>Page not found</body></html>")
        if path.startswith("/slow/"):
            time.sleep(5)
            return self.send(200, ARTICLE)
        if path.startswith("/huge/"):
            return self.send(200, b"<html><body>" + b"x" * (3 << 20) + b"</body></html>")
        if path.startswith("/paywall/"):
            return self.send(200, PAYWALL)
        if path.startswith("/limited/"):
            limited["count"] += 1
            if limited["count"] == 1:
                return self.send(429, b"slow down", "text/plain", [("Retry-After", "1")])
            return self.send(200, ARTICLE)
        if path.startswith("/loop/"):
            return self.send(302, headers=[("Location", path + "x")])
        if path.startswith("/batch/"):
            # /batch/N: every tenth story is gone.
            number = int(path.rstrip("/").split("/")[-1] or 0)
            if number % 10 == 3:
                return self.send(404, b"<html><body>Page not found</body></html>")
            # Each story its own: a first paragraph of its own (as the batch's translations have).
            return self.send(200, page([f"Report number {number} came from Moscow on Sunday."] + paragraphs[1:],
                                       paragraphs[0], f"/batch/{number}"))
        return self.send(404, b"<html><body>Page not found</body></html>")


server = ThreadingHTTPServer(("127.0.0.1", 0), Site)
with open(sys.argv[1], "w") as out:
    out.write(str(server.server_address[1]))
server.serve_forever()
