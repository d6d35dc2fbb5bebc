"""A news site on 127.0.0.1 for the tests: the fixture pages and feeds, and every way to fail.

Started in a thread inside the test; nothing leaves the machine. ``{{BASE}}`` in a fixture
file becomes the server's address, so that feeds link to pages on the same server.

    /page/NAME, /feed/NAME     a fixture file as text/html, application/rss+xml
    /etag/NAME                 with an ETag: answers 304 to If-None-Match
    /flaky/NAME                the page once, then 503
    /status/CODE               that status (404, 500, 410, …)
    /loop/a, /loop/b           redirect to each other
    /redirect/N                N redirects, then the seed page
    /trickle                   a byte every 0.2 s, for ever
    /huge                      a 50 MB page, sent as fast as the client reads
    /bomb                      gzip that inflates to 100 MB
    /image                     a PNG
    /charset/header-latin1     ISO-8859-1 in the header, cp1252 bytes, a <meta> that lies
    /charset/meta-cp1252       no charset in the header, cp1252 bytes, <meta charset=cp1252>
    /charset/header-utf8-wrong "ISO-8859-1" in the header, UTF-8 bytes (a common misconfiguration)
"""

from __future__ import annotations

import functools
import gzip
import threading
import time
from collections import Counter
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures" / "web"
HUGE_BYTES = 50 * 1024 * 1024
CHARSET_PAGE = (
    "<html><head>{meta}<title>Grüße aus Köln</title></head><body><article>"
    "<h1>Grüße aus Köln</h1>"
    + "<p>Der Bürgermeister Jürgen Weiß begrüßte die Gäste im Rathaus am Rhein und sagte, "
    "die Stadt freue sich über den Besuch. Über hundert Schülerinnen und Schüler "
    "überreichten Blumen, während die Musikkapelle spielte und die Sonne schien.</p>"
    * 3
    + "</article></body></html>"
)


@functools.cache
def gzip_bomb() -> bytes:
    """About 100 KB that inflate to 100 MB."""
    return gzip.compress(b"<html><body>" + b" " * (100 * 1024 * 1024), compresslevel=9)


