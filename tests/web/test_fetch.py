"""reader.web.fetch and charset against the local news server: every way a fetch can fail."""

from __future__ import annotations

import errno
import socket
import time

import pytest

from reader import __version__
from reader.web import charset
from reader.web.fetch import FetchError, Limits, fetch
from tests.web.server import NewsServer


def test_page_arrives_with_an_honest_user_agent(server: NewsServer) -> None:
    response = fetch(server.url("/page/rentenpaket.html"))
    assert response.status == 200
    assert response.media_type == "text/html"
    assert b"Rentenpaket" in response.body
    assert server.headers_seen[-1]["User-Agent"] == f"reader-news/{__version__}"


def test_gzip_is_inflated(server: NewsServer) -> None:
    response = fetch(server.url("/gzip/rentenpaket.html"))
    assert response.body.startswith(b"<!DOCTYPE html>")


@pytest.mark.parametrize(
    ("path", "message"),
    [
        ("/status/404", "HTTP 404 Not Found"),
        ("/status/410", "HTTP 410 Gone"),
        ("/status/500", "HTTP 500 Internal Server Error"),
        ("/loop/a", "redirects in a loop"),
        ("/redirect/12", "more than 10 redirects"),
    ],
)
def test_http_failures_are_one_line(server: NewsServer, path: str, message: str) -> None:
    with pytest.raises(FetchError) as caught:
        fetch(server.url(path))
    assert message in str(caught.value)
    assert "\n" not in str(caught.value)


def test_redirects_are_followed(server: NewsServer) -> None:
    response = fetch(server.url("/redirect/3"))
    assert response.url.endswith("/page/rentenpaket.html")


def test_a_trickling_server_is_cut_off_at_the_deadline(server: NewsServer) -> None:
    started = time.monotonic()
    with pytest.raises(FetchError, match="stopped after 1 s"):
        fetch(server.url("/trickle"), limits=Limits(deadline=1.0, read_timeout=5.0))
    assert time.monotonic() - started < 3


def test_a_50_mb_page_is_cut_off_while_it_streams(server: NewsServer) -> None:
    with pytest.raises(FetchError, match="larger than 10 MB, stopped reading"):
        fetch(server.url("/huge"))  # no Content-Length: the client counts what arrives
    deadline = time.monotonic() + 5
    while server.huge_stopped_at is None and time.monotonic() < deadline:
        time.sleep(0.05)
    assert server.huge_stopped_at is not None
    assert server.huge_stopped_at < 30 * 1024 * 1024  # the server was not read to the end


def test_a_gzip_bomb_is_cut_off(server: NewsServer) -> None:
    with pytest.raises(FetchError, match="larger than 10 MB"):
        fetch(server.url("/bomb"))


def test_refused_connection_and_bad_links() -> None:
    with socket.socket() as probe:  # a port nobody listens on
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    with pytest.raises(FetchError, match="connection refused"):
        fetch(f"http://127.0.0.1:{port}/")
    with pytest.raises(FetchError, match="not an http"):
        fetch("ftp://127.0.0.1/feed")
    with pytest.raises(FetchError, match="bad port"):
        fetch("http://127.0.0.1:99999999/")


def test_no_network(monkeypatch: pytest.MonkeyPatch) -> None:
    def unreachable(*args: object, **kwargs: object) -> None:
        raise OSError(errno.ENETUNREACH, "Network is unreachable")

    monkeypatch.setattr(socket, "create_connection", unreachable)
    with pytest.raises(FetchError, match=r"nachrichten\.example/: no network$"):
        fetch("http://nachrichten.example/")


def test_a_proxy_from_the_environment(server: NewsServer, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("http_proxy", server.base)
    monkeypatch.setenv("no_proxy", "127.0.0.1")
    response = fetch("http://nachrichten.example/page/rentenpaket.html")
    assert server.proxied[-1] == "http://nachrichten.example/page/rentenpaket.html"
    assert b"Rentenpaket" in response.body
    fetch(server.url("/page/bayern-freiburg.html"))  # in no_proxy: asked directly
    assert server.proxied == ["http://nachrichten.example/page/rentenpaket.html"]


def test_unknown_host_is_a_dns_error(monkeypatch: pytest.MonkeyPatch) -> None:
    def no_dns(*args: object, **kwargs: object) -> None:
        raise socket.gaierror(socket.EAI_NONAME, "Name or service not known")

    monkeypatch.setattr(socket, "getaddrinfo", no_dns)
    with pytest.raises(FetchError, match="cannot find the server"):
        fetch("https://nachrichten.invalid/artikel.html")


def test_tls_failure_is_named(server: NewsServer) -> None:
    # An https request to a plain-http server fails in the TLS handshake.
    with pytest.raises(FetchError, match=r"TLS|closed the connection"):
        fetch(server.url("/page/rentenpaket.html").replace("http:", "https:"))


def test_offline_refuses_before_any_socket(
    server: NewsServer, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("READER_OFFLINE", "1")
    hits = sum(server.hits.values())
    with pytest.raises(FetchError, match="offline"):
        fetch(server.url("/page/rentenpaket.html"))
    assert sum(server.hits.values()) == hits


def test_conditional_request_gets_304(server: NewsServer) -> None:
    first = fetch(server.url("/etag/feed-inland.xml"))
    tag = first.headers["etag"]
    again = fetch(server.url("/etag/feed-inland.xml"), etag=tag)
    assert again.not_modified and again.body == b""
    assert server.headers_seen[-1]["If-None-Match"] == tag


@pytest.mark.parametrize(
    ("path", "codec"),
    [
        ("/charset/header-latin1", "cp1252"),  # the header beats a lying <meta>
        ("/charset/meta-cp1252", "cp1252"),  # no header charset: the <meta> says it
        ("/charset/header-utf8-wrong", "utf-8"),  # UTF-8 bytes called ISO-8859-1
    ],
)
def test_charset_from_header_and_page(server: NewsServer, path: str, codec: str) -> None:
    response = fetch(server.url(path))
    text, used = charset.decode(response.body, response.content_type)
    assert used == codec
    assert "Grüße aus Köln" in text and "Jürgen Weiß" in text


def test_charset_rules_without_a_server() -> None:
    assert charset.choose("ä".encode("utf-16"), "text/html; charset=cp1252").startswith("utf-16")
    assert charset.choose(b"<meta charset='x-unknown'>", None) == "cp1252"
    assert charset.choose("<p>Weiß</p>".encode(), None) == "utf-8"
    assert charset.header_charset('text/html; Charset="UTF-8"') == "UTF-8"