class Handler(BaseHTTPRequestHandler):
    server: NewsServer
    protocol_version = "HTTP/1.1"

    def log_message(self, format: str, *args: object) -> None:  # quiet tests
        pass

    def do_GET(self) -> None:
        if self.path.startswith("http://"):  # sent to us as a proxy: the whole URL
            self.server.proxied.append(self.path)
            self.path = "/" + self.path.split("/", 3)[3]
        self.server.hits[self.path] += 1
        self.server.headers_seen.append(dict(self.headers.items()))
        kind, _, name = self.path.lstrip("/").partition("/")
        route = getattr(self, f"route_{kind}", None)
        if route is None:
            self.send(404, b"<html><body>Not found</body></html>", "text/html")
        else:
            route(name)

    def send(self, status: int, body: bytes, content_type: str, **headers: str) -> None:
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        for key, value in headers.items():
            self.send_header(key.replace("_", "-"), value)
        self.end_headers()
        self.wfile.write(body)

    def fixture(self, name: str) -> bytes | None:
        path = FIXTURES / name
        if not path.is_file():
            return None
        return path.read_bytes().replace(b"{{BASE}}", self.server.base.encode())

    def route_page(self, name: str) -> None:
        body = self.fixture(name)
        if body is None:
            self.send(404, b"gone", "text/html")
        else:
            self.send(200, body, "text/html; charset=utf-8")

    def route_feed(self, name: str) -> None:
        body = self.fixture(name)
        if body is None:
            self.send(404, b"gone", "text/html")
        else:
            self.send(200, body, "application/rss+xml")

    def route_etag(self, name: str) -> None:
        body = self.fixture(name) or b""
        tag = f'"v{self.server.version}"'
        if self.headers.get("If-None-Match") == tag:
            self.send_response(304)
            self.send_header("ETag", tag)
            self.send_header("Content-Length", "0")
            self.end_headers()
            return
        kind = "text/html; charset=utf-8" if name.endswith(".html") else "application/rss+xml"
        self.send(200, body, kind, ETag=tag)

    def route_flaky(self, name: str) -> None:
        """The page the first time, then a server error."""
        if self.server.hits[self.path] == 1:
            self.route_page(name)
        else:
            self.route_status("503")

    def route_status(self, code: str) -> None:
        self.send(int(code), f"<html><body>Fehler {code}</body></html>".encode(), "text/html")

    def route_loop(self, name: str) -> None:
        target = "/loop/b" if name == "a" else "/loop/a"
        self.send(302, b"", "text/html", Location=target)

    def route_redirect(self, count: str) -> None:
        left = int(count)
        target = f"/redirect/{left - 1}" if left > 1 else "/page/rentenpaket.html"
        self.send(301, b"", "text/html", Location=target)

    def route_trickle(self, _: str) -> None:
        self.send_response(200)
        self.send_header("Content-Type", "text/html")
        self.send_header("Content-Length", "100000")
        self.end_headers()
        try:
            while not self.server.stopping.is_set():
                self.wfile.write(b"<")
                self.wfile.flush()
                time.sleep(0.2)
        except OSError:
            pass  # the client hung up, as it should

    def route_huge(self, _: str) -> None:
        self.send_response(200)
        self.send_header("Content-Type", "text/html")  # no length: the client must count
        self.send_header("Connection", "close")
        self.end_headers()
        chunk = b"<p>" + b"Lorem ipsum dolor sit amet. " * 2000 + b"</p>\n"
        sent = 0
        try:
            while sent < HUGE_BYTES and not self.server.stopping.is_set():
                self.wfile.write(chunk)
                sent += len(chunk)
        except OSError:
            self.server.huge_stopped_at = sent

    def route_bomb(self, _: str) -> None:
        self.send(200, gzip_bomb(), "text/html", Content_Encoding="gzip")

    def route_image(self, _: str) -> None:
        self.send(200, b"\x89PNG\r\n\x1a\n" + bytes(200), "image/png")

    def route_gzip(self, name: str) -> None:
        body = gzip.compress(self.fixture(name) or b"")
        self.send(200, body, "text/html; charset=utf-8", Content_Encoding="gzip")

    def route_charset(self, name: str) -> None:
        if name == "header-latin1":
            page = CHARSET_PAGE.format(meta='<meta charset="utf-8">')
            self.send(200, page.encode("cp1252"), "text/html; charset=ISO-8859-1")
        elif name == "meta-cp1252":
            page = CHARSET_PAGE.format(meta='<meta charset="windows-1252">')
            self.send(200, page.encode("cp1252"), "text/html")
        elif name == "header-utf8-wrong":
            page = CHARSET_PAGE.format(meta="")
            self.send(200, page.encode("utf-8"), "text/html; charset=ISO-8859-1")
        else:
            self.send(404, b"", "text/html")


class NewsServer(ThreadingHTTPServer):
    daemon_threads = True

    def __init__(self) -> None:
        super().__init__(("127.0.0.1", 0), Handler)
        self.base = f"http://127.0.0.1:{self.server_address[1]}"
        self.hits: Counter[str] = Counter()
        self.headers_seen: list[dict[str, str]] = []
        self.proxied: list[str] = []  # requests that came as to a proxy
        self.version = 1  # of the /etag/ feeds
        self.stopping = threading.Event()
        self.huge_stopped_at: int | None = None
        self.thread = threading.Thread(target=self.serve_forever, daemon=True)

    def handle_error(self, request: object, client_address: object) -> None:
        pass  # clients that hang up early are what several tests are about

    def url(self, path: str) -> str:
        return f"{self.base}{path}"

    def __enter__(self) -> NewsServer:
        self.thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.stopping.set()
        self.shutdown()
        self.server_close()
        self.thread.join(timeout=5)
